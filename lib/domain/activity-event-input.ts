import { z } from "zod";
import {
  actorTypeSchema,
  environmentSchema,
  operationSchema,
  outcomes,
  sessionKinds,
} from "./activity-event";

/**
 * The documented wire format of one Leash NDJSON event (one JSON object per line; the CSV columns are the
 * same fields flattened). Served as JSON Schema at /api/v1/schemas/event.json via `leashEventJsonSchema()`.
 */
const text = (description: string) => z.string().min(1).max(4096).describe(description);

const zonedTimestamp = z.iso
  .datetime({
    offset: true,
    error: (issue) =>
      issue.input === undefined
        ? "is required"
        : typeof issue.input === "string" && /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(issue.input)
          ? "timestamp has no time zone (add Z or an offset such as +00:00)"
          : "not an ISO 8601 timestamp with a time zone",
  })
  .describe("When it happened: ISO 8601 with a zone (Z or ±hh:mm). Timestamps without a zone are rejected.");

export const leashCredentialInputSchema = z
  .object({
    key_id: text("Provider key id, e.g. an AWS access key id.").optional(),
    fingerprint: text("Leash fingerprint (HMAC-SHA-256) of the secret.").optional(),
    external_id: text("The credential's id in the inventory source it was imported from.").optional(),
  })
  .refine((c) => c.key_id !== undefined || c.fingerprint !== undefined || c.external_id !== undefined, {
    message: "credential needs key_id, fingerprint or external_id",
  })
  .describe("Which credential was used; unknown credentials are kept and linked when imported.");

export const leashEventInputSchema = z
  .object({
    event_id: text("The source's unique id for this event; becomes the idempotency key.").max(512).optional(),
    occurred_at: zonedTimestamp,
    credential: leashCredentialInputSchema.optional(),
    actor: text("Who acted, as the source names them (user, role session, service account).").optional(),
    actor_type: actorTypeSchema.optional().describe("Stated actor type; wins over Leash's attribution."),
    on_behalf_of: text("The human an agent acted for.").optional(),
    agent_name: text("The agent's name, e.g. Claude Code.").optional(),
    operation: text("The operation as the source names it, e.g. volumeDelete or DeleteDBInstance."),
    statement: z.string().max(1_000_000).optional().describe("SQL text; when present the operation is classified from it."),
    normalized_operation: operationSchema.optional().describe("Stated normalized operation; wins over classification."),
    destructive: z.boolean().optional().describe("Stated destructiveness; wins over classification."),
    resource: text("What was acted on: ARN, table, volume id, URL.").optional(),
    environment: environmentSchema.optional().describe("The resource's environment; wins over environment patterns."),
    scope: z
      .object({
        aws_account_id: text("AWS account of the resource.").optional(),
        host: text("Host name of the resource.").optional(),
        database: text("Database name.").optional(),
        project_id: text("Provider project id (Railway, GCP, Vercel …).").optional(),
      })
      .optional()
      .describe("Where the resource lives; matched against environment patterns."),
    // Left out or empty, it reads "is required" (zod-issue.ts), not the list of outcomes a wrong one reads.
    outcome: z.enum(outcomes).describe("success, failure or denied."),
    error_code: text("Provider error code when the call failed.").optional(),
    origin: z
      .object({
        ip: text("Source IP address.").optional(),
        user_agent: text("HTTP user agent or client string.").optional(),
        application: text("Application name (e.g. PostgreSQL application_name).").optional(),
      })
      .optional(),
    tags: z.record(z.string().max(256), z.string().max(1024)).optional().describe("Session or principal tags, e.g. actor_type=agent."),
    session: z
      .object({
        kind: z.enum(sessionKinds).optional(),
        issuer: text("Role or identity provider that issued the session.").optional(),
      })
      .optional(),
    approval_ref: text("Reference of the out-of-band approval this operation ran under.").optional(),
  })
  .meta({ title: "Leash activity event", description: "One line of a Leash NDJSON activity upload." });
export type LeashEventInput = z.infer<typeof leashEventInputSchema>;

/** JSON Schema (draft 2020-12) of one NDJSON line, generated from the zod schema so the two cannot drift. */
export function leashEventJsonSchema(): Record<string, unknown> {
  return {
    $id: "/api/v1/schemas/event.json",
    ...z.toJSONSchema(leashEventInputSchema, { target: "draft-2020-12", io: "input" }),
  };
}
