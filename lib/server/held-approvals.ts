import "server-only";
import { lte } from "drizzle-orm";
import { approvals } from "@/db/schema";
import type { Approval, HeldApproval } from "@/lib/domain/approval";
import { db } from "./db";

/**
 * The approvals Leash had recorded by `at` (all of them without it), each with when it was recorded: the input of
 * the unapproved-destructive flag at ingest and of R16. No permission check: its callers are the ingest and the
 * evaluator, which have made theirs.
 */
export async function heldApprovals(at?: Date): Promise<HeldApproval[]> {
  const rows = await db().select().from(approvals).where(at ? lte(approvals.createdAt, at) : undefined);
  return rows.map((row) => ({ ...approvalOfRow(row), recordedAt: row.createdAt.toISOString() }));
}

/** A stored approval as the domain states it (ISO instants). */
export function approvalOfRow(row: typeof approvals.$inferSelect): Approval & { id: string } {
  return {
    id: row.id,
    approver: row.approver,
    requester: row.requester,
    operation: row.operation,
    resource: row.resource,
    environment: row.environment as Approval["environment"],
    approvedAt: row.approvedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    reference: row.reference,
    channel: row.channel,
  };
}
