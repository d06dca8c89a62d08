import "server-only";
import { desc, sql, type SQL } from "drizzle-orm";
import { evaluationRuns } from "@/db/schema";
import type { EvaluationRunDto, RuleParametersDto, RuleParametersInput } from "@/lib/domain/posture";
import { actorOf, recordAudit } from "./audit";
import { db } from "./db";
import { jsonList, rowsOf, textArray } from "./sql-rows";
import { runEvaluation, toEvaluationRunDto, type SubjectSet } from "./evaluator/run";
import { getRuleParameters, setRuleParameters } from "./rule-parameters";
import { requirePermission, type Viewer } from "./viewer";

/** Permission: evaluation:run. Evaluates every subject and records the run (audited). */
export async function runFullEvaluation(viewer: Viewer, trigger: string): Promise<EvaluationRunDto> {
  requirePermission(viewer, "evaluation:run");
  const run = await runEvaluation({ scope: "full" }, trigger, actorOf(viewer).actorLabel);
  await recordAudit(actorOf(viewer), { action: "evaluation.run", targetType: "evaluation_run", targetId: run.id, details: { scope: "full", subjects: run.subjects, failed: run.failed, opened: run.opened, resolved: run.resolved } });
  return run;
}

/**
 * Permission: settings:read (admins and auditors). Newest first. A run counts subjects and failures across every team,
 * so an engineer, who sees their own teams' numbers only, is refused rather than shown the workspace's.
 */
export async function listEvaluationRuns(viewer: Viewer, limit = 20): Promise<EvaluationRunDto[]> {
  requirePermission(viewer, "settings:read");
  const rows = await db().select().from(evaluationRuns).orderBy(desc(evaluationRuns.startedAt)).limit(Math.min(Math.max(limit, 1), 200));
  return rows.map(toEvaluationRunDto);
}

/**
 * Permission: settings:manage. Saves new rule parameters (a new audited version) and, when they changed anything,
 * re-evaluates the whole workspace with them at once, so no screen shows verdicts under the old parameters.
 */
export async function updateRuleParameters(viewer: Viewer, input: RuleParametersInput): Promise<RuleParametersDto> {
  const before = await getRuleParameters(viewer);
  const after = await setRuleParameters(viewer, input);
  if (after.version !== before.version) await runEvaluation({ scope: "full" }, "parameters", actorOf(viewer).actorLabel);
  return after;
}

/** A committed change whose subjects must be re-evaluated. */
export type Change =
  | { kind: "import"; importRunId: string }
  | { kind: "ingest"; ingestRunId: string }
  | { kind: "scan"; corpusId: string }
  | { kind: "corpus"; corpusId: string }
  | { kind: "credential"; credentialId: string }
  | { kind: "approval"; approvalIds: string[] }
  | { kind: "team"; teamId: string };

/** Past this many subjects a change is re-evaluated in full: one pass beats a long list of ids. */
const INCREMENTAL_LIMIT = 50_000;

async function ids(statement: SQL): Promise<string[]> {
  return (await rowsOf<{ id: string }>(db(), statement)).map((r) => String(r.id));
}

/** Which subjects a change can affect: the changed ones, and those whose context they are part of. */
async function affectedSubjects(change: Change): Promise<SubjectSet> {
  switch (change.kind) {
    case "import": {
      const credentials = await ids(sql`select distinct credential_id as id from credential_versions where import_run_id = ${change.importRunId}::uuid`);
      return { credentials, events: await eventsOf(credentials), corpora: await corporaExposing(credentials), blastAffected: true };
    }
    case "credential":
      return { credentials: [change.credentialId], events: await eventsOf([change.credentialId]), corpora: await corporaExposing([change.credentialId]), blastAffected: true };
    case "ingest": {
      const events = (await ids(sql`select id from activity_events where ingest_run_id = ${change.ingestRunId}::uuid`)).map(Number);
      const credentials = await ids(sql`select distinct credential_id as id from activity_events where ingest_run_id = ${change.ingestRunId}::uuid and credential_id is not null`);
      return { events, credentials };
    }
    // A scan changes the exposures of the credentials it found; a corpus's settings change how they count (an
    // exposure where agents read is one R12 names and one that puts a credential in the blast radius).
    case "scan":
    case "corpus": {
      const credentials = await ids(sql`select distinct credential_id as id from secret_findings where corpus_id = ${change.corpusId}::uuid and credential_id is not null`);
      return { corpora: [change.corpusId], credentials, blastAffected: true };
    }
    // A new team took the credentials that named it: their findings, their events' findings and the blast radius
    // ranked per team change team.
    case "team": {
      const credentials = await ids(sql`select id from credentials where team_id = ${change.teamId}::uuid`);
      return { credentials, events: await eventsOf(credentials), blastAffected: true };
    }
    case "approval": {
      // A batch of approvals is one change: an event several of them cover is evaluated once.
      const events = await ids(sql`
        select distinct e.id from activity_events e join approvals a on a.id = any(${textArray(change.approvalIds)}::uuid[])
        where e.actor_type = 'agent' and e.destructive and e.resource_environment = 'production'
          and e.occurred_at >= a.approved_at and e.occurred_at < a.expires_at`);
      return { events: events.map(Number) };
    }
  }
}

/** Events that used the credentials (their verdicts read the credential's scope and expiry). */
async function eventsOf(credentialIds: string[]): Promise<number[]> {
  if (!credentialIds.length) return [];
  const rows = await ids(sql`select id from activity_events where credential_id in (select x::uuid from ${jsonList(credentialIds)} as t(x))`);
  return rows.map(Number);
}

/**
 * Corpora holding exposures of the credentials: a credential registered after a scan found its secret is linked to
 * those exposures in its write (exposure-links.ts), and their corpora are judged with it.
 */
async function corporaExposing(credentialIds: string[]): Promise<string[]> {
  if (!credentialIds.length) return [];
  return ids(sql`select distinct corpus_id as id from secret_findings where credential_id in (select x::uuid from ${jsonList(credentialIds)} as t(x))`);
}

/** Re-evaluates what a committed change touched: incremental, unless it touched too much. Null when it touched nothing. */
async function evaluateChange(change: Change, trigger: string, requestedBy: string): Promise<EvaluationRunDto | null> {
  const subjects = await affectedSubjects(change);
  const size = (subjects.credentials?.length ?? 0) + (subjects.events?.length ?? 0) + (subjects.corpora?.length ?? 0);
  if (size === 0) return null;
  const request = size > INCREMENTAL_LIMIT ? ({ scope: "full" } as const) : ({ scope: "incremental", subjects } as const);
  return runEvaluation(request, trigger, requestedBy);
}

/**
 * Re-evaluates what a committed change touched. Never throws: the change itself is stored, and a failed
 * evaluation is recorded as a failed run (the next one catches up).
 */
export async function evaluateAfter(change: Change, requestedBy: string): Promise<EvaluationRunDto | null> {
  try {
    return await evaluateChange(change, change.kind, requestedBy);
  } catch (error) {
    console.error(`[leash] evaluation after ${change.kind} failed`, error);
    return null;
  }
}

/**
 * Permission: evaluation:run. Re-evaluates one credential and what reads it, for a job: a failure throws, so the
 * queue retries it.
 */
export async function evaluateCredential(viewer: Viewer, credentialId: string, trigger: string): Promise<EvaluationRunDto | null> {
  requirePermission(viewer, "evaluation:run");
  return evaluateChange({ kind: "credential", credentialId }, trigger, actorOf(viewer).actorLabel);
}

/** Whether a full or incremental run under this rules version has completed (after an upgrade, none has). */
export async function evaluatedUnder(rulesVersion: string): Promise<boolean> {
  const rows = await rowsOf<unknown>(db(), sql`select 1 from evaluation_runs where status = 'completed' and rules_version = ${rulesVersion} limit 1`);
  return rows.length > 0;
}
