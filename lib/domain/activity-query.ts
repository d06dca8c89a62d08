import { z } from "zod";
import { isoInstant } from "./iso-instant";
import { boolParam, listParam } from "./query-params";
import { actorTypeSchema, environmentSchema, type ActorType, type Environment, type Operation, type Outcome } from "./activity-event";


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

export type EventDto = {
  id: number;
  occurredAt: string;
  format: string;
  credential: { id: string; name: string | null; externalId: string } | null;
  credentialRef: { keyId?: string; fingerprint?: string; externalId?: string } | null;
  actor: string | null;
  actorType: ActorType;
  onBehalfOf: string | null;
  agentName: string | null;
  operation: Operation;
  rawOperation: string;
  destructive: boolean;
  resource: string | null;
  resourceEnvironment: Environment | null;
  outcome: Outcome;
  origin: Record<string, string>;
  approvalRef: string | null;
  crossEnv: boolean;
  afterExpiry: boolean;
  unapprovedDestructive: boolean;
  flagged: boolean;
};

/** The Leash approval that covers an event (approval-coverage.ts), as the event page names it. */
export type CoveringApprovalDto = { id: string; approver: string; channel: string; reference: string; approvedAt: string };

export type EventDetailDto = EventDto & {
  ingestKey: string;
  attributionReason: string;
  destructiveReason: string;
  environmentReason: string;
  flagReasons: { crossEnv: string; afterExpiry: string; unapprovedDestructive: string };
  /** The first recorded approval that covers the event, derived when read; null when none does. */
  coveringApproval: CoveringApprovalDto | null;
  /** The event as parsed, including the source's raw record. */
  payload: Record<string, unknown>;
};

export type EventPage = { items: EventDto[]; nextCursor: string | null };

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
