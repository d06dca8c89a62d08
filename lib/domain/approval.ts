import { z } from "zod";
import { environmentSchema } from "./activity-event";

/**
 * An out-of-band approval (Slack, PagerDuty, a ticket) for one kind of operation on one resource.
 * `operation` is a normalized operation (`delete`), a raw one (`DeleteDBInstance`) or a glob; `resource`
 * is a glob (`*` any run of characters). An approval covers an event only inside [approvedAt, expiresAt),
 * so `expiresAt` is required: an approval that never ends is a standing permission, not an approval.
 */
export const approvalChannels = ["slack", "pagerduty", "ticket", "other"] as const;

export const approvalSchema = z
  .object({
    id: z.string().min(1).optional(),
    approver: z.string().min(1),
    requester: z.string().min(1),
    operation: z.string().min(1),
    resource: z.string().min(1),
    environment: z.union([environmentSchema, z.literal("*")]),
    approvedAt: z.iso.datetime({ offset: true }),
    expiresAt: z.iso.datetime({ offset: true }),
    reference: z.string().min(1),
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
