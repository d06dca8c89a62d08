import "server-only";
import { desc, eq, or, sql } from "drizzle-orm";
import { approvals } from "@/db/schema";
import { approvalListQuerySchema, approvalSchema, type Approval, type ApprovalDto, type ApprovalListQuery, type ApprovalPage } from "@/lib/domain/approval";
import { approvalContentKey, type ApprovalLine } from "@/lib/ingest/approvals";
import { locationOf, rejectLine, type LineCounts, type RowLocation } from "@/lib/ingest/row-error";
import { clearFlagsCoveredBy } from "./approval-coverage";
import { actorOf, appendAudit } from "./audit";
import { db } from "./db";
import { evaluateAfter } from "./evaluation";
import { approvalOfRow, heldOfRow } from "./held-approvals";
import { AppError, parseInput } from "./errors";
import { textArray } from "./sql-rows";
import { requirePermission, type Viewer } from "./viewer";

export type { ApprovalDto } from "@/lib/domain/approval";

/** The single form's answer: the approval as Leash holds it, and whether it was held already (nothing recorded). */
export type RecordedApproval = ApprovalDto & { duplicate: boolean };

type ApprovalRow = typeof approvals.$inferSelect;

function toDto(row: ApprovalRow): ApprovalDto {
  return { ...approvalOfRow(row), createdAt: row.createdAt.toISOString(), createdBy: row.createdBy };
}

/**
 * Permission: approval:write. Records an out-of-band approval once. Its ingest key is the client's idempotency key
 * (a webhook delivery's signature) when given, else a hash of what it states: a repeat records nothing and answers
 * the approval held, marked duplicate. A key already used for a different approval is a conflict.
 * Events stored before it that it covers lose their unapproved-destructive flag with it (clearFlagsCoveredBy).
 */
export async function createApproval(viewer: Viewer, input: unknown, idempotencyKey?: string): Promise<RecordedApproval> {
  requirePermission(viewer, "approval:write");
  const approval = parseInput(approvalSchema, input);
  const contentKey = approvalContentKey(approval);
  const outcome = (await storeApprovals(viewer, [{ at: { line: 1 }, approval, key: idempotencyKey ?? contentKey }]))[0]!;
  if (outcome.kind === "rejected") throw new AppError("conflict", "Another approval already has this id", { id: outcome.problem.reason });
  if (outcome.kind === "duplicate" && approvalContentKey(approvalOfRow(outcome.row)) !== contentKey) {
    throw new AppError("conflict", "This Idempotency-Key was already used for a different approval", { "Idempotency-Key": "was already used for a different approval" });
  }
  if (outcome.kind === "stored") await evaluateAfter({ kind: "approval", approvalIds: [outcome.row.id] }, actorOf(viewer).actorLabel);
  return { ...toDto(outcome.row), duplicate: outcome.kind === "duplicate" };
}

/**
 * Permission: approval:write. Records a batch of approvals, each keyed by what it states (a request's idempotency key
 * cannot name one of many): lines already held count as duplicates, bad lines are rejected with their line and
 * field, and the rest are stored together in one transaction, so a failure stores none of them.
 */
export async function ingestApprovals(viewer: Viewer, lines: AsyncIterable<ApprovalLine>): Promise<LineCounts> {
  requirePermission(viewer, "approval:write");
  const report: LineCounts = { accepted: 0, duplicate: 0, rejected: 0, errors: [] };
  const entries: Entry[] = [];
  for await (const line of lines) {
    if ("error" in line) rejectLine(report, line.error);
    else entries.push({ at: locationOf(line), approval: line.approval, key: approvalContentKey(line.approval) });
  }
  const outcomes = entries.length > 0 ? await storeApprovals(viewer, entries) : [];
  const stored: string[] = [];
  outcomes.forEach((outcome, i) => {
    if (outcome.kind === "stored") stored.push(outcome.row.id);
    else if (outcome.kind === "duplicate") report.duplicate++;
    else rejectLine(report, { ...entries[i]!.at, ...outcome.problem });
  });
  report.accepted = stored.length;
  // Rejected by the store (a taken id) after those the reader rejected: the report reads in line order.
  report.errors.sort((a, b) => a.line - b.line || (a.item ?? 0) - (b.item ?? 0));
  if (stored.length > 0) await evaluateAfter({ kind: "approval", approvalIds: stored }, actorOf(viewer).actorLabel);
  return report;
}

/**
 * Permission: activity:read. Newest approval first, in keyset pages: the cursor is the last id seen, and the next page
 * starts after that approval's (approved_at, id), so approvals recorded meanwhile neither repeat nor shift a page.
 */
export async function listApprovals(viewer: Viewer, query: ApprovalListQuery = {}): Promise<ApprovalPage> {
  requirePermission(viewer, "activity:read");
  const { limit, cursor } = parseInput(approvalListQuerySchema, query);
  // An id that is no approval anchors nothing: the comparison is null and the page empty.
  const anchor = (id: string) => db().select({ approvedAt: approvals.approvedAt, id: approvals.id }).from(approvals).where(eq(approvals.id, id));
  const rows = await db()
    .select()
    .from(approvals)
    .where(cursor ? sql`(${approvals.approvedAt}, ${approvals.id}) < (${anchor(cursor)})` : undefined)
    .orderBy(desc(approvals.approvedAt), desc(approvals.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return { approvals: page.map(toDto), nextCursor: rows.length > limit ? page.at(-1)!.id : null };
}

type Entry = { at: RowLocation; approval: Approval; key: string };

/** What became of one approval: stored now, held already (`row` is the one held, if any), or refused. */
type Outcome = { kind: "stored"; row: ApprovalRow } | { kind: "duplicate"; row: ApprovalRow } | { kind: "rejected"; problem: { field: "id"; reason: string } };

// Rows per INSERT: each row is about a dozen bind parameters, and a statement may have at most 65,535.
const INSERT_CHUNK = 1000;

/**
 * Stores approvals in one transaction, each once by its ingest key, with an audit entry per approval stored. An
 * approval whose key is held (or repeated earlier in the batch) is a duplicate; one naming an id another approval has
 * is refused. The caller has checked approval:write.
 */
async function storeApprovals(viewer: Viewer, entries: Entry[]): Promise<Outcome[]> {
  const actor = actorOf(viewer);
  const ids = entries.flatMap((e) => (e.approval.id ? [e.approval.id] : []));
  return db().transaction(async (tx) => {
    const held = await tx
      .select()
      .from(approvals)
      .where(or(sql`${approvals.ingestKey} = any(${textArray(entries.map((e) => e.key))})`, ids.length > 0 ? sql`${approvals.id} = any(${textArray(ids)}::uuid[])` : undefined));
    const byKey = new Map(held.flatMap((row) => (row.ingestKey ? [[row.ingestKey, row] as const] : [])));
    const takenIds = new Set(held.map((row) => row.id));
    const fresh = new Map<string, Approval>();
    for (const { approval, key } of entries) {
      if (byKey.has(key) || fresh.has(key) || (approval.id && takenIds.has(approval.id))) continue;
      fresh.set(key, approval);
      if (approval.id) takenIds.add(approval.id);
    }
    const values = [...fresh].map(([key, a]) => ({ ...a, approvedAt: new Date(a.approvedAt), expiresAt: new Date(a.expiresAt), ingestKey: key, createdBy: actor.actorLabel }));
    const inserted = new Map<string, ApprovalRow>();
    for (let i = 0; i < values.length; i += INSERT_CHUNK) {
      // A key stored since the read above (the same approval sent twice at once) is skipped here and read below.
      const rows = await tx.insert(approvals).values(values.slice(i, i + INSERT_CHUNK)).onConflictDoNothing().returning();
      for (const row of rows) inserted.set(row.ingestKey!, row);
    }
    const raced = [...fresh.keys()].filter((key) => !inserted.has(key));
    if (raced.length > 0) for (const row of await tx.select().from(approvals).where(sql`${approvals.ingestKey} = any(${textArray(raced)})`)) byKey.set(row.ingestKey!, row);
    for (const row of inserted.values()) {
      // In the same transaction: an approval and the events it now covers are stored together or not at all.
      const cleared = await clearFlagsCoveredBy(tx, heldOfRow(row));
      await appendAudit(tx, actor, { action: "approval.create", targetType: "approval", targetId: row.id, details: { operation: row.operation, resource: row.resource, reference: row.reference, channel: row.channel, eventsApproved: cleared } });
    }
    const firstOfKey = new Set<string>();
    return entries.map(({ key }): Outcome => {
      const row = inserted.get(key);
      if (row && !firstOfKey.has(key)) {
        firstOfKey.add(key);
        return { kind: "stored", row };
      }
      const heldRow = byKey.get(key) ?? row;
      if (heldRow) return { kind: "duplicate", row: heldRow };
      return { kind: "rejected", problem: { field: "id", reason: "is already another approval's id" } };
    });
  });
}
