import "server-only";
import { eq, sql } from "drizzle-orm";
import { evaluationRuns, findings, subjectVerdicts, type RuleTallies } from "@/db/schema";
import type { EvaluationRunDto } from "@/lib/domain/posture";
import { RULES_VERSION, addToTallies, evaluateSubject, resultsOf, ruleById, type Severity, type SubjectKind, type Tallies } from "@/lib/rules";
import { blastByTeam } from "../blast-radius";
import { bulkInsert } from "../bulk-insert";
import { db } from "../db";
import type { Tx } from "../inventory-writer";
import { parametersAt, type ParameterSnapshot } from "../rule-parameters";
import { expireExceptions } from "./exception-expiry";
import { notifyNewFindings, type NewFinding } from "./notify";
import { loadWorld, type WorldItem, type WorldScope } from "./world";

/**
 * Runs the rules over subjects and makes the stored state agree: one verdict row per subject, one finding per
 * failing (rule, subject) — opened, kept, reopened or resolved — and the tallies "posture now" reads.
 * A full run covers everything; an incremental run only the subjects a change touched.
 */

export type SubjectSet = { credentials?: string[]; events?: number[]; corpora?: string[]; auditLog?: boolean };
export type EvaluationRequest = { scope: "full" } | { scope: "incremental"; subjects: SubjectSet };

const DAY_MS = 86_400_000;

// One evaluation at a time per process: two overlapping runs would each compute tallies from half of the other.
let queue: Promise<unknown> = Promise.resolve();

export function runEvaluation(request: EvaluationRequest, trigger: string, requestedBy: string): Promise<EvaluationRunDto> {
  const next = queue.then(() => evaluateNow(request, trigger, requestedBy));
  queue = next.catch(() => undefined);
  return next;
}

type RunCounters = { subjects: number; evaluations: number; failed: number; opened: number; resolved: number; newFindings: NewFinding[] };

async function evaluateNow(request: EvaluationRequest, trigger: string, requestedBy: string): Promise<EvaluationRunDto> {
  const started = Date.now();
  const now = new Date(started);
  const params = await parametersAt();
  const [run] = await db()
    .insert(evaluationRuns)
    .values({ scope: request.scope, trigger, rulesVersion: RULES_VERSION, parametersVersion: params.version, parametersHash: params.hash, startedAt: now, requestedBy })
    .returning();
  const counters: RunCounters = { subjects: 0, evaluations: 0, failed: 0, opened: 0, resolved: 0, newFindings: [] };
  try {
    await expireExceptions(now);
    const scope: WorldScope =
      request.scope === "full"
        ? { asOf: now, credentials: "all", events: "all", corpora: "all", auditLog: true }
        : {
            asOf: now,
            credentials: request.subjects.credentials ?? [],
            events: request.subjects.events ?? [],
            corpora: request.subjects.corpora ?? [],
            auditLog: request.subjects.auditLog ?? false,
          };
    for await (const batch of loadWorld(scope)) await storeBatch(batch, params, run!.id, now, counters);
    if (request.scope === "full") await sweepUnseen(run!.id, now, counters);
    const tallies = await computeTallies();
    const blast = await blastByTeam(now);
    const finishedAt = new Date();
    await db()
      .update(evaluationRuns)
      .set({
        status: "completed",
        finishedAt,
        durationMs: finishedAt.getTime() - started,
        subjects: counters.subjects,
        evaluations: counters.evaluations,
        failed: counters.failed,
        opened: counters.opened,
        resolved: counters.resolved,
        tallies,
        blast,
      })
      .where(eq(evaluationRuns.id, run!.id));
  } catch (error) {
    console.error(`[leash] evaluation run ${run!.id} failed`, error);
    await db()
      .update(evaluationRuns)
      .set({ status: "failed", finishedAt: new Date(), durationMs: Date.now() - started, failure: error instanceof Error ? error.message.slice(0, 500) : "failed" })
      .where(eq(evaluationRuns.id, run!.id));
    throw error;
  }
  await notifyNewFindings(counters.newFindings);
  const [done] = await db().select().from(evaluationRuns).where(eq(evaluationRuns.id, run!.id));
  return toEvaluationRunDto(done!);
}

type FindingRow = typeof findings.$inferInsert;

async function storeBatch(batch: WorldItem[], params: ParameterSnapshot, runId: string, now: Date, counters: RunCounters): Promise<void> {
  if (!batch.length) return;
  const verdictRows: (typeof subjectVerdicts.$inferInsert)[] = [];
  const failRows: FindingRow[] = [];
  for (const item of batch) {
    const verdicts = evaluateSubject(params.prepared, item.kind, item.subject as never, item.context as never, now);
    verdictRows.push({ subjectKind: item.kind, subjectId: item.id, teamId: item.teamId, verdicts: resultsOf(verdicts), evaluatedAt: now });
    counters.subjects++;
    for (const [ruleId, evaluation] of Object.entries(verdicts)) {
      counters.evaluations++;
      if (evaluation.result !== "fail") continue;
      counters.failed++;
      const severity = ruleById(ruleId)!.severity;
      failRows.push({
        ruleId,
        subjectKind: item.kind,
        subjectId: item.id,
        subjectLabel: item.label.slice(0, 500),
        teamId: item.teamId,
        severity,
        status: "open",
        reason: evaluation.reason.slice(0, 2000),
        firstDetectedAt: now,
        lastDetectedAt: now,
        dueAt: new Date(now.getTime() + params.slas[severity] * DAY_MS),
        lastRunId: runId,
      });
    }
  }
  await db().transaction(async (tx) => {
    await bulkInsert(
      tx,
      subjectVerdicts,
      verdictRows,
      sql`1`,
      sql`on conflict (subject_kind, subject_id) do update set team_id = excluded.team_id, verdicts = excluded.verdicts, evaluated_at = excluded.evaluated_at`,
    );
    await upsertFindings(tx, failRows, counters);
    await resolvePassing(tx, batch, runId, now, counters);
  });
}

/** Opens new findings, refreshes kept ones, reopens resolved ones (with a new due date); counts what is new. */
async function upsertFindings(tx: Tx, rows: FindingRow[], counters: RunCounters): Promise<void> {
  if (!rows.length) return;
  const keys = JSON.stringify(rows.map((r) => ({ rule_id: r.ruleId, subject_kind: r.subjectKind, subject_id: r.subjectId })));
  const previous = (await tx.execute(sql`
    select f.rule_id, f.subject_kind, f.subject_id, f.status from findings f
    join jsonb_to_recordset(${keys}::jsonb) as k(rule_id text, subject_kind text, subject_id text)
      on k.rule_id = f.rule_id and k.subject_kind = f.subject_kind and k.subject_id = f.subject_id`)) as unknown as { rows: { rule_id: string; subject_kind: string; subject_id: string; status: string }[] };
  const statusOf = new Map(previous.rows.map((r) => [`${r.rule_id}|${r.subject_kind}|${r.subject_id}`, r.status]));
  const inserted = await bulkInsert(
    tx,
    findings,
    rows,
    sql`id, rule_id, subject_kind, subject_id, subject_label, severity, reason`,
    sql`on conflict (rule_id, subject_kind, subject_id) do update set
      subject_label = excluded.subject_label, team_id = excluded.team_id, severity = excluded.severity, reason = excluded.reason,
      last_detected_at = excluded.last_detected_at, last_run_id = excluded.last_run_id, updated_at = excluded.last_detected_at,
      due_at = case when findings.status = 'resolved' then excluded.due_at else findings.due_at end,
      status = case when findings.status <> 'resolved' then findings.status
        when exists (select 1 from finding_exceptions e where e.finding_id = findings.id and e.status = 'approved' and e.expires_at > excluded.last_detected_at)
          then 'risk_accepted' else 'open' end,
      resolved_at = null`,
  );
  for (const r of inserted) {
    const before = statusOf.get(`${r.rule_id}|${r.subject_kind}|${r.subject_id}`);
    if (before !== undefined && before !== "resolved") continue;
    counters.opened++;
    counters.newFindings.push({
      id: String(r.id),
      ruleId: String(r.rule_id),
      severity: r.severity as Severity,
      subjectKind: r.subject_kind as SubjectKind,
      subjectId: String(r.subject_id),
      subjectLabel: String(r.subject_label),
      reason: String(r.reason),
      reopened: before === "resolved",
    });
  }
}

/** Findings of re-evaluated subjects that this run did not see fail: the subject passes now (or the rule no longer applies). */
async function resolvePassing(tx: Tx, batch: WorldItem[], runId: string, now: Date, counters: RunCounters): Promise<void> {
  const subjects = JSON.stringify(batch.map((i) => ({ subject_kind: i.kind, subject_id: i.id })));
  const resolved = (await tx.execute(sql`
    update findings f set status = 'resolved', resolved_at = ${now.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${subjects}::jsonb) as s(subject_kind text, subject_id text)
    where f.subject_kind = s.subject_kind and f.subject_id = s.subject_id and f.status <> 'resolved' and f.last_run_id <> ${runId}::uuid
    returning f.id`)) as unknown as { rows: unknown[] };
  counters.resolved += resolved.rows.length;
}

/** After a full run: subjects or rules that no longer exist leave no verdicts behind and no open findings. */
async function sweepUnseen(runId: string, now: Date, counters: RunCounters): Promise<void> {
  await db().transaction(async (tx) => {
    await tx.execute(sql`delete from subject_verdicts where evaluated_at < ${now.toISOString()}::timestamptz`);
    const resolved = (await tx.execute(sql`
      update findings set status = 'resolved', resolved_at = ${now.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz
      where status <> 'resolved' and last_run_id <> ${runId}::uuid returning id`)) as unknown as { rows: unknown[] };
    counters.resolved += resolved.rows.length;
  });
}

/** Subjects sharing a verdict vector are counted together, so this reads one row per distinct (team, vector). */
async function computeTallies(): Promise<RuleTallies> {
  const rows = (await db().execute(sql`
    select coalesce(team_id::text, '') as team, verdicts, count(*)::int as n from subject_verdicts group by 1, 2`)) as unknown as {
    rows: { team: string; verdicts: Record<string, "pass" | "fail" | "not_applicable">; n: number }[];
  };
  const tallies: Tallies = {};
  for (const r of rows.rows) addToTallies(tallies, r.team, r.verdicts, Number(r.n));
  return tallies;
}

export function toEvaluationRunDto(r: typeof evaluationRuns.$inferSelect): EvaluationRunDto {
  return {
    id: r.id,
    scope: r.scope,
    trigger: r.trigger,
    rulesVersion: r.rulesVersion,
    parametersVersion: r.parametersVersion,
    parametersHash: r.parametersHash,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    durationMs: r.durationMs,
    subjects: r.subjects,
    evaluations: r.evaluations,
    failed: r.failed,
    opened: r.opened,
    resolved: r.resolved,
    status: r.status,
    failure: r.failure,
  };
}
