import "server-only";
import { and, desc, eq, ne, sql } from "drizzle-orm";
import { whileHoldingLock } from "@/db/client";
import { evaluationRuns, type RuleTallies } from "@/db/schema";
import type { EvaluationRunDto } from "@/lib/domain/posture";
import type { BlastByTeam } from "@/lib/rules/blast-radius";
import { RULES, RULES_VERSION, addToTallies, mergeTallies, type Tallies } from "@/lib/rules";
import { blastByTeam } from "../blast-radius";
import { db } from "../db";
import { jsonList, rowsOf } from "../sql-rows";
import { parametersAt } from "../rule-parameters";
import { syncTokenCredentials } from "../token-credentials";
import { expireExceptions } from "./exception-expiry";
import { notifyNewFindings } from "./notify";
import { evaluateAndStore, newRunCounters, type RunCounters } from "./store";
import type { WorldScope } from "./world";

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
  const counters = newRunCounters();
  try {
    await expireExceptions(now);
    // A full run starts from an inventory that knows every API token as it stands (token-credentials.ts); creating
    // and revoking one update it at once, as does its first use of a day (tokens.ts), expiry only here.
    if (request.scope === "full" && !replayAt) await db().transaction((tx) => syncTokenCredentials(tx, "all", now));
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
    await evaluateAndStore(scope, params, run!.id, now, counters);
    if (request.scope === "full") await sweepRetiredRules(run!.id, now, counters);
    const base = request.scope === "incremental" ? await previousRun(run!.id) : null;
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

/** After a full run: findings of rules that no longer exist are resolved (their subjects are never deleted). */
async function sweepRetiredRules(runId: string, now: Date, counters: RunCounters): Promise<void> {
  const resolved = await rowsOf<unknown>(db(), sql`
    update findings set status = 'resolved', resolved_at = ${now.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz, last_run_id = ${runId}::uuid
    where status <> 'resolved' and rule_id not in ${jsonList(RULES.map((r) => r.id))}
    returning id`);
  counters.resolved += resolved.length;
}

/**
 * The run before this one under these rules, if it completed: an incremental run adds its delta to its tallies. One
 * that failed (or never finished) may have stored verdicts it never counted, so after it the tallies are counted
 * afresh. Runs take turns on the evaluation lock, so the one started last before this one ran last.
 */
async function previousRun(runId: string): Promise<{ tallies: RuleTallies | null; blast: BlastByTeam | null } | null> {
  const [row] = await db()
    .select({ status: evaluationRuns.status, tallies: evaluationRuns.tallies, blast: evaluationRuns.blast })
    .from(evaluationRuns)
    .where(and(ne(evaluationRuns.id, runId), eq(evaluationRuns.rulesVersion, RULES_VERSION)))
    .orderBy(desc(evaluationRuns.startedAt))
    .limit(1);
  return row?.status === "completed" ? row : null;
}

/** Base tallies plus a run's delta; rules left with no subject at all are dropped. */
export function applyDelta(base: RuleTallies, delta: Tallies): RuleTallies {
  const out: RuleTallies = structuredClone(base);
  mergeTallies(out, delta);
  for (const [team, rules] of Object.entries(out)) {
    for (const [ruleId, counts] of Object.entries(rules)) {
      if (counts.pass + counts.fail + counts.not_applicable === 0) delete rules[ruleId];
    }
    if (Object.keys(rules).length === 0) delete out[team];
  }
  return out;
}

/** Subjects sharing a verdict vector are counted together, so this reads one row per distinct (team, vector). */
export async function computeTallies(): Promise<RuleTallies> {
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
