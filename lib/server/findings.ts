import "server-only";
import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, lt, notInArray, or, sql, type SQL } from "drizzle-orm";
import { findingDayCounts, findingExceptions, findings, memberships, teams, users } from "@/db/schema";
import {
  FINDING_AGE_DAYS,
  findingBulkUpdateSchema,
  findingListQuerySchema,
  findingUpdateSchema,
  type ExceptionDto,
  type FindingDto,
  type FindingListQuery,
  type FindingPage,
  type FindingAge,
  type FindingStatus,
  type FindingSummaryDto,
  type VerifyFixDto,
} from "@/lib/domain/posture";
import type { NamedCredential } from "@/lib/domain/credential-mentions";
import { addDays, DAY_MS, startOfUtcDay, utcDay } from "@/lib/domain/utc-days";
import { evaluateSubject, ruleById, type Severity } from "@/lib/rules";
import { actorOf, appendAudit, recordAudit } from "./audit";
import { credentialNamer } from "./credential-names";
import { db } from "./db";
import { AppError, notFound, parseInput } from "./errors";
import { expireExceptions } from "./evaluator/exception-expiry";
import { decodeOffset, encodeOffset } from "./offset-cursor";
import { runEvaluation } from "./evaluator/run";
import { loadWorld, subjectHref, AUDIT_LOG_SUBJECT_ID } from "./evaluator/world";
import type { Tx } from "./inventory-writer";
import { parametersAt } from "./rule-parameters";
import { escapeLike } from "./sql-text";
import { inTeamScope, requirePermission, teamScope, type Viewer } from "./viewer";

type Row = typeof findings.$inferSelect;
type Joined = { finding: Row; teamName: string | null; assignee: { id: string; email: string; name: string } | null };

/** The statuses a finding is worked in, and can be overdue in. */
const ACTIVE: FindingStatus[] = ["open", "in_progress"];
const SEVERITY_RANK = sql`case ${findings.severity} when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end`;

/** Engineers see their teams' findings only; findings with no team (the audit log, unowned corpora) are not theirs. */
export function findingScope(viewer: Viewer): SQL | undefined {
  const scope = teamScope(viewer);
  return scope === "all" ? undefined : scope.length ? inArray(findings.teamId, scope) : sql`false`;
}

function select() {
  return db()
    .select({ finding: findings, teamName: teams.name, assignee: { id: users.id, email: users.email, name: users.name } })
    .from(findings)
    .leftJoin(teams, eq(teams.id, findings.teamId))
    .leftJoin(users, eq(users.id, findings.assigneeId));
}

async function latestExceptions(findingIds: string[]): Promise<Map<string, Omit<ExceptionDto, "finding">>> {
  if (!findingIds.length) return new Map();
  const rows = await db()
    .selectDistinctOn([findingExceptions.findingId])
    .from(findingExceptions)
    .where(inArray(findingExceptions.findingId, findingIds))
    .orderBy(findingExceptions.findingId, desc(findingExceptions.requestedAt));
  return new Map(rows.map((e) => [e.findingId, exceptionFields(e)]));
}

export function exceptionFields(e: typeof findingExceptions.$inferSelect): Omit<ExceptionDto, "finding"> {
  return {
    id: e.id,
    findingId: e.findingId,
    justification: e.justification,
    status: e.status,
    requestedBy: e.requestedBy,
    requestedAt: e.requestedAt.toISOString(),
    expiresAt: e.expiresAt.toISOString(),
    decidedBy: e.decidedBy,
    decidedAt: e.decidedAt?.toISOString() ?? null,
    decisionNote: e.decisionNote,
  };
}

function toDto(j: Joined, exception: Omit<ExceptionDto, "finding"> | null, reasonCredentials: NamedCredential[], now: Date): FindingDto {
  const f = j.finding;
  const rule = ruleById(f.ruleId);
  const active = ACTIVE.includes(f.status);
  return {
    id: f.id,
    ruleId: f.ruleId,
    ruleTitle: rule?.title ?? f.ruleId,
    severity: f.severity,
    subjectKind: f.subjectKind,
    subjectId: f.subjectId,
    subjectLabel: f.subjectLabel,
    subjectHref: subjectHref(f.subjectKind, f.subjectId),
    teamId: f.teamId,
    teamName: j.teamName,
    status: f.status,
    assignee: j.assignee?.id ? j.assignee : null,
    reason: f.reason,
    reasonCredentials,
    remediation: rule?.remediation ?? "",
    firstDetectedAt: f.firstDetectedAt.toISOString(),
    lastDetectedAt: f.lastDetectedAt.toISOString(),
    dueAt: f.dueAt.toISOString(),
    resolvedAt: f.resolvedAt?.toISOString() ?? null,
    overdue: active && f.dueAt.getTime() < now.getTime(),
    exception,
  };
}

async function toDtos(viewer: Viewer, rows: Joined[]): Promise<FindingDto[]> {
  const [exceptions, named] = await Promise.all([latestExceptions(rows.map((r) => r.finding.id)), credentialNamer(viewer, rows.map((r) => r.finding.reason))]);
  const now = new Date();
  return rows.map((r) => toDto(r, exceptions.get(r.finding.id) ?? null, named(r.finding.reason), now));
}

function listFilters(viewer: Viewer, q: ReturnType<typeof findingListQuerySchema.parse>, now: Date): SQL | undefined {
  const status =
    q.status === "all" ? undefined : q.status === "active" ? inArray(findings.status, ACTIVE) : eq(findings.status, q.status);
  const assignee = q.assignee === "me" ? eq(findings.assigneeId, viewer.userId) : q.assignee === "none" ? isNull(findings.assigneeId) : q.assignee ? eq(findings.assigneeId, q.assignee) : undefined;
  const needle = q.q?.trim();
  const text = needle
    ? or(ilike(findings.subjectLabel, `%${escapeLike(needle)}%`), ilike(findings.reason, `%${escapeLike(needle)}%`), eq(findings.ruleId, needle.toUpperCase()))
    : undefined;
  return and(
    findingScope(viewer),
    status,
    q.severity ? eq(findings.severity, q.severity) : undefined,
    q.rule ? eq(findings.ruleId, q.rule) : undefined,
    q.teamId ? eq(findings.teamId, q.teamId) : undefined,
    assignee,
    q.subjectKind ? eq(findings.subjectKind, q.subjectKind) : undefined,
    q.subjectId ? eq(findings.subjectId, q.subjectId) : undefined,
    q.credentialId ? ofCredential(q.credentialId) : undefined,
    q.overdue === "true" ? and(inArray(findings.status, ACTIVE), lt(findings.dueAt, now)) : undefined,
    q.overdue === "false" ? or(notInArray(findings.status, ACTIVE), gte(findings.dueAt, now)) : undefined,
    q.age ? ageFilter(q.age, now) : undefined,
    text,
  );
}

/** A credential's own findings and those of the events that used it (cross-environment, unapproved, after expiry). */
function ofCredential(credentialId: string): SQL {
  return sql`((${findings.subjectKind} = 'credential' and ${findings.subjectId} = ${credentialId})
    or (${findings.subjectKind} = 'event' and ${findings.subjectId} in (select e.id::text from activity_events e where e.credential_id = ${credentialId}::uuid)))`;
}

/**
 * Ages are whole UTC days since the day a finding was first detected: "under 7 days" holds from the day it was
 * detected through the sixth day after, the same cut the day counts behind the summary make.
 */
function youngestDayNotYet(now: Date, days: number): Date {
  return new Date(startOfUtcDay(now).getTime() - (days - 1) * DAY_MS);
}

/** First detected within the bucket: younger than its upper bound, at least as old as its lower one. */
function ageFilter(age: FindingAge, now: Date): SQL | undefined {
  const [newerThan, atLeast] = FINDING_AGE_DAYS[age];
  return and(
    newerThan === null ? undefined : sql`${findings.firstDetectedAt} >= ${youngestDayNotYet(now, newerThan).toISOString()}::timestamptz`,
    atLeast === null ? undefined : sql`${findings.firstDetectedAt} < ${youngestDayNotYet(now, atLeast).toISOString()}::timestamptz`,
  );
}

/** Permission: finding:read (engineers: their teams). Most severe and most overdue first. */
export async function listFindings(viewer: Viewer, query: FindingListQuery): Promise<FindingPage> {
  requirePermission(viewer, "finding:read");
  const q = parseInput(findingListQuerySchema, query, "Invalid finding filters");
  const now = new Date();
  await expireExceptions(now);
  const where = listFilters(viewer, q, now);
  const offset = decodeOffset(q.cursor);
  const [rows, [total]] = await Promise.all([
    select().where(where).orderBy(SEVERITY_RANK, asc(findings.dueAt), asc(findings.id)).offset(offset).limit(q.limit),
    db().select({ n: sql<number>`count(*)::int` }).from(findings).where(where),
  ]);
  const n = Number(total?.n ?? 0);
  return { items: await toDtos(viewer, rows), total: n, nextCursor: offset + rows.length < n ? encodeOffset(offset + rows.length) : null };
}

async function loadScoped(viewer: Viewer, id: string): Promise<Joined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound("Finding");
  const [row] = await select().where(eq(findings.id, id));
  if (!row || !inTeamScope(viewer, row.finding.teamId)) throw notFound("Finding");
  return row;
}

/** Permission: finding:read. Another team's finding is not found. */
export async function getFinding(viewer: Viewer, id: string): Promise<FindingDto> {
  requirePermission(viewer, "finding:read");
  await expireExceptions(new Date());
  const [dto] = await toDtos(viewer, [await loadScoped(viewer, id)]);
  return dto!;
}

/**
 * A finding goes to someone who can see and act on it: an admin, or an engineer of the finding's team (auditors are
 * read-only, another team's engineer would get "not found"). Engineers assign within their team, themselves included.
 */
async function checkAssignee(tx: Tx, viewer: Viewer, assigneeId: string, teamId: string | null): Promise<void> {
  const [user] = await tx.select({ id: users.id, active: users.active, role: users.role }).from(users).where(eq(users.id, assigneeId));
  if (viewer.role !== "admin") {
    // Engineers cannot list users: every id outside the finding's team (no such user, deactivated, an auditor, an
    // admin or another team's engineer) gets one answer, so the message says nothing about accounts they cannot see.
    const [member] = user?.active && teamId
      ? await tx.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.userId, assigneeId), eq(memberships.teamId, teamId)))
      : [];
    if (!member) throw new AppError("invalid", "Engineers assign findings to members of the finding's team", { assigneeId: "not on this finding's team" });
    if (user!.role === "auditor") throw new AppError("invalid", "Auditors have read-only access and cannot work on findings", { assigneeId: "an auditor" });
    return;
  }
  if (!user || !user.active) throw new AppError("invalid", "The assignee is not an active user", { assigneeId: "no such active user" });
  if (user.role === "auditor") throw new AppError("invalid", "Auditors have read-only access and cannot work on findings", { assigneeId: "an auditor" });
  if (user.role === "admin") return;
  const [member] = teamId
    ? await tx.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.userId, assigneeId), eq(memberships.teamId, teamId)))
    : [];
  if (!member) throw new AppError("invalid", "The assignee is an engineer of another team and could not see this finding", { assigneeId: "not on this finding's team" });
}

async function applyUpdate(tx: Tx, viewer: Viewer, row: Row, change: { status?: "open" | "in_progress"; assigneeId?: string | null }): Promise<void> {
  if (change.status !== undefined && row.status !== "open" && row.status !== "in_progress") {
    throw new AppError("conflict", `This finding is ${row.status.replace("_", " ")}; Leash sets that status itself`, { status: `finding is ${row.status}` });
  }
  if (change.assigneeId) await checkAssignee(tx, viewer, change.assigneeId, row.teamId);
  await tx
    .update(findings)
    .set({ ...(change.status !== undefined ? { status: change.status } : {}), ...(change.assigneeId !== undefined ? { assigneeId: change.assigneeId } : {}), updatedAt: new Date() })
    .where(eq(findings.id, row.id));
}

/** Permission: finding:write (engineers: their teams). Status between open and in progress, and the assignee. */
export async function updateFinding(viewer: Viewer, id: string, input: unknown): Promise<FindingDto> {
  requirePermission(viewer, "finding:write");
  const change = parseInput(findingUpdateSchema, input);
  await db().transaction(async (tx) => {
    const [row] = await tx.select().from(findings).where(eq(findings.id, id)).for("update");
    if (!row || !inTeamScope(viewer, row.teamId)) throw notFound("Finding");
    await applyUpdate(tx, viewer, row, change);
    await appendAudit(tx, actorOf(viewer), { action: "finding.update", targetType: "finding", targetId: id, details: { rule: row.ruleId, before: { status: row.status, assigneeId: row.assigneeId }, changes: change } });
  });
  return getFinding(viewer, id);
}

/** Permission: finding:write. All or nothing: one finding out of scope or not open refuses the whole batch. */
export async function bulkUpdateFindings(viewer: Viewer, input: unknown): Promise<{ updated: number }> {
  requirePermission(viewer, "finding:write");
  const { ids, ...change } = parseInput(findingBulkUpdateSchema, input);
  const unique = [...new Set(ids)];
  await db().transaction(async (tx) => {
    const rows = await tx.select().from(findings).where(inArray(findings.id, unique)).for("update");
    const found = new Map(rows.map((r) => [r.id, r]));
    for (const id of unique) {
      const row = found.get(id);
      if (!row || !inTeamScope(viewer, row.teamId)) throw new AppError("not_found", `Finding ${id} not found`, { ids: id });
      await applyUpdate(tx, viewer, row, change);
    }
    await appendAudit(tx, actorOf(viewer), { action: "finding.bulk_update", targetType: "finding", details: { ids: unique, changes: change } });
  });
  return { updated: unique.length };
}

/**
 * Permission: finding:write. "Mark fixed": Leash re-evaluates the subject now (never trusting the claim), stores
 * the result like any evaluation — resolving the finding when it passes — and answers with the verdict.
 */
export async function verifyFix(viewer: Viewer, id: string): Promise<VerifyFixDto> {
  requirePermission(viewer, "finding:write");
  const { finding } = await loadScoped(viewer, id);
  const now = new Date();
  const subject = finding.subjectKind;
  const scope = {
    asOf: now,
    credentials: subject === "credential" ? [finding.subjectId] : [],
    events: subject === "event" ? [Number(finding.subjectId)] : [],
    corpora: subject === "corpus" ? [finding.subjectId] : [],
    auditLog: finding.subjectId === AUDIT_LOG_SUBJECT_ID,
  };
  const params = await parametersAt();
  let verdict: VerifyFixDto["verdict"] = { result: "not_applicable", reason: "the subject no longer exists" };
  for await (const batch of loadWorld(scope)) {
    for (const item of batch) {
      const evaluation = evaluateSubject(params.prepared, item.kind, item.subject as never, item.context as never, now)[finding.ruleId];
      if (evaluation) verdict = evaluation;
    }
  }
  await runEvaluation({ scope: "incremental", subjects: { credentials: scope.credentials, events: scope.events, corpora: scope.corpora, auditLog: scope.auditLog } }, "verify", actorOf(viewer).actorLabel);
  await recordAudit(actorOf(viewer), { action: "finding.verify", targetType: "finding", targetId: id, details: { rule: finding.ruleId, result: verdict.result } });
  return { finding: await getFinding(viewer, id), verdict };
}

/** Permission: finding:read. Open findings (open or in progress) for the overview, each number a queue filter. */
export async function findingSummary(viewer: Viewer): Promise<FindingSummaryDto> {
  requirePermission(viewer, "finding:read");
  const now = new Date();
  const today = utcDay(now);
  const scope = teamScope(viewer);
  const inScope = scope === "all" ? undefined : scope.length ? inArray(findingDayCounts.teamKey, scope) : sql`false`;
  const ageUnder = (days: number) => sql`${findingDayCounts.detectedDay} > ${addDays(today, -days)}::date`;
  const sum = (condition?: SQL) => (condition ? sql<number>`coalesce(sum(${findingDayCounts.n}) filter (where ${condition}), 0)::int` : sql<number>`coalesce(sum(${findingDayCounts.n}), 0)::int`);
  const [[row], [dueToday]] = await Promise.all([
    db()
      .select({
        open: sum(),
        overdueBeforeToday: sum(sql`${findingDayCounts.dueDay} < ${today}::date`),
        critical: sum(sql`${findingDayCounts.severity} = 'critical'`),
        high: sum(sql`${findingDayCounts.severity} = 'high'`),
        medium: sum(sql`${findingDayCounts.severity} = 'medium'`),
        low: sum(sql`${findingDayCounts.severity} = 'low'`),
        under7: sum(ageUnder(7)),
        under30: sum(ageUnder(30)),
        under90: sum(ageUnder(90)),
      })
      .from(findingDayCounts)
      .where(and(inScope, inArray(findingDayCounts.status, ACTIVE))),
    // Past due is to the instant (as the list's filter): the day counts cannot split today, so count today's exactly.
    db()
      .select({ n: count() })
      .from(findings)
      .where(and(findingScope(viewer), inArray(findings.status, ACTIVE), gte(findings.dueAt, startOfUtcDay(now)), lt(findings.dueAt, now))),
  ]);
  const n = (v: unknown) => Number(v ?? 0);
  const bySeverity: Record<Severity, number> = { critical: n(row?.critical), high: n(row?.high), medium: n(row?.medium), low: n(row?.low) };
  return {
    open: n(row?.open),
    overdue: n(row?.overdueBeforeToday) + n(dueToday?.n),
    bySeverity,
    byAge: { under7: n(row?.under7), from7to30: n(row?.under30) - n(row?.under7), from30to90: n(row?.under90) - n(row?.under30), over90: n(row?.open) - n(row?.under90) },
  };
}
