import "server-only";
import { and, desc, eq, gt, gte, ilike, lt, lte, asc, type SQL } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import { auditQuerySchema, type AuditEntryDto, type AuditQuery, type AuditVerifyDto } from "@/lib/domain/identity";
import type { Database } from "@/db/client";
import { sql } from "drizzle-orm";
import { chainHash, verifyChainBatch, type ChainedFields } from "./audit-chain";
import { db } from "./db";
import { parseInput } from "./errors";
import { requirePermission, type Viewer } from "./viewer";
import { escapeLike } from "./sql-text";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type AuditActor = Pick<ChainedFields, "actorType" | "actorId" | "actorLabel" | "ip" | "requestId">;
export type AuditEvent = {
  action: string;
  targetType?: string;
  targetId?: string;
  outcome?: "success" | "failure" | "denied";
  details?: Record<string, unknown>;
};

// Serializes appends across processes so each entry links to the one before it.
const AUDIT_CHAIN_LOCK = 727_002;

/** The audit identity of a viewer: a token's use is recorded as the token acting for its user. */
export function actorOf(viewer: Viewer): AuditActor {
  const base = { ip: viewer.ip ?? null, requestId: viewer.requestId ?? null };
  if (viewer.via === "token" && viewer.token) {
    return { ...base, actorType: "token", actorId: viewer.token.id, actorLabel: `${viewer.email} (token ${viewer.token.name})` };
  }
  return { ...base, actorType: viewer.via === "cli" ? "cli" : "user", actorId: viewer.userId, actorLabel: viewer.email };
}

/** Appends one entry inside the caller's transaction, so the entry exists exactly when the change does. */
export async function appendAudit(tx: Tx | Database, actor: AuditActor, event: AuditEvent): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  const entry: ChainedFields = {
    ...actor,
    at: new Date(),
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    outcome: event.outcome ?? "success",
    details: event.details ?? {},
  };
  const prevHash = last?.hash ?? null;
  await tx.insert(auditLog).values({
    ...entry,
    outcome: entry.outcome as "success" | "failure" | "denied",
    actorType: entry.actorType as AuditEntryDto["actorType"],
    prevHash,
    hash: chainHash(prevHash, entry),
  });
}

/** Records an event that is not part of a data change (sign-in, export, a refused attempt) in its own transaction. */
export function recordAudit(actor: AuditActor, event: AuditEvent): Promise<void> {
  return db().transaction((tx) => appendAudit(tx, actor, event));
}

/** Permission: audit:read. Newest first, keyset-paginated by `before`. */
export async function listAuditEntries(
  viewer: Viewer,
  query: AuditQuery,
): Promise<{ entries: AuditEntryDto[]; nextBefore: number | null }> {
  requirePermission(viewer, "audit:read");
  const q = parseInput(auditQuerySchema, query);
  const where: SQL[] = [];
  if (q.action) where.push(ilike(auditLog.action, `${escapeLike(q.action)}%`));
  if (q.actor) where.push(ilike(auditLog.actorLabel, `%${escapeLike(q.actor)}%`));
  if (q.outcome) where.push(eq(auditLog.outcome, q.outcome));
  if (q.from) where.push(gte(auditLog.at, new Date(q.from)));
  if (q.to) where.push(lte(auditLog.at, new Date(q.to)));
  if (q.before) where.push(lt(auditLog.seq, q.before));
  const rows = await db()
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.seq))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    entries: page.map(toAuditEntryDto),
    nextBefore: rows.length > q.limit ? (page.at(-1)?.seq ?? null) : null,
  };
}


function toAuditEntryDto(row: typeof auditLog.$inferSelect): AuditEntryDto {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actorType: row.actorType,
    actorId: row.actorId,
    actorLabel: row.actorLabel,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    outcome: row.outcome,
    ip: row.ip,
    requestId: row.requestId,
    details: row.details,
    hash: row.hash,
  };
}

/** Permission: audit:read. Walks the whole chain in batches and names the first broken entry. */
export async function verifyAuditLog(viewer: Viewer): Promise<AuditVerifyDto> {
  requirePermission(viewer, "audit:read");
  return verifyAuditChain();
}

/** The walk itself, for the CLI (which has the database directly) and the data access function above. */
export async function verifyAuditChain(batchSize = 1000, until?: Date): Promise<AuditVerifyDto> {
  const state = { prevHash: null as string | null, entries: 0 };
  let after = 0;
  for (;;) {
    const rows = await db()
      .select()
      .from(auditLog)
      // A prefix of a valid chain is valid, so "the log as it stood at `until`" is the entries written by then.
      .where(and(gt(auditLog.seq, after), until ? lte(auditLog.at, until) : undefined))
      .orderBy(asc(auditLog.seq))
      .limit(batchSize);
    const broken = verifyChainBatch(rows, state);
    if (broken) return { ok: false, entries: state.entries, ...broken };
    if (rows.length < batchSize) return { ok: true, entries: state.entries, lastHash: state.prevHash };
    after = rows.at(-1)!.seq;
  }
}
