import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { csvLine } from "@/lib/evidence/csv";
import type { Spool, SpoolFile, SpooledFile } from "@/lib/evidence/package/spool";
import { verifyAuditChain } from "../audit";
import { db } from "../db";
import { versionValidAt } from "../credential-rows";
import { isoText, keysetPages, rowsOf } from "../sql-rows";

/**
 * The records behind a package's numbers, read as Leash knew them at the package's instant: corpora and scan runs,
 * redacted secret findings, the events the populations evaluated, the audit log with its chain's verdict, and the
 * manifest's reconciliation of all of them. gather.ts writes the populations, inventory and findings.
 */

export const PAGE = 10_000;

/** The data files of a package other than the populations, by role. */
export const PATHS = {
  summary: "summary/controls.csv",
  daily: "summary/daily-controls.csv",
  inventory: "inventory/credentials.csv",
  findings: "findings/findings.csv",
  exceptions: "exceptions/exceptions.csv",
  corpora: "scans/corpora.csv",
  scanRuns: "scans/scan-runs.csv",
  scans: "scans/secret-findings.csv",
  events: "activity/events.csv",
  flagged: "activity/flagged.csv",
  audit: "audit/audit-log.jsonl",
  chain: "audit/chain-verification.json",
} as const;

export const iso = (v: unknown) => (v === null || v === undefined ? "" : new Date(v as string).toISOString());

export function csvFile(spool: Spool, path: string, header: readonly string[]): SpoolFile {
  const file = spool.file(path);
  file.write(csvLine(header));
  return file;
}

/** A keyset-paged query written a page at a time, letting compression catch up after each. */
export async function forEachPage<T>(spool: Spool, page: (after: T | null) => SQL, each: (rows: T[]) => void): Promise<void> {
  for await (const rows of keysetPages((last: T | null) => rowsOf<T>(db(), page(last)), PAGE)) {
    each(rows);
    await spool.settle();
  }
}

/**
 * The corpora (the subjects of R13 and R21) as known at the instant, with the last scan that had finished by then,
 * and every scan run finished by then: what an auditor traces a corpus row of a population to.
 */
export async function corpusFiles(spool: Spool, at: Date): Promise<SpooledFile[]> {
  const corpora = csvFile(spool, PATHS.corpora, ["corpus_id", "name", "kind", "agent_readable", "readers", "team_id", "created_at", "last_scan_finished_at", "unresolved_findings"]);
  const rows = await rowsOf<Record<string, unknown>>(db(), sql`
    select c.id, c.name, c.kind, cv.agent_readable, array_to_string(c.readers, '; ') as readers, cv.team_id, c.created_at,
      (select max(r.finished_at) from scan_runs r where r.corpus_id = c.id and r.status = 'completed' and r.finished_at <= ${at.toISOString()}::timestamptz) as last_scan,
      (select count(*)::int from secret_findings sf join secret_finding_states s on s.finding_id = sf.id
        where sf.corpus_id = c.id and not s.allowed and ${versionValidAt("s", at)}) as unresolved
    from corpora c join corpus_versions cv on cv.corpus_id = c.id and ${versionValidAt("cv", at)} order by c.name`);
  for (const c of rows) corpora.record(csvLine([c.id, c.name, c.kind, c.agent_readable, c.readers, c.team_id, iso(c.created_at), iso(c.last_scan), c.unresolved]));
  const runs = csvFile(spool, PATHS.scanRuns, ["run_id", "corpus_id", "corpus", "status", "origin", "scanner_version", "started_at", "finished_at", "files", "bytes", "findings", "opened", "resolved", "requested_by"]);
  await forEachPage<Record<string, unknown>>(
    spool,
    (after) => sql`
      select r.id, r.corpus_id, c.name as corpus, r.status, r.origin, r.scanner_version, r.started_at, r.finished_at, r.files, r.bytes, r.findings, r.opened, r.resolved,
        r.requested_by, r.finished_at::text as finished_key
      from scan_runs r join corpora c on c.id = r.corpus_id
      where r.finished_at <= ${at.toISOString()}::timestamptz
        ${after ? sql`and (r.finished_at, r.id) > (${after.finished_key}::timestamptz, ${after.id}::uuid)` : sql``}
      order by r.finished_at, r.id limit ${PAGE}`,
    (page) => {
      for (const r of page) runs.record(csvLine([r.id, r.corpus_id, r.corpus, r.status, r.origin, r.scanner_version, iso(r.started_at), iso(r.finished_at), r.files, r.bytes, r.findings, r.opened, r.resolved, r.requested_by]));
    },
  );
  return Promise.all([corpora.close(), runs.close()]);
}

/** Secret findings known at the instant: where, what kind, the redacted preview. Never a fingerprint or a value. */
export async function scanFile(spool: Spool, at: Date): Promise<SpooledFile> {
  const file = csvFile(spool, PATHS.scans, ["id", "corpus_id", "corpus", "agent_readable", "detector", "kind", "provider", "severity", "confidence", "redacted_preview", "credential_id", "locations", "first_seen_at", "resolved_at"]);
  await forEachPage<Record<string, unknown>>(
    spool,
    (after) => sql`
      select sf.id, sf.corpus_id, c.name as corpus, cv.agent_readable, sf.detector, sf.kind, sf.provider, sf.severity, sf.confidence, sf.preview, st.credential_id,
        sf.first_seen_at, case when st.valid_to <= ${at.toISOString()}::timestamptz then st.valid_to end as resolved_at,
        (select count(*)::int from secret_locations l where l.finding_id = sf.id) as locations,
        -- The page key as text: first_seen_at has microseconds, which a JavaScript Date would drop.
        sf.first_seen_at::text as seen_key
      from secret_findings sf join corpora c on c.id = sf.corpus_id
      join corpus_versions cv on cv.corpus_id = sf.corpus_id and ${versionValidAt("cv", at)}
      -- As the exposure stood at the instant: its latest stretch begun by then, open or resolved before it.
      join lateral (select s.credential_id, s.valid_to from secret_finding_states s
        where s.finding_id = sf.id and s.valid_from <= ${at.toISOString()}::timestamptz order by s.valid_from desc limit 1) st on true
      where sf.first_seen_at <= ${at.toISOString()}::timestamptz
        ${after ? sql`and (sf.first_seen_at, sf.id) > (${after.seen_key}::timestamptz, ${after.id}::uuid)` : sql``}
      order by sf.first_seen_at, sf.id limit ${PAGE}`,
    (rows) => {
      for (const f of rows) file.record(csvLine([f.id, f.corpus_id, f.corpus, f.agent_readable, f.detector, f.kind, f.provider, f.severity, f.confidence, f.preview, f.credential_id, f.locations, iso(f.first_seen_at), iso(f.resolved_at)]));
    },
  );
  return file.close();
}

const EVENT_HEADER = ["id", "occurred_at", "credential_id", "actor", "actor_type", "attribution_reason", "on_behalf_of", "agent_name", "operation", "raw_operation", "destructive", "resource", "resource_environment", "outcome", "cross_env", "after_expiry", "unapproved_destructive"];

/**
 * Every event the populations evaluated (each one known at the instant: occurred and ingested by then), so every
 * event row of a population traces to its record here; and the flagged ones on their own (cross-environment, after
 * expiry, unapproved destructive). A period's populations evaluate events from before the period too (a credential's
 * use before it is part of its record), so a period package adds a last column, in_period, "yes" for an event that
 * occurred in the period and "no" for one before it: the period's events are a filter away. A package as of an instant
 * has no period, and no such column.
 */
export async function activityFiles(spool: Spool, at: Date, periodStart?: Date): Promise<SpooledFile[]> {
  // Last, so every other column is where a package as of an instant has it.
  const header = periodStart ? [...EVENT_HEADER, "in_period"] : EVENT_HEADER;
  const events = csvFile(spool, PATHS.events, header);
  const flagged = csvFile(spool, PATHS.flagged, header);
  await forEachPage<Record<string, unknown>>(
    spool,
    (after) => sql`
      select id, ${isoText(sql`occurred_at`)} as occurred_iso, credential_id, actor, actor_type, attribution_reason, on_behalf_of, agent_name, operation, raw_operation, destructive,
        resource, resource_environment, outcome, cross_env, after_expiry, unapproved_destructive, flagged
        ${periodStart ? sql`, case when occurred_at >= ${periodStart.toISOString()}::timestamptz then 'yes' else 'no' end as in_period` : sql``}
      from activity_events where occurred_at <= ${at.toISOString()}::timestamptz and ingested_at <= ${at.toISOString()}::timestamptz
        ${after ? sql`and (occurred_at, id) > (${String(after.occurred_iso)}::timestamptz, ${String(after.id)}::bigint)` : sql``}
      order by occurred_at, id limit ${PAGE}`,
    (rows) => {
      for (const e of rows) {
        // The time as ISO text under its own name: an output column named occurred_at would be what ORDER BY sorts.
        const line = csvLine(header.map((k) => (k === "occurred_at" ? e.occurred_iso : e[k])));
        events.record(line);
        if (e.flagged) flagged.record(line);
      }
    },
  );
  return Promise.all([events.close(), flagged.close()]);
}

/** The audit log as written by the instant, one JSON entry per line with its hashes, and the chain's verdict. */
export async function auditFiles(spool: Spool, at: Date): Promise<SpooledFile[]> {
  const log = spool.file(PATHS.audit);
  await forEachPage<Record<string, unknown>>(
    spool,
    (after) => sql`
      select seq, at, actor_type, actor_id, actor_label, action, target_type, target_id, outcome, ip, request_id, details, prev_hash, hash
      from audit_log where at <= ${at.toISOString()}::timestamptz ${after ? sql`and seq > ${String(after.seq)}::bigint` : sql``}
      order by seq limit ${PAGE}`,
    (rows) => {
      for (const e of rows) log.record(`${JSON.stringify({ ...e, at: iso(e.at) })}\n`);
    },
  );
  const verdict = await verifyAuditChain(1000, at);
  return [await log.close(), await spool.bytes(PATHS.chain, `${JSON.stringify({ ...verdict, algorithm: "sha256(prev_hash || canonical JSON of the entry)" }, null, 2)}\n`)];
}

/**
 * How a source's credentials in the package are reconciled with its import runs, stated in the manifest itself and
 * in README.txt. Importers refuse a repeated id and rejected rows are not stored, so an import run's created +
 * updated + unchanged is the number of distinct credentials its file listed. After a full sync, the source holds
 * exactly those and marks every other one missing (never deleted): the package's credentials of the source not
 * marked missing by the instant must be that many. A partial import lists only part of the source, and a source with
 * no import run (Leash's own API tokens, kept by its token sync) has nothing to reconcile with: neither claims a match.
 */
export const SOURCE_RECONCILIATION_RULE =
  "per source, the credentials in the package not marked missing from the source by the instant, minus the latest import run's created + updated + unchanged (the distinct credentials its file listed): reconciled when that difference is 0 and the run was a full sync; after a partial import or with no import run (fed by Leash's token sync) the source is not reconciled, whatever the numbers";

type SourceCounts = {
  name: string;
  format: string;
  credentials: number;
  present: number;
  run_id: string | null;
  full_sync: boolean | null;
  rows_read: number | null;
  created: number | null;
  updated: number | null;
  unchanged: number | null;
  rejected: number | null;
  marked_missing: number | null;
  finished_at: Date | null;
};

/** One source's line of the completeness, reconciled by SOURCE_RECONCILIATION_RULE. */
export function reconcileSource(s: SourceCounts) {
  const counts = { source: s.name, format: s.format, credentialsInPackage: s.credentials, listedBySource: s.present, markedMissing: s.credentials - s.present };
  if (!s.run_id) {
    return { ...counts, latestImport: null, reconciled: false, difference: null, basis: "no import run by the instant: the source is fed without one (Leash's token sync, or a seed), so there is nothing to reconcile with" };
  }
  const listedByRun = s.created! + s.updated! + s.unchanged!;
  const difference = s.present - listedByRun;
  return {
    ...counts,
    latestImport: { run: s.run_id, fullSync: s.full_sync, finishedAt: iso(s.finished_at), rowsRead: s.rows_read, created: s.created, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected, markedMissing: s.marked_missing },
    reconciled: Boolean(s.full_sync) && difference === 0,
    difference,
    basis: s.full_sync
      ? difference === 0
        ? "full sync: the package lists as present exactly the credentials the run listed"
        : "full sync: the package's present credentials differ from those the run listed (a full sync with rejected rows marks none missing; one by an engineer covers only their teams)"
      : "partial import: its file listed only some of the source's credentials, so a match cannot be claimed; a full sync reconciles the source",
  };
}

/**
 * How complete the package is, for an auditor to reconcile: per subject kind, how many were evaluated and how many
 * records the package lists for them (equal unless something is missing); per credential source, the credentials in
 * the package reconciled with its latest import run (SOURCE_RECONCILIATION_RULE); the ingest runs behind the events;
 * the findings and the audit log's entries.
 */
export async function completeness(at: Date, evaluated: Record<string, number>, listed: Record<string, number>, findings: number, auditEntries: number): Promise<Record<string, unknown>> {
  const [runs] = await rowsOf<{ runs: number; accepted: number | null }>(db(), sql`
    select count(*)::int as runs, sum(accepted)::int as accepted from ingest_runs where status = 'completed' and finished_at <= ${at.toISOString()}::timestamptz`);
  // Missing as marked now, if by the instant: the mark is not versioned, so one lifted since reads as present then
  // (a difference to look into, never a match that hides one).
  const sources = await rowsOf<SourceCounts>(db(), sql`
    select s.name, s.format, coalesce(c.credentials, 0) as credentials, coalesce(c.present, 0) as present,
      r.id as run_id, r.full_sync, r.rows_read, r.created, r.updated, r.unchanged, r.rejected, r.marked_missing, r.finished_at
    from sources s
    left join lateral (select count(*)::int as credentials,
        (count(*) filter (where c.missing_from_source_at is null or c.missing_from_source_at > ${at.toISOString()}::timestamptz))::int as present
      from credentials c join credential_versions v on v.credential_id = c.id where c.source_id = s.id and ${versionValidAt("v", at)}) c on true
    left join lateral (select * from import_runs ir where ir.source_id = s.id and ir.status = 'applied' and ir.finished_at <= ${at.toISOString()}::timestamptz
      order by ir.finished_at desc limit 1) r on true
    order by s.name`);
  const subjects = Object.fromEntries(Object.entries(listed).map(([kind, inPackage]) => [kind, { evaluated: evaluated[kind] ?? 0, listed: inPackage, reconciled: (evaluated[kind] ?? 0) === inPackage }]));
  return {
    populationsAsOf: at.toISOString(),
    subjects,
    listedIn: { credential: PATHS.inventory, event: PATHS.events, corpus: PATHS.corpora },
    findings: { failingEvaluations: findings, listedIn: PATHS.findings },
    auditLog: { entries: auditEntries, chain: PATHS.chain },
    ingestRuns: { completedByInstant: runs?.runs ?? 0, eventsAccepted: runs?.accepted ?? 0, note: "events a run accepted that occurred after the instant, or were sent by other means (the demo seed), make the two counts differ" },
    credentials: evaluated.credential ?? 0,
    sourceRule: SOURCE_RECONCILIATION_RULE,
    sources: sources.map(reconcileSource),
  };
}
