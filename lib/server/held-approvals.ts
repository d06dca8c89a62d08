import "server-only";
import { lte } from "drizzle-orm";
import { approvals } from "@/db/schema";
import type { HeldApproval } from "@/lib/domain/approval";
import { db } from "./db";

/**
 * The approvals Leash had recorded by `at` (all of them without it), each with when it was recorded: the input of
 * the unapproved-destructive flag at ingest and of R16. No permission check: its callers are the ingest and the
 * evaluator, which have made theirs.
 */
export async function heldApprovals(at?: Date): Promise<HeldApproval[]> {
  const rows = await db().select().from(approvals).where(at ? lte(approvals.createdAt, at) : undefined);
  return rows.map((a) => ({
    id: a.id,
    approver: a.approver,
    requester: a.requester,
    operation: a.operation,
    resource: a.resource,
    environment: a.environment as HeldApproval["environment"],
    approvedAt: a.approvedAt.toISOString(),
    expiresAt: a.expiresAt.toISOString(),
    reference: a.reference,
    channel: a.channel,
    recordedAt: a.createdAt.toISOString(),
  }));
}
