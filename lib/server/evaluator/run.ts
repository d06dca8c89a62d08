import "server-only";
import { hash, randomUUID } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { whileHoldingLock } from "@/db/client";
import { evaluationRuns, findings, subjectVerdicts, type RuleTallies } from "@/db/schema";
import type { EvaluationRunDto } from "@/lib/domain/posture";
import type { BlastByTeam } from "@/lib/rules/blast-radius";
import { RULES, RULES_VERSION, addToTallies, evaluateSubject, resultsOf, ruleById, type RuleResult, type SubjectVerdicts, type Tallies } from "@/lib/rules";
import { DAY_MS } from "@/lib/domain/utc-days";
import { blastByTeam } from "../blast-radius";
import { bulkInsert, copyRows } from "../bulk-insert";
import { encodeRows } from "../copy-text";
import { db } from "../db";
import { jsonList, rowsOf } from "../sql-rows";
import type { Tx } from "../inventory-writer";
import { parametersAt, type ParameterSnapshot } from "../rule-parameters";
import { expireExceptions } from "./exception-expiry";
import { NewFindingDigest, notifyNewFindings } from "./notify";
import { loadWorld, type WorldItem, type WorldScope } from "./world";

/**
 * Runs the rules over subjects and makes the stored state agree: one verdict row per subject, one finding per
 * failing (rule, subject) — opened, kept, reopened or resolved — and the tallies "posture now" reads.
 * A full run covers everything; an incremental run only the subjects a change touched.
 */

export type SubjectSet = {
  credentials?: string[];
  events?: number[];
  corpora?: string[];
  auditLog?: boolean;
  /** Whether the change can move the blast radius (credential facts or exposures); ingests and approvals cannot. */
  blastAffected?: boolean;
};
export type EvaluationRequest = { scope: "full" } | { scope: "incremental"; subjects: SubjectSet };


// One evaluation at a time: two overlapping runs would each compute tallies from half of the other. In a process,
// runs queue; across processes on one Postgres server (web processes run the evaluation after a small ingest,
// workers the rest), they take turns on an advisory lock.
let queue: Promise<unknown> = Promise.resolve();
export const EVALUATION_LOCK = 727_003;

/**
 * `replayAt` evaluates as of a past instant, as if the run had happened then (its findings are detected then and due
 * from then): only for loading a demo workspace's history, oldest first and before any run at the present.
 */
export function runEvaluation(request: EvaluationRequest, trigger: string, requestedBy: string, replayAt?: Date): Promise<EvaluationRunDto> {
  if (replayAt && replayAt.getTime() > Date.now()) throw new Error("an evaluation cannot be replayed in the future");
  const next = queue.then(() => whileHoldingLock(db(), EVALUATION_LOCK, () => evaluateNow(request, trigger, requestedBy, replayAt)));
  queue = next.catch(() => undefined);
  return next;
}

type RunCounters = {
  subjects: number;
  evaluations: number;
  failed: number;
  opened: number;
  resolved: number;
  newFindings: NewFindingDigest;
  /** How this run moved the tallies: the new verdicts counted in, the ones they replaced counted out. */
  delta: Tallies;
};

async function evaluateNow(request: EvaluationRequest, trigger: string, requestedBy: string, replayAt?: Date): Promise<EvaluationRunDto> {
  const started = Date.now();
  const now = replayAt ?? new Date(started);
  // A replayed run ends as long after its instant as it really took.
  const endedAt = () => new Date(now.getTime() + (Date.now() - started));
  const params = await parametersAt(replayAt);
  const [run] = await db()
    .insert(evaluationRuns)
    .values({ scope: request.scope, trigger, rulesVersion: RULES_VERSION, parametersVersion: params.version, parametersHash: params.hash, startedAt: now, requestedBy })
    .returning();
  const counters: RunCounters = { subjects: 0, evaluations: 0, failed: 0, opened: 0, resolved: 0, newFindings: new NewFindingDigest(), delta: {} };
  try {
    await expireExceptions(now);
    const subjects: Omit<WorldScope, "asOf" | "storedDigests"> =
      request.scope === "full"
        ? { credentials: "all", events: "all", corpora: "all", auditLog: true }
        : {
            credentials: request.subjects.credentials ?? [],
            events: request.subjects.events ?? [],
            corpora: request.subjects.corpora ?? [],
            auditLog: request.subjects.auditLog ?? false,
          };
    const scope: WorldScope = { asOf: now, storedDigests: true, ...subjects };
    // The next batch loads while this one is written.
    const batches = loadWorld(scope)[Symbol.asyncIterator]();
    for (let next = batches.next(); ; ) {
      const current = await next;
      if (current.done) break;
      next = batches.next();
      await storeBatch(current.value, params, run!.id, now, counters);
    }
    if (request.scope === "full") await sweepRetiredRules(run!.id, now, counters);
    const base = request.scope === "incremental" ? await latestCompleted() : null;
    const [tallies, blast] = await Promise.all([
      base?.tallies ? applyDelta(base.tallies, counters.delta) : computeTallies(),
      base?.blast && request.scope === "incremental" && !request.subjects.blastAffected ? base.blast : blastByTeam(now),
    ]);
    const finishedAt = endedAt();
    await db()
      .update(evaluationRuns)
      .set({
        status: "completed",
        finishedAt,
        durationMs: Date.now() - started,
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
      .set({ status: "failed", finishedAt: endedAt(), durationMs: Date.now() - started, failure: error instanceof Error ? error.message.slice(0, 500) : "failed" })
      .where(eq(evaluationRuns.id, run!.id));
    throw error;
  }
  // A replay tells of the past: nobody is paged about it.
  if (!replayAt) await notifyNewFindings(counters.newFindings);
  const [done] = await db().select().from(evaluationRuns).where(eq(evaluationRuns.id, run!.id));
  return toEvaluationRunDto(done!);
}

type FindingRow = typeof findings.$inferInsert;
type VerdictRow = typeof subjectVerdicts.$inferInsert;
type StoredFinding = { id: string; rule_id: string; subject_kind: string; subject_id: string; status: string; reason: string; subject_label: string; team_id: string | null; severity: string };
type StoredVerdicts = { subject_kind: string; subject_id: string; team_id: string | null; verdicts: Record<string, RuleResult> };

const subjectKey = (kind: string, id: string) => `${kind}|${id}`;

/**
 * A hash of everything a subject's verdict row and findings are written from: its team, every rule's result, and
 * for failures the severity, the reason and the subject's label. Equal digests mean there is nothing to write.
 */
export function verdictDigest(teamId: string | null, label: string, verdicts: SubjectVerdicts): string {
  let text = teamId ?? "";
  let failing = false;
  for (const ruleId in verdicts) {
    const { result, reason } = verdicts[ruleId]!;
    text += `\n${ruleId}=${result}`;
    if (result === "fail") {
      failing = true;
      text += `;${ruleById(ruleId)!.severity};${reason}`;
    }
  }
  if (failing) text += `\n${label}`;
  return hash("sha256", text, "base64");
}

type Evaluated = { item: WorldItem; verdicts: SubjectVerdicts; digest: string };

/**
 * Writes only what changed. Each subject's new digest is compared with the stored one (read with the subject);
 * only subjects whose digest moved, or that have none yet, have their verdict row and findings read and rewritten.
 * Re-evaluating an unchanged workspace reads digests and writes nothing, which is what lets a full evaluation of a
 * large workspace stay fast.
 */
async function storeBatch(batch: WorldItem[], params: ParameterSnapshot, runId: string, now: Date, counters: RunCounters): Promise<void> {
  const changed: Evaluated[] = [];
  for (const item of batch) {
    const verdicts = evaluateSubject(params.prepared, item.kind, item.subject as never, item.context as never, now);
    counters.subjects++;
    for (const ruleId in verdicts) {
      counters.evaluations++;
      if (verdicts[ruleId]!.result === "fail") counters.failed++;
    }
    const digest = verdictDigest(item.teamId, item.label, verdicts);
    if (item.storedDigest !== digest) changed.push({ item, verdicts, digest });
  }
  if (changed.length) await storeChanged(changed, params, runId, now, counters);
}

/** Brings the verdict rows and findings of subjects whose digest moved in line with their new verdicts. */
async function storeChanged(changed: Evaluated[], params: ParameterSnapshot, runId: string, now: Date, counters: RunCounters): Promise<void> {
  const subjects = JSON.stringify(changed.map(({ item }) => ({ subject_kind: item.kind, subject_id: item.id })));
  await db().transaction(async (tx) => {
    const oldVerdicts = new Map(
      (await rowsOf<StoredVerdicts>(tx, sql`
        select sv.subject_kind, sv.subject_id, sv.team_id, sv.verdicts from subject_verdicts sv
        join jsonb_to_recordset(${subjects}::jsonb) as s(subject_kind text, subject_id text) on s.subject_kind = sv.subject_kind and s.subject_id = sv.subject_id`)).map((r) => [subjectKey(r.subject_kind, r.subject_id), r]),
    );
    // Per subject, its findings by rule: most subjects have none, so most rules cost no lookup at all.
    const oldFindings = new Map<string, Map<string, StoredFinding>>();
    for (const r of await rowsOf<StoredFinding>(tx, sql`
      select f.id, f.rule_id, f.subject_kind, f.subject_id, f.status, f.reason, f.subject_label, f.team_id, f.severity from findings f
      join jsonb_to_recordset(${subjects}::jsonb) as s(subject_kind text, subject_id text) on s.subject_kind = f.subject_kind and s.subject_id = f.subject_id`)) {
      const key = subjectKey(r.subject_kind, r.subject_id);
      const byRule = oldFindings.get(key) ?? new Map<string, StoredFinding>();
      oldFindings.set(key, byRule.set(r.rule_id, r));
    }
    // Rows of subjects and findings with nothing stored yet are COPYed straight in: no other writer adds them while
    // this run holds the evaluation lock, and this transaction has just read what is stored. Only the others go
    // through the conflict-handling insert (on a first evaluation that is none of them).
    const verdicts: { fresh: VerdictRow[]; replacing: VerdictRow[] } = { fresh: [], replacing: [] };
    const findingRows: { fresh: FindingRow[]; stored: FindingRow[] } = { fresh: [], stored: [] };
    const resolvedIds: string[] = [];
    for (const { item, verdicts: evaluations, digest } of changed) {
      const results = resultsOf(evaluations);
      const key = subjectKey(item.kind, item.id);
      const before = oldVerdicts.get(key);
      const storedByRule = oldFindings.get(key);
      if (before) addToTallies(counters.delta, before.team_id ?? "", before.verdicts, -1);
      addToTallies(counters.delta, item.teamId ?? "", results, 1);
      (before ? verdicts.replacing : verdicts.fresh).push({ subjectKind: item.kind, subjectId: item.id, teamId: item.teamId, verdicts: results, digest, evaluatedAt: now });
      for (const [ruleId, evaluation] of Object.entries(evaluations)) {
        const stored = storedByRule?.get(ruleId);
        if (evaluation.result !== "fail") {
          if (stored && stored.status !== "resolved") resolvedIds.push(stored.id);
          continue;
        }
        const severity = ruleById(ruleId)!.severity;
        const label = item.label.slice(0, 500);
        const reason = evaluation.reason.slice(0, 2000);
        const unchanged = stored && stored.status !== "resolved" && stored.reason === reason && stored.subject_label === label && stored.team_id === item.teamId && stored.severity === severity;
        if (unchanged) continue;
        // A new finding's id is made here: it is COPYed with it and reported with it in notifications.
        const id = stored?.id ?? randomUUID();
        if (!stored || stored.status === "resolved") {
          counters.opened++;
          counters.newFindings.add({ id, ruleId, severity, subjectKind: item.kind, subjectId: item.id, subjectLabel: label, reason, reopened: Boolean(stored) });
        }
        (stored ? findingRows.stored : findingRows.fresh).push({
          id,
          ruleId,
          subjectKind: item.kind,
          subjectId: item.id,
          subjectLabel: label,
          teamId: item.teamId,
          severity,
          status: "open",
          reason,
          firstDetectedAt: now,
          lastDetectedAt: now,
          dueAt: new Date(now.getTime() + params.slas[severity] * DAY_MS),
          lastRunId: runId,
        });
      }
    }
    await copyRows(tx, encodeRows(subjectVerdicts, verdicts.fresh));
    await bulkInsert(
      tx,
      subjectVerdicts,
      verdicts.replacing,
      sql`1`,
      sql`on conflict (subject_kind, subject_id) do update set team_id = excluded.team_id, verdicts = excluded.verdicts, digest = excluded.digest, evaluated_at = excluded.evaluated_at`,
    );
    await copyRows(tx, encodeRows(findings, findingRows.fresh));
    await updateFindings(tx, findingRows.stored);
    if (resolvedIds.length) {
      await tx.execute(sql`
        update findings set status = 'resolved', resolved_at = ${now.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz, last_run_id = ${runId}::uuid
        where id in (select x::uuid from ${jsonList(resolvedIds)} as t(x))`);
      counters.resolved += resolvedIds.length;
    }
  });
}


/** Refreshes stored findings that changed and reopens resolved ones (with a new due date). */
async function updateFindings(tx: Tx, rows: FindingRow[]): Promise<void> {
  await bulkInsert(
    tx,
    findings,
    rows,
    sql`1`,
    sql`on conflict (rule_id, subject_kind, subject_id) do update set
      subject_label = excluded.subject_label, team_id = excluded.team_id, severity = excluded.severity, reason = excluded.reason,
      last_detected_at = excluded.last_detected_at, last_run_id = excluded.last_run_id, updated_at = excluded.last_detected_at,
      due_at = case when findings.status = 'resolved' then excluded.due_at else findings.due_at end,
      status = case when findings.status <> 'resolved' then findings.status
        when exists (select 1 from finding_exceptions e where e.finding_id = findings.id and e.status = 'approved' and e.expires_at > excluded.last_detected_at)
          then 'risk_accepted' else 'open' end,
      resolved_at = null`,
  );
}

/** After a full run: findings of rules that no longer exist are resolved (their subjects are never deleted). */
async function sweepRetiredRules(runId: string, now: Date, counters: RunCounters): Promise<void> {
  const resolved = await rowsOf<unknown>(db(), sql`
    update findings set status = 'resolved', resolved_at = ${now.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz, last_run_id = ${runId}::uuid
    where status <> 'resolved' and rule_id not in ${jsonList(RULES.map((r) => r.id))}
    returning id`);
  counters.resolved += resolved.length;
}

/** The previous completed run under these rules: an incremental run adds its delta to its tallies. */
async function latestCompleted(): Promise<{ tallies: RuleTallies | null; blast: BlastByTeam | null } | null> {
  const [row] = await db()
    .select({ tallies: evaluationRuns.tallies, blast: evaluationRuns.blast })
    .from(evaluationRuns)
    .where(and(eq(evaluationRuns.status, "completed"), eq(evaluationRuns.rulesVersion, RULES_VERSION)))
    .orderBy(desc(evaluationRuns.finishedAt))
    .limit(1);
  return row ?? null;
}

/** Base tallies plus a run's delta; rules left with no subject at all are dropped. */
export function applyDelta(base: RuleTallies, delta: Tallies): RuleTallies {
  const out: RuleTallies = structuredClone(base);
  for (const [team, rules] of Object.entries(delta)) {
    for (const [ruleId, d] of Object.entries(rules)) {
      const counts = ((out[team] ??= {})[ruleId] ??= { pass: 0, fail: 0, not_applicable: 0 });
      counts.pass += d.pass;
      counts.fail += d.fail;
      counts.not_applicable += d.not_applicable;
      if (counts.pass + counts.fail + counts.not_applicable === 0) delete out[team]![ruleId];
    }
    if (Object.keys(out[team] ?? {}).length === 0) delete out[team];
  }
  return out;
}

/** Subjects sharing a verdict vector are counted together, so this reads one row per distinct (team, vector). */
async function computeTallies(): Promise<RuleTallies> {
  const rows = await rowsOf<{ team: string; verdicts: Record<string, "pass" | "fail" | "not_applicable">; n: number }>(db(), sql`
    select coalesce(team_id::text, '') as team, verdicts, count(*)::int as n from subject_verdicts group by 1, 2`);
  const tallies: Tallies = {};
  for (const r of rows) addToTallies(tallies, r.team, r.verdicts, Number(r.n));
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
