import { z } from "zod";
import { isoInstant } from "./iso-instant";
import { boolParam, listParam } from "./query-params";
import { actorTypeSchema, environmentSchema, eventFormatSchema, operationSchema, outcomeSchema } from "./activity-event";


export const eventListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  actorType: listParam(actorTypeSchema, 10).optional(),
  agent: z.string().trim().max(200).optional(),
  /** A credential id, or "unlinked" for events whose credential is not in the inventory yet. */
  credential: z.union([z.uuid(), z.literal("unlinked")]).optional(),
  environment: listParam(z.union([environmentSchema, z.literal("unknown")]), 10).optional(),
  destructive: boolParam.optional(),
  flagged: boolParam.optional(),
  /** Agent-initiated destructive operations in production with no approval granted before them (R16). */
  unapproved: boolParam.optional(),
  from: isoInstant().optional(),
  to: isoInstant().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});
export type EventListQuery = z.input<typeof eventListQuerySchema>;

/** The flags an event can raise, worst first (the order the CLI and the pages list them in). */
export const eventFlags = ["unapprovedDestructive", "crossEnv", "afterExpiry"] as const;
export type EventFlag = (typeof eventFlags)[number];

/** The Leash approval that covers an event (approval-coverage.ts), as the event page names it. */
export type CoveringApprovalDto = { id: string; approver: string; channel: string; reference: string; approvedAt: string };

/** An event in a list (GET /api/v1/events, `leash events list`): what happened, who did it and why Leash says so. */
export const eventDtoSchema = z.object({
  id: z.number().int(),
  occurredAt: z.string(),
  format: eventFormatSchema,
  credential: z.object({ id: z.string(), name: z.string().nullable(), externalId: z.string() }).nullable(),
  credentialRef: z.object({ keyId: z.string().optional(), fingerprint: z.string().optional(), externalId: z.string().optional() }).nullable(),
  actor: z.string().nullable(),
  actorType: actorTypeSchema,
  attributionReason: z.string().describe("why the actor is taken for a human, an agent, a service or unknown"),
  onBehalfOf: z.string().nullable(),
  agentName: z.string().nullable(),
  operation: operationSchema,
  rawOperation: z.string(),
  destructive: z.boolean(),
  resource: z.string().nullable(),
  resourceEnvironment: environmentSchema.nullable(),
  outcome: outcomeSchema,
  origin: z.record(z.string(), z.string()),
  approvalRef: z.string().nullable(),
  crossEnv: z.boolean(),
  afterExpiry: z.boolean(),
  unapprovedDestructive: z.boolean(),
  flagged: z.boolean(),
  // Only the raised flags' reasons: a list is read for what is wrong; the event page also says why a flag was not raised.
  flagReasons: z.partialRecord(z.enum(eventFlags), z.string()).describe("why each raised flag was raised; a flag not raised has no entry"),
});
export type EventDto = z.infer<typeof eventDtoSchema>;

export type EventDetailDto = Omit<EventDto, "flagReasons"> & {
  ingestKey: string;
  destructiveReason: string;
  environmentReason: string;
  /** Every flag's reason, raised or not (the list carries only the raised ones'). */
  flagReasons: Record<EventFlag, string>;
  /** The first recorded approval that covers the event, derived when read; null when none does. */
  coveringApproval: CoveringApprovalDto | null;
  /** The event as parsed, including the source's raw record. */
  payload: Record<string, unknown>;
};

export const eventPageSchema = z.object({ items: z.array(eventDtoSchema), nextCursor: z.string().nullable().describe("pass as `cursor` for the next page; null on the last") });
export type EventPage = z.infer<typeof eventPageSchema>;

export type ActivitySummaryDto = {
  /** One point per day: operations by actor type. */
  days: { day: string; human: number; agent: number; service: number; unknown: number; flagged: number }[];
};

/**
 * An ingest that stored no line, now or by an earlier send, and rejected some: a failed send to whoever sent it
 * (the API answers 422, the CLI exits 1), as a rejected import is. Some lines rejected beside stored ones are not:
 * the rest is stored, and the report names the rejects.
 */
export function everyLineRejected(report: { accepted: number; duplicate: number; rejected: number }): boolean {
  return report.rejected > 0 && report.accepted === 0 && report.duplicate === 0;
}
