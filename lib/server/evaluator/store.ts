import "server-only";
import { hash } from "node:crypto";
import { sql } from "drizzle-orm";
import { findings, subjectVerdicts } from "@/db/schema";
import { addToTallies, evaluateSubject, resultsOf, ruleById, type RuleResult, type SubjectVerdicts, type Tallies } from "@/lib/rules";
import { DAY_MS } from "@/lib/domain/utc-days";
import { bulkInsert, copyRows } from "../bulk-insert";
import { encodeRows } from "../copy-text";
import { db } from "../db";
import { timeOrderedUuid } from "../ids";
import { jsonList, rowsOf } from "../sql-rows";
import type { Tx } from "../inventory-writer";
import type { ParameterSnapshot } from "../rule-parameters";
import { NewFindingDigest } from "./notify";
import { loadWorld, type WorldItem, type WorldScope } from "./world";

/**
 * One evaluation's work on a set of subjects: load them, run the rules, and make the stored verdicts and findings
 * agree (run.ts decides the scope and records the run).
 */

export type RunCounters = {
  subjects: number;
  evaluations: number;
  failed: number;
  opened: number;
  resolved: number;
  newFindings: NewFindingDigest;
  /** How this run moved the tallies: the new verdicts counted in, the ones they replaced counted out. */
  delta: Tallies;
};

export function newRunCounters(): RunCounters {
  return { subjects: 0, evaluations: 0, failed: 0, opened: 0, resolved: 0, newFindings: new NewFindingDigest(), delta: {} };
}

/** Evaluates the scope's subjects a batch at a time and stores what changed; the next batch loads meanwhile. */
export async function evaluateAndStore(scope: WorldScope, params: ParameterSnapshot, runId: string, now: Date, counters: RunCounters): Promise<void> {
  const batches = loadWorld(scope)[Symbol.asyncIterator]();
  for (let next = batches.next(); ; ) {
    const current = await next;
    if (current.done) break;
    next = batches.next();
    await storeBatch(current.value, params, runId, now, counters);
  }
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
async function storeBatch(batch: Iterable<WorldItem>, params: ParameterSnapshot, runId: string, now: Date, counters: RunCounters): Promise<void> {
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
    const reopenedIds: string[] = [];
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
        const id = stored?.id ?? timeOrderedUuid();
        if (!stored || stored.status === "resolved") {
          counters.opened++;
          counters.newFindings.add({ id, ruleId, severity, subjectKind: item.kind, subjectId: item.id, subjectLabel: label, reason, reopened: Boolean(stored) });
          if (stored) reopenedIds.push(stored.id);
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
    // Recorded before the update replaces the due date the reopening ends.
    if (reopenedIds.length) {
      await tx.execute(sql`
        insert into finding_reopenings (finding_id, reopened_at, previous_due_at)
        select id, ${now.toISOString()}::timestamptz, due_at from findings where id in (select x::uuid from ${jsonList(reopenedIds)} as t(x))
        on conflict do nothing`);
    }
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
