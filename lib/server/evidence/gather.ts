import "server-only";
import { sql } from "drizzle-orm";
import { effectiveStatus } from "@/lib/domain/credential";
import { tracedText } from "@/lib/domain/credential-mentions";
import type { ControlPostureDto, PostureTrendDto } from "@/lib/domain/posture";
import { csvCell, csvLine } from "@/lib/evidence/csv";
import type { EvidenceException, EvidenceFinding } from "@/lib/evidence/model";
import type { FileRef } from "@/lib/evidence/oscal/common";
import { findingUuid } from "@/lib/evidence/oscal/uuid";
import type { Spool, SpoolFile, SpooledFile } from "@/lib/evidence/package/spool";
import { meanScore, ruleById, SEVERITIES, type CredentialSubject, type Framework, type Severity } from "@/lib/rules";
import { asOf as credentialAsOf } from "@/lib/rules/rules/helpers";
import { DAY_MS, utcDay } from "@/lib/domain/utc-days";
import { credentialNamerAt } from "../credential-names";
import { db } from "../db";
import { parametersAt } from "../rule-parameters";
import { isoText, jsonList, readAhead, rowsOf, textArray } from "../sql-rows";
import { snapshotAsOf, type Collected } from "../evaluator/snapshot";
import { controlsFromTallies } from "../posture";
import type { CredentialItem } from "../evaluator/world";
import { activityFiles, auditFiles, completeness, corpusFiles, csvFile, iso, PATHS, scanFile } from "./record-files";

/**
 * The data files of a package, read as Leash knew things at the package's instant (the end of a period): the
 * populations behind every control, the inventory, findings and exceptions here; the records behind them (scans,
 * activity, the audit log) in record-files.ts. Everything streams into the spool a batch at a time, and each finding goes past `onFinding` once (the
 * OSCAL writers), so memory does not grow with the workspace. Every CSV goes through the formula-safe writer; no
 * file can carry a secret value, because none is stored.
 */

type Snapshot = Awaited<ReturnType<typeof snapshotAsOf>>;
export type Gathered = {
  /** In package order. */
  files: SpooledFile[];
  openFindings: Record<Severity, number>;
  completeness: Record<string, unknown>;
  blast: Snapshot["blast"];
  controls: ControlPostureDto[];
  /** The daily record as written to the package: its last day ends at the instant. */
  days: PostureTrendDto["points"];
};

const populationPath = (controlId: string) => `populations/${controlId}.csv`;

/** Every data file a package of this framework has, in package order: known before anything is gathered. */
export function dataFileRefs(framework: Framework): FileRef[] {
  const paths = [PATHS.summary, PATHS.daily, ...framework.controls.map((c) => populationPath(c.id)), PATHS.inventory, PATHS.findings, PATHS.exceptions, PATHS.corpora, PATHS.scanRuns, PATHS.scans, PATHS.events, PATHS.flagged, PATHS.audit, PATHS.chain];
  return paths.map((path) => ({ path, title: path }));
}

const POPULATION_HEADER = ["rule_id", "rule_title", "severity", "subject_kind", "subject_id", "subject", "team_id", "result", "reason"];
const CREDENTIAL_COLUMNS = [
  "external_id", "name", "provider", "kind", "principal", "principal_type", "team", "owner_email", "environments", "agent_accessible",
  "allowed_operations", "scopes", "created_at", "expires_at", "last_rotated_at", "last_used_at", "revoked_at", "status", "storage",
  "approval_ref", "last_review_at", "reviewer",
] as const;
const FINDING_HEADER = ["finding_uuid", "rule_id", "severity", "controls", "subject_kind", "subject_id", "subject", "team_id", "status", "first_detected_at", "due_at", "reason"];

/** Exceptions requested by the instant, with their status as it stood then. Few (people write them), so held whole. */
export async function exceptionsAt(at: Date): Promise<EvidenceException[]> {
  const rows = await rowsOf<{ id: string; rule_id: string; subject_kind: string; subject_id: string; subject_label: string; justification: string; status: EvidenceException["status"]; requested_by: string; decided_by: string | null; decided_at: Date | null; expires_at: Date }>(db(), sql`
    select e.id, f.rule_id, f.subject_kind, f.subject_id, f.subject_label, e.justification, e.status, e.requested_by, e.decided_by, e.decided_at, e.expires_at
    from finding_exceptions e join findings f on f.id = e.finding_id where e.requested_at <= ${at.toISOString()}::timestamptz order by e.requested_at`);
  return rows.map((e) => {
    const decided = e.decided_at !== null && new Date(e.decided_at) <= at;
    return {
      uuid: e.id,
      findingUuid: findingUuid(e.rule_id, e.subject_kind, e.subject_id),
      ruleId: e.rule_id,
      subjectLabel: e.subject_label,
      justification: e.justification,
      status: decided ? exceptionStatusAt(e.status, e.expires_at, at) : "pending",
      requestedBy: e.requested_by,
      decidedBy: decided ? e.decided_by : null,
      decidedAt: decided ? iso(e.decided_at!) : null,
      expiresAt: iso(e.expires_at),
    };
  });
}

/**
 * A decided exception's status at the instant (one decided later was still pending then): an approval past its
 * expiry had expired, and one that expired later was still in force, as the populations count it.
 */
function exceptionStatusAt(status: EvidenceException["status"], expiresAt: Date, at: Date): EvidenceException["status"] {
  if (status !== "approved" && status !== "expired") return status;
  return new Date(expiresAt) <= at ? "expired" : "approved";
}

/**
 * A credential's status at the instant as the rules judged it and the credential list shows it: an expiry or
 * revocation passed by then outranks a source still saying active; one after it had not happened yet.
 */
function statusAt(subject: CredentialSubject, at: Date): string | null {
  const c = credentialAsOf(subject, at);
  const instant = (v: string | null | undefined) => (v ? new Date(v) : null);
  return effectiveStatus({ status: c.status ?? null, expiresAt: instant(c.expires_at), revokedAt: instant(c.revoked_at) }, at);
}

type StoredFinding = { rule_id: string; subject_id: string; status: EvidenceFinding["status"]; first_detected_at: string; due_at: string };

type StatusSet = { status: string; at: string };

/**
 * The status people had last set by the instant on some findings (open or in progress), and when, by finding id, from
 * the audit log: the findings table keeps only the latest, and a package of a past instant must not show work begun
 * after it. Only the entries naming these findings are read (by the audit log's partial indexes for them), so the
 * cost follows the findings asked, not every status change ever made.
 */
export async function statusesSetBy(ids: readonly string[], at: Date): Promise<Map<string, StatusSet>> {
  const statuses = new Map<string, StatusSet>();
  if (!ids.length) return statuses;
  const asked = textArray(ids);
  const setsStatusBy = sql`details->'changes'->>'status' is not null and at <= ${at.toISOString()}::timestamptz`;
  const rows = await rowsOf<{ target_id: string | null; ids: string[] | null; status: string; at: string }>(db(), sql`
    select seq, target_id, null::jsonb as ids, details->'changes'->>'status' as status, ${isoText(sql`at`)} as at from audit_log
    where action = 'finding.update' and target_id = any(${asked}) and ${setsStatusBy}
    union all
    select seq, null, details->'ids', details->'changes'->>'status', ${isoText(sql`at`)} from audit_log
    where action = 'finding.bulk_update' and details->'ids' ?| ${asked} and ${setsStatusBy}
    order by seq`);
  const wanted = new Set(ids);
  for (const r of rows) {
    for (const id of r.ids ?? (r.target_id ? [r.target_id] : [])) if (wanted.has(id)) statuses.set(id, { status: r.status, at: r.at });
  }
  return statuses;
}

type Reopenings = { lastBefore: string | null; dueThen: string | null };

/**
 * Around the instant, each finding's reopenings by Leash: the latest by then (people's earlier status no longer
 * held), and the due date the first one after it replaced (the due date in force at the instant).
 */
async function reopeningsAround(ids: string[], at: Date): Promise<Map<string, Reopenings>> {
  const instant = sql`${at.toISOString()}::timestamptz`;
  const rows = await rowsOf<Reopenings & { finding_id: string }>(db(), sql`
    select finding_id, ${isoText(sql`max(reopened_at) filter (where reopened_at <= ${instant})`)} as "lastBefore",
      ${isoText(sql`(array_agg(previous_due_at order by reopened_at) filter (where reopened_at > ${instant}))[1]`)} as "dueThen"
    from finding_reopenings where finding_id in (select x::uuid from ${jsonList(ids)} as t(x))
    group by finding_id`);
  return new Map(rows.map(({ finding_id, ...r }) => [finding_id, r]));
}

/** A finding's status at the instant: the one people set by then, unless Leash reopened it after that (open again). */
function statusThen(set: StatusSet | undefined, reopenings: Reopenings | undefined): StoredFinding["status"] {
  const reopened = reopenings?.lastBefore ? Date.parse(reopenings.lastBefore) : null;
  if (!set || (reopened !== null && reopened >= Date.parse(set.at))) return "open";
  return set.status as StoredFinding["status"];
}

/**
 * The stored findings (status, first detection, due date) of the failing verdicts of one batch of subjects. A finding
 * changed after the instant takes the status and due date in force then (the statuses set by then, its reopenings).
 */
async function storedFindings(failing: readonly Collected[], at: Date): Promise<Map<string, StoredFinding>> {
  // The world is loaded a kind at a time, so a batch's subjects are all of one kind.
  const kind = failing[0]!.item.kind;
  const ids = [...new Set(failing.map((c) => c.item.id))];
  const rows = await rowsOf<StoredFinding & { id: string; changed_since: boolean }>(db(), sql`
    select id, rule_id, subject_id, status, ${isoText(sql`first_detected_at`)} as first_detected_at, ${isoText(sql`due_at`)} as due_at,
      updated_at > ${at.toISOString()}::timestamptz as changed_since
    from findings
    where subject_kind = ${kind} and subject_id in ${jsonList(ids)} and first_detected_at <= ${at.toISOString()}::timestamptz`);
  const changed = rows.filter((r) => r.changed_since).map((r) => r.id);
  const [statuses, reopenings] = changed.length ? await Promise.all([statusesSetBy(changed, at), reopeningsAround(changed, at)]) : [null, null];
  return new Map(
    rows.map(({ id, changed_since, ...r }) => {
      if (!changed_since) return [`${r.rule_id}|${r.subject_id}`, r];
      const reopened = reopenings!.get(id);
      return [`${r.rule_id}|${r.subject_id}`, { ...r, status: statusThen(statuses!.get(id), reopened), due_at: reopened?.dueThen ?? r.due_at }];
    }),
  );
}

export type GatherInput = {
  framework: Framework;
  /** Each day's posture of the framework's controls: the period's days, or the 30 up to the instant. */
  days: PostureTrendDto["points"];
  at: Date;
  /** A period package's first instant (its first day's midnight, UTC); none for a package as of an instant. */
  periodStart?: Date;
  exceptions: readonly EvidenceException[];
  spool: Spool;
  /** Every failing verdict, as the finding it is, once. */
  onFinding: (finding: EvidenceFinding) => void;
};

export async function gatherEvidence({ framework, days, at, periodStart, exceptions, spool, onFinding }: GatherInput): Promise<Gathered> {
  const controlsOfRule = new Map<string, string[]>();
  for (const control of framework.controls) for (const ruleId of control.rules) controlsOfRule.set(ruleId, [...(controlsOfRule.get(ruleId) ?? []), control.id]);
  const populations = new Map(framework.controls.map((c) => [c.id, csvFile(spool, populationPath(c.id), POPULATION_HEADER)]));
  const inventory = csvFile(spool, PATHS.inventory, ["credential_id", "team_id", ...CREDENTIAL_COLUMNS]);
  const findings = csvFile(spool, PATHS.findings, FINDING_HEADER);
  const teamNames = new Map((await rowsOf<{ id: string; name: string }>(db(), sql`select id, name from teams`)).map((t) => [t.id, t.name]));
  const openFindings = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  // A fail Leash had not yet recorded as a finding by the instant is detected at it, and due by the SLA then in force.
  const { slas } = await parametersAt(at);
  // Subjects evaluated per kind, reconciled in the manifest with the records the package lists for them.
  const evaluated: Record<string, number> = {};
  // Where a (rule, subject kind) verdict goes: the start of its row, escaped once, and the population files of the
  // rule's controls; null for a rule no control of the framework maps. Looked up per kind, then per rule, with no
  // key to build for each of millions of rows.
  type Target = { start: string; findingStart: string; files: SpoolFile[] } | null;
  const targets = new Map<string, Map<string, Target>>();
  const targetOf = (ruleId: string, kind: string): Target => {
    let ofKind = targets.get(kind);
    if (!ofKind) targets.set(kind, (ofKind = new Map()));
    let target = ofKind.get(ruleId);
    if (target === undefined) {
      const rule = ruleById(ruleId)!;
      const controls = controlsOfRule.get(ruleId);
      target = controls
        ? {
            start: `${csvLine([ruleId, rule.title, rule.severity, kind]).slice(0, -2)},`,
            findingStart: `${csvLine([ruleId, rule.severity, controls, kind]).slice(0, -2)},`,
            files: controls.map((id) => populations.get(id)!),
          }
        : null;
      ofKind.set(ruleId, target);
    }
    return target;
  };

  /** `cells`: the subject's id, label and team, and the reason, already escaped for the population rows; `reason` as written to the package. */
  const emit = (c: Collected, stored: StoredFinding | undefined, cells: { subject: string; reason: string }, reason: string) => {
    const rule = ruleById(c.ruleId)!;
    const f: EvidenceFinding = {
      uuid: findingUuid(c.ruleId, c.item.kind, c.item.id),
      ruleId: c.ruleId,
      ruleTitle: rule.title,
      severity: rule.severity,
      subjectKind: c.item.kind,
      subjectId: c.item.id,
      subjectLabel: c.item.label,
      teamId: c.item.teamId,
      team: c.item.teamId ? (teamNames.get(c.item.teamId) ?? null) : null,
      controlIds: controlsOfRule.get(c.ruleId) ?? [],
      reason,
      remediation: rule.remediation,
      status: c.excepted ? "risk_accepted" : stored?.status === "in_progress" ? "in_progress" : "open",
      firstDetectedAt: stored ? stored.first_detected_at : at.toISOString(),
      dueAt: stored ? stored.due_at : new Date(at.getTime() + slas[rule.severity] * DAY_MS).toISOString(),
    };
    if (f.status !== "risk_accepted") openFindings[f.severity]++;
    // The id, status word and ISO instants have nothing to escape; the rest was escaped once, for every finding of its rule or subject.
    findings.record(`${f.uuid},${targetOf(c.ruleId, c.item.kind)!.findingStart}${cells.subject},${f.status},${f.firstDetectedAt},${f.dueAt},${cells.reason}\r\n`);
    onFinding(f);
  };

  const snapshot = await snapshotAsOf(at, async (batch) => {
    const failing = batch.filter((c) => c.evaluation.result === "fail" && controlsOfRule.has(c.ruleId));
    // Their stored status and dates are read while the batch's rows are written.
    const stored = failing.length ? readAhead(storedFindings(failing, at)) : null;
    // A reason naming a credential by id names it as the inventory lists it too, so it reads without a look-up and
    // still joins to its row there. Named per batch: the names held are those this batch's reasons mention.
    const named = await credentialNamerAt(batch.flatMap((c) => (controlsOfRule.has(c.ruleId) ? [c.evaluation.reason] : [])), at);
    const traced = (reason: string) => {
      const credentials = named(reason);
      return credentials.length ? tracedText(reason, credentials) : reason;
    };
    // The escaped cells and reason of each failing verdict, in `failing`'s order, for its finding row.
    const failingCells: { cells: { subject: string; reason: string }; reason: string }[] = [];
    let previous: Collected["item"] | null = null;
    let subjectCells = "";
    for (const c of batch) {
      // A subject's verdicts come together: it is listed in the inventory once, and its cells are escaped once.
      if (c.item !== previous) {
        previous = c.item;
        subjectCells = `${csvLine([c.item.id, c.item.label]).slice(0, -2)},${csvCell(c.item.teamId)}`;
        evaluated[c.item.kind] = (evaluated[c.item.kind] ?? 0) + 1;
        if (c.item.kind === "credential") {
          const subject = (c.item as CredentialItem).subject;
          const s = subject as Record<string, unknown>;
          inventory.record(csvLine([c.item.id, c.item.teamId, ...CREDENTIAL_COLUMNS.map((k) => (k === "status" ? statusAt(subject, at) : s[k]))]));
        }
      }
      const target = targetOf(c.ruleId, c.item.kind);
      if (!target) continue;
      // One of four fixed words: nothing to escape.
      const result = c.excepted ? "excepted" : c.evaluation.result;
      const text = traced(c.evaluation.reason);
      const reason = csvCell(text);
      const line = `${target.start}${subjectCells},${result},${reason}\r\n`;
      for (const file of target.files) file.record(line);
      if (c.evaluation.result === "fail") failingCells.push({ cells: { subject: subjectCells, reason }, reason: text });
    }
    if (stored) {
      const known = await stored;
      failing.forEach((c, i) => emit(c, known.get(`${c.ruleId}|${c.item.id}`), failingCells[i]!.cells, failingCells[i]!.reason));
    }
    await spool.settle();
  });

  const exceptionsFile = csvFile(spool, PATHS.exceptions, ["exception_id", "finding_uuid", "rule_id", "subject", "status", "requested_by", "decided_by", "decided_at", "expires_at", "justification"]);
  for (const e of exceptions) exceptionsFile.record(csvLine([e.uuid, e.findingUuid, e.ruleId, e.subjectLabel, e.status, e.requestedBy, e.decidedBy, e.decidedAt, e.expiresAt, e.justification]));

  const controls = controlsFromTallies(framework, "all", snapshot.tallies);
  // The instant's own day ends at the instant: a package as of noon must not show that day's evening.
  const atDay = utcDay(at);
  const record = days.map((d) => (d.day === atDay ? { day: d.day, score: meanScore(controls), controls: controls.map((c) => ({ id: c.id, status: c.status, score: c.score })) } : d));
  const files = [
    await summaryFile(spool, controls),
    await dailyFile(spool, record),
    ...(await Promise.all([...populations.values(), inventory, findings, exceptionsFile].map((f) => f.close()))),
    ...(await corpusFiles(spool, at)),
    await scanFile(spool, at),
    ...(await activityFiles(spool, at, periodStart)),
    ...(await auditFiles(spool, at)),
  ];
  const records = (path: string) => files.find((f) => f.path === path)?.records ?? 0;
  // The audit log is one subject, listed whole in audit/ (its entries are counted apart).
  const listed = { credential: records(PATHS.inventory), event: records(PATHS.events), corpus: records(PATHS.corpora) };
  return { files, openFindings, completeness: await completeness(at, evaluated, listed, records(PATHS.findings), records(PATHS.audit)), blast: snapshot.blast, controls, days: record };
}

/** Each control: status, score and population counts. */
function summaryFile(spool: Spool, controls: readonly ControlPostureDto[]): Promise<SpooledFile> {
  const file = csvFile(spool, PATHS.summary, ["control_id", "title", "rules", "status", "score", "pass", "fail", "excepted", "not_applicable"]);
  for (const c of controls) file.record(csvLine([c.id, c.title, c.rules, c.status, c.score === null ? "" : c.score.toFixed(4), c.population.pass, c.population.fail, c.population.excepted, c.population.not_applicable]));
  return file.close();
}

/**
 * Each control's status and score on each day (a Type II period's operating record), as Leash knew it at the end of
 * that day: one row per day and control, no day missing. A day before anything was recorded is not tested.
 */
function dailyFile(spool: Spool, days: PostureTrendDto["points"]): Promise<SpooledFile> {
  const file = csvFile(spool, PATHS.daily, ["day", "control_id", "status", "score"]);
  for (const day of days) for (const c of day.controls) file.record(csvLine([day.day, c.id, c.status, c.score === null ? "" : c.score.toFixed(4)]));
  return file.close();
}
