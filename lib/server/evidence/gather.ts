import "server-only";
import { sql } from "drizzle-orm";
import { joinToBuffer } from "@/lib/evidence/chunked";
import { csvLine } from "@/lib/evidence/csv";
import type { EvidenceException, EvidenceFinding } from "@/lib/evidence/model";
import { findingUuid } from "@/lib/evidence/oscal/uuid";
import type { PackageFile } from "@/lib/evidence/package/assemble";
import { ruleById, type Framework } from "@/lib/rules";
import { verifyAuditChain } from "../audit";
import { db } from "../db";
import { rowsOf } from "../sql-rows";
import { snapshotAsOf, type Collected } from "../evaluator/snapshot";
import type { CredentialItem } from "../evaluator/world";

/**
 * The data files of a package, read as Leash knew things at the package's instant (the end of a period): the
 * populations behind every control, the inventory, findings, exceptions, redacted scan results, activity and the
 * audit log. Every CSV goes through the formula-safe writer; no file can carry a secret value, because none is stored.
 */

export type Gathered = {
  files: PackageFile[];
  findings: EvidenceFinding[];
  exceptions: EvidenceException[];
  completeness: Record<string, unknown>;
  blast: Awaited<ReturnType<typeof snapshotAsOf>>["blast"];
  tallies: Awaited<ReturnType<typeof snapshotAsOf>>["tallies"];
  parametersVersion: number;
};


function csvFile(path: string, header: readonly string[], lines: readonly string[]): PackageFile {
  return {
    path,
    bytes: joinToBuffer(
      (function* () {
        yield csvLine(header);
        yield* lines;
      })(),
    ),
  };
}
const iso = (v: unknown) => (v === null || v === undefined ? "" : new Date(v as string).toISOString());

const POPULATION_HEADER = ["rule_id", "rule_title", "severity", "subject_kind", "subject_id", "subject", "team_id", "result", "reason"];
const CREDENTIAL_COLUMNS = [
  "external_id", "name", "provider", "kind", "principal", "principal_type", "team", "owner_email", "environments", "agent_accessible",
  "allowed_operations", "scopes", "created_at", "expires_at", "last_rotated_at", "last_used_at", "revoked_at", "status", "storage",
  "approval_ref", "last_review_at", "reviewer",
] as const;

export async function gatherEvidence(framework: Framework, at: Date, window: { from: Date; to: Date }): Promise<Gathered> {
  const controlsOfRule = new Map<string, string[]>();
  for (const control of framework.controls) for (const ruleId of control.rules) controlsOfRule.set(ruleId, [...(controlsOfRule.get(ruleId) ?? []), control.id]);
  const populations = new Map(framework.controls.map((c) => [c.id, [] as string[]]));
  const inventory: string[] = [];
  const seenCredentials = new Set<string>();
  const failing: Collected[] = [];

  const snapshot = await snapshotAsOf(at, (c) => {
    if (c.item.kind === "credential" && !seenCredentials.has(c.item.id)) {
      seenCredentials.add(c.item.id);
      const s = (c.item as CredentialItem).subject as Record<string, unknown>;
      inventory.push(csvLine([c.item.id, c.item.teamId, ...CREDENTIAL_COLUMNS.map((k) => s[k])]));
    }
    const controls = controlsOfRule.get(c.ruleId);
    if (!controls) return;
    const rule = ruleById(c.ruleId)!;
    const result = c.excepted ? "excepted" : c.evaluation.result;
    const line = csvLine([c.ruleId, rule.title, rule.severity, c.item.kind, c.item.id, c.item.label, c.item.teamId, result, c.evaluation.reason]);
    for (const control of controls) populations.get(control)!.push(line);
    if (c.evaluation.result === "fail") failing.push(c);
  });

  const findingRows = await rowsOf<{ rule_id: string; subject_kind: string; subject_id: string; status: EvidenceFinding["status"]; first_detected_at: Date; due_at: Date }>(db(), sql`
    select rule_id, subject_kind, subject_id, status, first_detected_at, due_at from findings where first_detected_at <= ${at.toISOString()}::timestamptz`);
  const stored = new Map(findingRows.map((f) => [`${f.rule_id}|${f.subject_kind}|${f.subject_id}`, f]));
  const findings: EvidenceFinding[] = failing.map((c) => {
    const rule = ruleById(c.ruleId)!;
    const row = stored.get(`${c.ruleId}|${c.item.kind}|${c.item.id}`);
    return {
      uuid: findingUuid(c.ruleId, c.item.kind, c.item.id),
      ruleId: c.ruleId,
      ruleTitle: rule.title,
      severity: rule.severity,
      subjectKind: c.item.kind,
      subjectId: c.item.id,
      subjectLabel: c.item.label,
      controlIds: controlsOfRule.get(c.ruleId) ?? [],
      reason: c.evaluation.reason,
      remediation: rule.remediation,
      status: c.excepted ? "risk_accepted" : row?.status === "in_progress" ? "in_progress" : "open",
      firstDetectedAt: row ? iso(row.first_detected_at) : at.toISOString(),
      dueAt: row ? iso(row.due_at) : at.toISOString(),
    };
  });

  const exceptionRows = await rowsOf<{ id: string; rule_id: string; subject_kind: string; subject_id: string; subject_label: string; justification: string; status: EvidenceException["status"]; requested_by: string; decided_by: string | null; decided_at: Date | null; expires_at: Date }>(db(), sql`
    select e.id, f.rule_id, f.subject_kind, f.subject_id, f.subject_label, e.justification, e.status, e.requested_by, e.decided_by, e.decided_at, e.expires_at
    from finding_exceptions e join findings f on f.id = e.finding_id where e.requested_at <= ${at.toISOString()}::timestamptz order by e.requested_at`);
  const exceptions: EvidenceException[] = exceptionRows.map((e) => ({
    uuid: e.id,
    findingUuid: findingUuid(e.rule_id, e.subject_kind, e.subject_id),
    ruleId: e.rule_id,
    subjectLabel: e.subject_label,
    justification: e.justification,
    // As of the instant: a decision taken later was still pending then; an approval past its expiry had expired.
    status: e.decided_at && new Date(e.decided_at) > at ? "pending" : e.status === "approved" && new Date(e.expires_at) <= at ? "expired" : e.status,
    requestedBy: e.requested_by,
    decidedBy: e.decided_at && new Date(e.decided_at) <= at ? e.decided_by : null,
    decidedAt: e.decided_at && new Date(e.decided_at) <= at ? iso(e.decided_at) : null,
    expiresAt: iso(e.expires_at),
  }));

  const files: PackageFile[] = [
    ...framework.controls.map((c) => csvFile(`populations/${c.id}.csv`, POPULATION_HEADER, populations.get(c.id)!)),
    csvFile("inventory/credentials.csv", ["credential_id", "team_id", ...CREDENTIAL_COLUMNS], inventory),
    csvFile(
      "findings/findings.csv",
      ["finding_uuid", "rule_id", "severity", "controls", "subject_kind", "subject_id", "subject", "status", "first_detected_at", "due_at", "reason"],
      findings.map((f) => csvLine([f.uuid, f.ruleId, f.severity, f.controlIds, f.subjectKind, f.subjectId, f.subjectLabel, f.status, f.firstDetectedAt, f.dueAt, f.reason])),
    ),
    csvFile(
      "exceptions/exceptions.csv",
      ["exception_id", "finding_uuid", "rule_id", "subject", "status", "requested_by", "decided_by", "decided_at", "expires_at", "justification"],
      exceptions.map((e) => csvLine([e.uuid, e.findingUuid, e.ruleId, e.subjectLabel, e.status, e.requestedBy, e.decidedBy, e.decidedAt, e.expiresAt, e.justification])),
    ),
    await scanFile(at),
    ...(await activityFiles(window)),
    ...(await auditFiles(at)),
  ];
  return { files, findings, exceptions, completeness: await completeness(at, seenCredentials.size), blast: snapshot.blast, tallies: snapshot.tallies, parametersVersion: snapshot.parametersVersion };
}

/** Secret findings known at the instant: where, what kind, the redacted preview. Never a fingerprint or a value. */
async function scanFile(at: Date): Promise<PackageFile> {
  const found = await rowsOf<Record<string, unknown>>(db(), sql`
    select sf.id, c.name as corpus, c.agent_readable, sf.detector, sf.kind, sf.provider, sf.severity, sf.confidence, sf.preview, sf.credential_id,
      sf.first_seen_at, case when sf.resolved_at <= ${at.toISOString()}::timestamptz then sf.resolved_at end as resolved_at,
      (select count(*)::int from secret_locations l where l.finding_id = sf.id) as locations
    from secret_findings sf join corpora c on c.id = sf.corpus_id
    where sf.first_seen_at <= ${at.toISOString()}::timestamptz order by sf.first_seen_at, sf.id`);
  return csvFile(
    "scans/secret-findings.csv",
    ["id", "corpus", "agent_readable", "detector", "kind", "provider", "severity", "confidence", "redacted_preview", "credential_id", "locations", "first_seen_at", "resolved_at"],
    found.map((f) => csvLine([f.id, f.corpus, f.agent_readable, f.detector, f.kind, f.provider, f.severity, f.confidence, f.preview, f.credential_id, f.locations, iso(f.first_seen_at), iso(f.resolved_at)])),
  );
}

const EVENT_HEADER = ["id", "occurred_at", "credential_id", "actor", "actor_type", "attribution_reason", "on_behalf_of", "agent_name", "operation", "raw_operation", "destructive", "resource", "resource_environment", "outcome", "cross_env", "after_expiry", "unapproved_destructive"];

/** Every event of the window, and the flagged ones on their own (cross-environment, after expiry, unapproved destructive). */
async function activityFiles(window: { from: Date; to: Date }): Promise<PackageFile[]> {
  const events = await rowsOf<Record<string, unknown>>(db(), sql`
    select id, occurred_at, credential_id, actor, actor_type, attribution_reason, on_behalf_of, agent_name, operation, raw_operation, destructive,
      resource, resource_environment, outcome, cross_env, after_expiry, unapproved_destructive, flagged
    from activity_events where occurred_at >= ${window.from.toISOString()}::timestamptz and occurred_at <= ${window.to.toISOString()}::timestamptz
      and ingested_at <= ${window.to.toISOString()}::timestamptz
    order by occurred_at, id`);
  const line = (e: Record<string, unknown>) => csvLine(EVENT_HEADER.map((k) => (k === "occurred_at" ? iso(e[k]) : e[k])));
  return [csvFile("activity/events.csv", EVENT_HEADER, events.map(line)), csvFile("activity/flagged.csv", EVENT_HEADER, events.filter((e) => e.flagged).map(line))];
}

/** The audit log as written by the instant, one JSON entry per line with its hashes, and the chain's verdict. */
async function auditFiles(at: Date): Promise<PackageFile[]> {
  const entries = await rowsOf<Record<string, unknown>>(db(), sql`
    select seq, at, actor_type, actor_id, actor_label, action, target_type, target_id, outcome, ip, request_id, details, prev_hash, hash
    from audit_log where at <= ${at.toISOString()}::timestamptz order by seq`);
  const jsonl = joinToBuffer(entries.map((e) => `${JSON.stringify({ ...e, at: iso(e.at) })}\n`));
  const verdict = await verifyAuditChain(1000, at);
  return [
    { path: "audit/audit-log.jsonl", bytes: jsonl },
    { path: "audit/chain-verification.json", bytes: Buffer.from(`${JSON.stringify({ ...verdict, algorithm: "sha256(prev_hash || canonical JSON of the entry)" }, null, 2)}\n`) },
  ];
}

/** Population counts per source next to what their latest import runs reported, so an auditor can reconcile them. */
async function completeness(at: Date, inventoryCount: number): Promise<Record<string, unknown>> {
  const sources = await rowsOf<{ name: string; format: string; credentials: number; run_id: string | null; rows_read: number | null; created: number | null; updated: number | null; unchanged: number | null; rejected: number | null; marked_missing: number | null; finished_at: Date | null }>(db(), sql`
    select s.name, s.format,
      (select count(*)::int from credentials c join credential_versions v on v.credential_id = c.id
        where c.source_id = s.id and v.valid_from <= ${at.toISOString()}::timestamptz and (v.valid_to is null or v.valid_to > ${at.toISOString()}::timestamptz)) as credentials,
      r.id as run_id, r.rows_read, r.created, r.updated, r.unchanged, r.rejected, r.marked_missing, r.finished_at
    from sources s
    left join lateral (select * from import_runs ir where ir.source_id = s.id and ir.status = 'applied' and ir.finished_at <= ${at.toISOString()}::timestamptz
      order by ir.finished_at desc limit 1) r on true
    order by s.name`);
  return {
    credentials: inventoryCount,
    sources: sources.map((s) => ({
      source: s.name,
      format: s.format,
      credentialsInPackage: s.credentials,
      latestImport: s.run_id
        ? { run: s.run_id, finishedAt: iso(s.finished_at), rowsRead: s.rows_read, created: s.created, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected, markedMissing: s.marked_missing }
        : null,
    })),
  };
}

