import { z } from "zod";
import { isoInstant } from "./iso-instant";
import { environments } from "./activity-event";
import { safeName } from "./safe-name";

/**
 * An out-of-band approval (Slack, PagerDuty, a ticket) for one kind of operation on one resource.
 * `operation` is a normalized operation (`delete`), a raw one (`DeleteDBInstance`) or a glob; `resource`
 * is a glob (`*` any run of characters). An approval covers an event only inside [approvedAt, expiresAt),
 * so `expiresAt` is required: an approval that never ends is a standing permission, not an approval.
 */
export const approvalChannels = ["slack", "pagerduty", "ticket", "other"] as const;

export const approvalSchema = z
  .object({
    // Bounded like the events they cover (a resource names what an event acted on, up to 4,096 characters).
    id: z.uuid().optional(),
    approver: safeName(z.string().min(1).max(320)),
    requester: safeName(z.string().min(1).max(320)),
    operation: z.string().min(1).max(256),
    resource: z.string().min(1).max(4096),
    // One enum, not a union with "*": a wrong value is then answered with the values that would do.
    environment: z.enum([...environments, "*"]),
    approvedAt: isoInstant(),
    expiresAt: isoInstant(),
    reference: safeName(z.string().min(1).max(512)),
    channel: z.enum(approvalChannels),
  })
  // Self-approval is no out-of-band check at all.
  .refine((a) => a.approver.toLowerCase() !== a.requester.toLowerCase(), {
    message: "the approver must be someone other than the requester",
    path: ["approver"],
  })
  .refine((a) => Date.parse(a.expiresAt) > Date.parse(a.approvedAt), {
    message: "expires_at must be after approved_at",
    path: ["expiresAt"],
  });
export type Approval = z.infer<typeof approvalSchema>;

/** Keyset pages of approvals, newest approval first; `cursor` is the last approval id of the page before. */
export const approvalListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.uuid({ error: "is not a cursor from this list" }).optional(),
});
export type ApprovalListQuery = z.input<typeof approvalListQuerySchema>;

/** An approval as recorded: who recorded it and when (ISO instants throughout). */
export const approvalDtoSchema = z.object({ ...approvalSchema.shape, id: z.uuid(), createdAt: z.string(), createdBy: z.string() });
export type ApprovalDto = z.infer<typeof approvalDtoSchema>;

export const approvalPageSchema = z.object({ approvals: z.array(approvalDtoSchema), nextCursor: z.string().nullable().describe("pass as `cursor` for the next page; null on the last") });
export type ApprovalPage = z.infer<typeof approvalPageSchema>;

/** An approval as Leash holds it: `recordedAt` is when Leash learned of it (absent: taken as the time it states). */
export type HeldApproval = Approval & { recordedAt?: string };

/** How long after the time it states an approval may reach Leash and still count from that time. */
export const APPROVAL_RECORDING_GRACE_MS = 15 * 60_000;

/**
 * From when an approval counts. A Slack delivery or a person typing it in arrives minutes after the decision; one
 * recorded later than the grace counts only from its recording, because nothing Leash holds vouches for the earlier
 * time — otherwise whoever can record approvals could approve an agent's destructive operation after it ran.
 */
export function approvalStartsAt(approval: HeldApproval): number {
  const stated = Date.parse(approval.approvedAt);
  if (approval.recordedAt === undefined) return stated;
  const recorded = Date.parse(approval.recordedAt);
  return recorded - stated > APPROVAL_RECORDING_GRACE_MS ? recorded : stated;
}
