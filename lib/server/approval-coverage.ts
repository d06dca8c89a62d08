import "server-only";
import { and, asc, eq, gt, gte, lt, lte, or, sql } from "drizzle-orm";
import { activityEvents, approvals } from "@/db/schema";
import { approvalCovers, unapprovedDestructive } from "@/lib/domain/activity-event-flags";
import { approvalStartsAt, type HeldApproval } from "@/lib/domain/approval";
import type { CoveringApprovalDto } from "@/lib/domain/activity-query";
import { db } from "./db";
import { heldApprovals, heldOfRow, RECORDING_ORDER } from "./held-approvals";
import type { Tx } from "./inventory-writer";

const BATCH = 1000;

/** The event fields the unapproved-destructive flag reads, as the ingest judges them. */
const judged = {
  id: activityEvents.id,
  occurredAt: activityEvents.occurredAt,
  resourceEnvironment: activityEvents.resourceEnvironment,
  actorType: activityEvents.actorType,
  destructive: activityEvents.destructive,
  operation: activityEvents.operation,
  rawOperation: activityEvents.rawOperation,
  resource: activityEvents.resource,
};
type JudgedRow = { [K in keyof typeof judged]: (typeof activityEvents.$inferSelect)[K] };

function flagEventOf(row: JudgedRow) {
  return { ...row, occurredAt: row.occurredAt.toISOString() };
}

/**
 * Clears the unapproved-destructive flag of the stored events a just-recorded approval covers: an agent's delete is
 * often ingested minutes before its Slack approval reaches Leash, which still counts from the time it states
 * (approvalStartsAt). Called in the approval's transaction. Coverage is approvalCovers() and the new reason is
 * unapprovedDestructive()'s, as the ingest would have judged the event had the approval been held then. Only events
 * still flagged are read (the flagged index), by keyset in batches, so a wide window stays flat in memory; an event
 * another approval already covers keeps its reason. The day counts follow by their update trigger.
 */
export async function clearFlagsCoveredBy(tx: Tx, approval: HeldApproval): Promise<number> {
  const window = and(
    eq(activityEvents.flagged, true),
    eq(activityEvents.unapprovedDestructive, true),
    gte(activityEvents.occurredAt, new Date(approvalStartsAt(approval))),
    lt(activityEvents.occurredAt, new Date(approval.expiresAt)),
  );
  let cleared = 0;
  for (let after = 0; ; ) {
    const batch = await tx.select(judged).from(activityEvents).where(and(window, gt(activityEvents.id, after))).orderBy(asc(activityEvents.id)).limit(BATCH);
    if (batch.length === 0) return cleared;
    after = batch.at(-1)!.id;
    const updates = batch
      .map(flagEventOf)
      .filter((event) => approvalCovers(approval, event))
      .map((event) => ({ id: event.id, reason: unapprovedDestructive(event, [approval]).reason }));
    if (updates.length) {
      await tx.execute(sql`
        update activity_events e set unapproved_destructive = false, flagged = e.cross_env or e.after_expiry,
          flag_reasons = jsonb_set(e.flag_reasons::jsonb, '{unapprovedDestructive}', to_jsonb(x.reason))::json
        from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as x(id bigint, reason text)
        where e.id = x.id and e.unapproved_destructive`);
      cleared += updates.length;
    }
    if (batch.length < BATCH) return cleared;
  }
}

/**
 * Catches up an ingest run with the approvals recorded while it was written: it judged its events with those held
 * when it started, and an approval's own clearing reads only the events committed before it. Idempotent.
 */
export async function clearFlagsCoveredByApprovalsSince(held: readonly HeldApproval[]): Promise<void> {
  const known = new Set(held.map((a) => a.id));
  for (const approval of await heldApprovals()) {
    if (!known.has(approval.id)) await db().transaction((tx) => clearFlagsCoveredBy(tx, approval));
  }
}

/**
 * The approval that covers a stored event, derived when read (the event keeps only the source's approval_ref): the
 * first recorded of those approvalCovers() accepts, the one the ingest and clearFlagsCoveredBy name in the flag's
 * reason. Null when none does. No permission check: the caller has shown the event.
 */
export async function coveringApproval(event: JudgedRow): Promise<CoveringApprovalDto | null> {
  if (event.resource === null) return null;
  // Every approval that can cover the event stated a time at or before it (its start is never earlier than that).
  const rows = await db()
    .select()
    .from(approvals)
    .where(
      and(
        lte(approvals.approvedAt, event.occurredAt),
        gt(approvals.expiresAt, event.occurredAt),
        or(eq(approvals.environment, "*"), event.resourceEnvironment ? eq(approvals.environment, event.resourceEnvironment) : undefined),
      ),
    )
    .orderBy(...RECORDING_ORDER);
  const found = rows.find((r) => approvalCovers(heldOfRow(r), flagEventOf(event)));
  return found ? { id: found.id, approver: found.approver, channel: found.channel, reference: found.reference, approvedAt: found.approvedAt.toISOString() } : null;
}
