import { z } from "zod";

/**
 * The normalized activity event: one thing a credential was used for, whatever log it came from.
 * Field names are camelCase here (TypeScript and drizzle); the documented wire format in
 * `activity-event-input.ts` is snake_case.
 */

export const actorTypes = ["human", "agent", "service", "unknown"] as const;
export const actorTypeSchema = z.enum(actorTypes);
export type ActorType = z.infer<typeof actorTypeSchema>;

export const outcomes = ["success", "failure", "denied"] as const;
export const outcomeSchema = z.enum(outcomes);
export type Outcome = z.infer<typeof outcomeSchema>;

export const operations = ["read", "write", "delete", "drop", "truncate", "admin", "deploy", "other"] as const;
export const operationSchema = z.enum(operations);
export type Operation = z.infer<typeof operationSchema>;

export const environments = ["production", "staging", "development"] as const;
export const environmentSchema = z.enum(environments);
export type Environment = z.infer<typeof environmentSchema>;

/** Principal types a credential can have (DESIGN §2). */
export const principalTypes = ["human", "service", "agent"] as const;
export type PrincipalType = (typeof principalTypes)[number];

/**
 * How the event names its credential. Any one is enough; the credential itself may be imported
 * later, so an event with an unknown reference is kept and linked when it appears.
 */
export const credentialRefSchema = z
  .object({
    keyId: z.string().min(1).optional(),
    fingerprint: z.string().min(1).optional(),
    externalId: z.string().min(1).optional(),
  })
  .refine((r) => r.keyId !== undefined || r.fingerprint !== undefined || r.externalId !== undefined, {
    message: "a credential reference needs a key id, a fingerprint or an external id",
  });
export type CredentialRef = z.infer<typeof credentialRefSchema>;

export const originSchema = z.object({
  ip: z.string().min(1).optional(),
  userAgent: z.string().min(1).optional(),
  application: z.string().min(1).optional(),
});
export type Origin = z.infer<typeof originSchema>;

/** Where the resource lives, as far as the source says: the inputs to environment resolution. */
export const eventScopeSchema = z.object({
  awsAccountId: z.string().min(1).optional(),
  host: z.string().min(1).optional(),
  database: z.string().min(1).optional(),
  projectId: z.string().min(1).optional(),
});
export type EventScope = z.infer<typeof eventScopeSchema>;

/** How the actor signed in; kept so attribution can be re-run when a credential is imported later. */
export const sessionKinds = ["sso", "console", "assumed_role", "iam_user", "root", "service", "federated", "database", "other"] as const;
export const eventSessionSchema = z.object({
  kind: z.enum(sessionKinds).optional(),
  /** e.g. the role a CloudTrail session was issued by (`AWSReservedSSO_Admin_…`). */
  issuer: z.string().min(1).optional(),
  /** Service that acted for the principal (CloudTrail `invokedBy`, e.g. `bedrock.amazonaws.com`). */
  invokedBy: z.string().min(1).optional(),
});
export type EventSession = z.infer<typeof eventSessionSchema>;

export const eventFormats = ["leash-ndjson", "cloudtrail", "pgaudit", "csv"] as const;
export const eventFormatSchema = z.enum(eventFormats);
export type EventFormat = z.infer<typeof eventFormatSchema>;

/** Values the source stated outright; they win over anything Leash infers. */
export const explicitFieldsSchema = z.object({
  actorType: actorTypeSchema.optional(),
  agentName: z.string().min(1).optional(),
  onBehalfOf: z.string().min(1).optional(),
  environment: environmentSchema.optional(),
  operation: operationSchema.optional(),
  destructive: z.boolean().optional(),
});
export type ExplicitFields = z.infer<typeof explicitFieldsSchema>;

/** UTC instant as ISO 8601 with `Z`: parsers convert every accepted zone to this. */
const utcInstant = z.iso.datetime({ offset: false });

/**
 * What a log says happened, before Leash derives anything. Parsers produce this; the ingest key of a
 * source without event ids is a hash of exactly these fields, so re-attributing later never changes it.
 */
export const observedEventSchema = z.object({
  format: eventFormatSchema,
  /** The source's own event id (CloudTrail `eventID`), when it has one. */
  sourceEventId: z.string().min(1).optional(),
  occurredAt: utcInstant,
  credential: credentialRefSchema.nullable(),
  actor: z.string().min(1).nullable(),
  rawOperation: z.string().min(1),
  /** `sql` operations are classified from the statement text, `api` ones from the verb. */
  operationKind: z.enum(["sql", "api"]),
  statement: z.string().optional(),
  resource: z.string().min(1).nullable(),
  scope: eventScopeSchema,
  outcome: outcomeSchema,
  errorCode: z.string().min(1).optional(),
  origin: originSchema,
  tags: z.record(z.string(), z.string()),
  session: eventSessionSchema,
  explicit: explicitFieldsSchema,
  approvalRef: z.string().min(1).nullable(),
  raw: z.unknown(),
  /** `raw` as JSON text: the source's own when a reader has it (an NDJSON line), so it is stored without re-serialising. */
  rawJson: z.string().optional(),
});
export type ObservedEvent = z.infer<typeof observedEventSchema>;

/** The stored record: observed facts plus what Leash derived, each derivation with its reason. */
export const activityEventSchema = observedEventSchema.extend({
  ingestKey: z.string().min(1),
  actorType: actorTypeSchema,
  attributionReason: z.string().min(1),
  onBehalfOf: z.string().min(1).nullable(),
  agentName: z.string().min(1).nullable(),
  operation: operationSchema,
  destructive: z.boolean(),
  destructiveReason: z.string().min(1),
  resourceEnvironment: environmentSchema.nullable(),
  environmentReason: z.string().min(1),
});
export type ActivityEvent = z.infer<typeof activityEventSchema>;
