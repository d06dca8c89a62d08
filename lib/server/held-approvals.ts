import "server-only";
import { asc, lte, sql } from "drizzle-orm";
import { approvals } from "@/db/schema";
import type { Approval, HeldApproval } from "@/lib/domain/approval";
import { db } from "./db";

/** In the order they were recorded: of several approvals covering an event, the flag's reason names the first. */
export const RECORDING_ORDER = [asc(approvals.createdAt), asc(approvals.id)];

/**
 * The approvals Leash had recorded by `at` (all of them without it), each with when it was recorded: the input of
 * the unapproved-destructive flag at ingest and of R16. No permission check: its callers are the ingest and the
 * evaluator, which have made theirs.
 */
export async function heldApprovals(at?: Date): Promise<HeldApproval[]> {
  const rows = await db().select().from(approvals).where(at ? lte(approvals.createdAt, at) : undefined).orderBy(...RECORDING_ORDER);
  return rows.map(heldOfRow);
}

/**
 * The approvals held at each of several instants, from one read of those recorded by the latest: a page explained as
 * of many runs would otherwise read the table once per run. Each instant gets what heldApprovals(instant) returns.
 */
export async function approvalsHeldAt(instants: readonly Date[]): Promise<(at: Date) => HeldApproval[]> {
  const latest = new Date(Math.max(...instants.map((at) => at.getTime())));
  // created_at keeps microseconds and an instant has milliseconds: recorded by an instant is recorded by the first
  // whole millisecond at or after created_at (its ISO text, cut to milliseconds, could fall just before the instant).
  const rows = await db()
    .select({ row: approvals, recordedByMs: sql<number>`ceil(extract(epoch from ${approvals.createdAt}) * 1000)::float8` })
    .from(approvals)
    .where(lte(approvals.createdAt, latest))
    .orderBy(...RECORDING_ORDER);
  const held = rows.map(({ row, recordedByMs }) => ({ approval: heldOfRow(row), recordedByMs: Number(recordedByMs) }));
  const byInstant = new Map<number, HeldApproval[]>();
  return (at) => {
    const ms = at.getTime();
    let list = byInstant.get(ms);
    if (!list) byInstant.set(ms, (list = held.filter((h) => h.recordedByMs <= ms).map((h) => h.approval)));
    return list;
  };
}

/** A stored approval with when Leash recorded it (from which approvalStartsAt counts it). */
export function heldOfRow(row: typeof approvals.$inferSelect): HeldApproval {
  return { ...approvalOfRow(row), recordedAt: row.createdAt.toISOString() };
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
