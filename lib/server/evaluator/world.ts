import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { ActivityEvent } from "@/lib/domain/activity-event";
import type { CredentialFacts } from "@/lib/domain/activity-event-flags";
import type { HeldApproval } from "@/lib/domain/approval";
import type { BlastFacts } from "@/lib/rules/blast-radius";
import { asOf as credentialAsOf, deadReason } from "@/lib/rules/rules/helpers";
import type { ContextOf, CredentialSubject, SubjectKind, SubjectOf } from "@/lib/rules";
import { verifyAuditChain } from "../audit";
import { heldApprovals } from "../held-approvals";
import { db } from "../db";
import { versionValidAt } from "../credential-rows";
import { jsonList, keysetPages, rowsOf, textArray } from "../sql-rows";
import { RunCache } from "./run-cache";

/**
 * The world as Leash knew it at an instant: the credential versions valid then, the events ingested by then, the
 * secret findings open then, the scans finished by then and the audit log written by then. "Now" is just another
 * instant, so today's evaluation and a rebuilt past posture are the same code over the same kind of input.
 */

export type WorldItem<K extends SubjectKind = SubjectKind> = {
  kind: K;
  id: string;
  teamId: string | null;
  label: string;
  subject: SubjectOf[K];
  context: ContextOf[K];
  /** The digest of the subject's stored verdict (null: none yet); loaded only when the scope asks for it. */
  storedDigest?: string | null;
};
export type CredentialItem = WorldItem<"credential"> & { blast: BlastFacts; name: string | null; provider: string | null; team: string | null };

/** Which subjects to load: "all", or the ids of those to re-evaluate (an incremental run). */
export type WorldScope = {
  asOf: Date;
  credentials: "all" | string[];
  events: "all" | number[];
  corpora: "all" | string[];
  auditLog: boolean;
  /** Also read each subject's stored verdict digest (the evaluator compares it with the new one). */
  storedDigests?: boolean;
  /** The approvals held at an instant, when the caller read them for several (approvalsHeldAt); else read here. */
  approvalsAt?: (at: Date) => HeldApproval[];
};

const EVENT_BATCH = 10_000;
const CREDENTIAL_BATCH = 5000;
/**
 * Credentials whose versions a read keeps at once (run-cache.ts): enough for the credentials most events come from
 * (an agent's token used thousands of times), few enough that an evidence build stays within its memory (100k
 * credentials' versions held whole added 40 MB to its peak).
 */
const VERSION_CACHE_LIMIT = 20_000;


const dateOrNull = (value: string | null): Date | null => (value === null ? null : new Date(value));
const iso = (value: unknown): string | null => (value === null || value === undefined ? null : new Date(value as string).toISOString());

/**
 * The scope's subjects a page at a time. A page's items are made as they are iterated, so each one can be garbage the
 * moment its reader is done with it: made all at once, a page of 10,000 outlived the young generation and its
 * collector copied every one of them.
 */
export async function* loadWorld(scope: WorldScope): AsyncGenerator<Iterable<WorldItem>> {
  const at = scope.asOf.toISOString();
  if (scope.credentials === "all" || scope.credentials.length) yield* loadCredentials(scope, at);
  if (scope.events === "all" || scope.events.length) yield* loadEvents(scope, at);
  if (scope.corpora === "all" || scope.corpora.length) yield await loadCorpora(scope, at);
  if (scope.auditLog) yield [await loadAuditLog(scope)];
}

/** A page's items, each made when its reader asks for it (loadWorld says why). */
function* madeAsRead<R, T>(rows: R[], make: (row: R) => T): Iterable<T> {
  for (const row of rows) yield make(row);
}

type CredentialRow = { credential_id: string; data: CredentialSubject & { provenance?: unknown; mapped_by?: unknown }; team_id: string | null };

/**
 * The stored verdict digests of some subjects, or undefined when the scope does not ask for them. Read apart from the
 * subjects' own rows, so the digests load beside the next page. A join on the list, not `= any(list)`: with a
 * million event verdicts the planner reads them all for the latter (360 ms a page, against 36).
 */
async function storedDigests(scope: WorldScope, kind: SubjectKind, ids: string[]): Promise<Map<string, string | null> | undefined> {
  if (!scope.storedDigests) return undefined;
  if (!ids.length) return new Map();
  const rows = await rowsOf<{ subject_id: string; digest: string | null }>(db(), sql`
    select sv.subject_id, sv.digest from unnest(${textArray(ids)}) as x(id)
    join subject_verdicts sv on sv.subject_kind = ${kind} and sv.subject_id = x.id`);
  return new Map(rows.map((r) => [r.subject_id, r.digest]));
}

/**
 * The stored digests of the events with ids from `first` to `last` (a page of a full run, which holds every event of
 * its range that has happened), read as ranges of the verdicts' primary key rather than a probe per event: about
 * 18 ms for 10,000 against 25–50. Ids are text there, and numbers of one length sort as text as they do as numbers,
 * so the range is cut where the length changes; longer ids that sort inside a range (`5000010` between `500001` and
 * `510000`) are left out by their length.
 */
async function storedEventDigests(scope: WorldScope, first: number, last: number): Promise<Map<string, string | null> | undefined> {
  if (!scope.storedDigests) return undefined;
  const ranges: SQL[] = [];
  for (let from = first; from <= last; ) {
    const length = String(from).length;
    const to = Math.min(last, 10 ** length - 1);
    ranges.push(sql`(subject_id >= ${String(from)} and subject_id <= ${String(to)} and length(subject_id) = ${length})`);
    from = to + 1;
  }
  const rows = await rowsOf<{ subject_id: string; digest: string | null }>(db(), sql`
    select subject_id, digest from subject_verdicts where subject_kind = 'event' and (${sql.join(ranges, sql` or `)})`);
  return new Map(rows.map((r) => [r.subject_id, r.digest]));
}

/** What an item says of its stored digest: undefined when not read, null when there is none yet. */
function digestOf(digests: Map<string, string | null> | undefined, id: string): string | null | undefined {
  return digests && (digests.get(id) ?? null);
}

type Exposure = { unresolved: number; inAgent: number; firstDetected: string | null };
type CredentialContexts = { exposures: Map<string, Exposure>; agentEvents: Map<string, number> };

/**
 * Exposures and agent use per credential, each as one grouped query (not a subquery per credential): for a full
 * run that is two scans instead of one index probe per credential per table.
 */
async function credentialContexts(scope: WorldScope, at: string): Promise<CredentialContexts> {
  const only = (column: SQL) => (scope.credentials === "all" ? sql`${column} is not null` : sql`${column} in (select x::uuid from ${jsonList(scope.credentials)} as t(x))`);
  const [exposures, agentEvents] = await Promise.all([
    rowsOf<{ credential_id: string; unresolved: number; in_agent: number; first_detected: string | Date }>(db(), sql`
      select s.credential_id, count(*)::int as unresolved, count(*) filter (where cv.agent_readable)::int as in_agent, min(sf.first_seen_at) as first_detected
      from secret_finding_states s
      join secret_findings sf on sf.id = s.finding_id
      join corpus_versions cv on cv.corpus_id = sf.corpus_id and ${versionValidAt("cv", at)}
      where ${only(sql`s.credential_id`)} and not s.allowed and ${versionValidAt("s", at)}
      group by s.credential_id`),
    rowsOf<{ credential_id: string; n: number }>(db(), sql`
      select e.credential_id, count(*)::int as n from activity_events e
      where ${only(sql`e.credential_id`)} and e.actor_type = 'agent' and e.occurred_at <= ${at}::timestamptz and e.ingested_at <= ${at}::timestamptz
      group by e.credential_id`),
  ]);
  return {
    exposures: new Map(exposures.map((r) => [r.credential_id, { unresolved: Number(r.unresolved), inAgent: Number(r.in_agent), firstDetected: iso(r.first_detected) }])),
    agentEvents: new Map(agentEvents.map((r) => [r.credential_id, Number(r.n)])),
  };
}

async function* loadCredentials(scope: WorldScope, at: string): AsyncGenerator<Iterable<CredentialItem>> {
  const contexts = await credentialContexts(scope, at);
  const only = scope.credentials === "all" ? sql`` : sql`and v.credential_id in (select x::uuid from ${jsonList(scope.credentials)} as t(x))`;
  const page = (last: CredentialRow | null) =>
    rowsOf<CredentialRow>(db(), sql`
      select v.credential_id, v.data, c.team_id
      from credential_versions v join credentials c on c.id = v.credential_id
      where ${versionValidAt("v", at)}
        and v.credential_id > ${last?.credential_id ?? "00000000-0000-0000-0000-000000000000"}::uuid ${only}
        -- The same bound on credentials, so the join starts at the page, not at the first credential.
        and c.id > ${last?.credential_id ?? "00000000-0000-0000-0000-000000000000"}::uuid
      order by v.credential_id
      limit ${CREDENTIAL_BATCH}`);
  const enrich = async (rows: CredentialRow[]) => ({ rows, digests: await storedDigests(scope, "credential", rows.map((r) => r.credential_id)) });
  for await (const { rows, digests } of keysetPages(page, CREDENTIAL_BATCH, enrich)) {
    yield madeAsRead(rows, (r) => credentialItem(r, contexts, scope.asOf, digestOf(digests, r.credential_id)));
  }
}

function credentialItem(r: CredentialRow, contexts: CredentialContexts, asOf: Date, storedDigest: string | null | undefined): CredentialItem {
  const { provenance: _p, mapped_by: _m, ...subject } = r.data;
  const exposure = contexts.exposures.get(r.credential_id) ?? { unresolved: 0, inAgent: 0, firstDetected: null };
  return {
    kind: "credential",
    id: r.credential_id,
    teamId: r.team_id,
    label: subject.name ?? subject.external_id,
    name: subject.name ?? null,
    provider: subject.provider ?? null,
    team: subject.team ?? null,
    storedDigest,
    subject,
    context: {
      exposures: { unresolved: exposure.unresolved, inAgentReadableCorpora: exposure.inAgent, firstDetectedAt: exposure.firstDetected },
      agentEventCount: contexts.agentEvents.get(r.credential_id) ?? 0,
    },
    blast: {
      agentAccessible: subject.agent_accessible ?? null,
      agentReadableExposures: exposure.inAgent,
      environments: subject.environments ?? null,
      allowedOperations: subject.allowed_operations ?? null,
      createdAt: subject.created_at ? new Date(subject.created_at) : null,
      expiresAt: subject.expires_at ? new Date(subject.expires_at) : null,
      // As the rules judge it: revoked or expired by the instant (a disabled key can be re-enabled, so it counts).
      dead: deadReason(credentialAsOf(subject, asOf), asOf),
    },
  };
}

type EventRow = {
  id: string;
  /** Milliseconds since the epoch: a number crosses the wire and parses far cheaper than a timestamp. */
  occurred_ms: number;
  credential_id: string | null;
  team_id: string | null;
  credential_key_id: string | null;
  credential_fingerprint: string | null;
  credential_external_id: string | null;
  actor_type: ActivityEvent["actorType"];
  operation: ActivityEvent["operation"];
  raw_operation: string;
  destructive: boolean;
  resource: string | null;
  resource_environment: ActivityEvent["resourceEnvironment"];
  outcome: ActivityEvent["outcome"];
};

type VersionFacts = { validFrom: number; validTo: number | null; facts: CredentialFacts };

async function* loadEvents(scope: WorldScope, at: string): AsyncGenerator<Iterable<WorldItem<"event">>> {
  const approvals = scope.approvalsAt ? scope.approvalsAt(scope.asOf) : await heldApprovals(scope.asOf);
  const only = scope.events === "all" ? sql`` : sql`and e.id in (select x::bigint from ${jsonList(scope.events)} as t(x))`;
  const page = (last: EventRow | null) =>
    rowsOf<EventRow>(db(), sql`
      select e.id, (extract(epoch from e.occurred_at) * 1000)::float8 as occurred_ms, e.credential_id, e.team_id, e.credential_key_id,
        e.credential_fingerprint, e.credential_external_id, e.actor_type, e.operation, e.raw_operation, e.destructive, e.resource,
        e.resource_environment, e.outcome
      from activity_events e
      where e.occurred_at <= ${at}::timestamptz and e.ingested_at <= ${at}::timestamptz and e.id > ${Number(last?.id ?? 0)} ${only}
      order by e.id limit ${EVENT_BATCH}`);
  const versionsOf = new RunCache((ids) => loadVersionFacts(ids, at), [], VERSION_CACHE_LIMIT);
  // The versions of the credentials a page names, and its events' stored digests, read beside the next page.
  const enrich = async (rows: EventRow[]) => {
    const credentialIds = rows.flatMap((r) => (r.credential_id === null ? [] : [r.credential_id]));
    const digestsRead =
      scope.events === "all" ? storedEventDigests(scope, Number(rows[0]!.id), Number(rows.at(-1)!.id)) : storedDigests(scope, "event", rows.map((r) => String(r.id)));
    const [versions, digests] = await Promise.all([versionsOf.of(credentialIds), digestsRead]);
    return { rows, versions, digests };
  };
  for await (const { rows, versions, digests } of keysetPages(page, EVENT_BATCH, enrich)) {
    yield madeAsRead(rows, (r) => eventItem(r, versions, approvals, digestOf(digests, String(r.id))));
  }
}

function eventItem(r: EventRow, versions: Map<string, VersionFacts[]>, approvals: HeldApproval[], storedDigest: string | null | undefined): WorldItem<"event"> {
  const occurredAt = new Date(r.occurred_ms).toISOString();
  const ref =
    r.credential_key_id || r.credential_fingerprint || r.credential_external_id
      ? {
          ...(r.credential_key_id ? { keyId: r.credential_key_id } : {}),
          ...(r.credential_fingerprint ? { fingerprint: r.credential_fingerprint } : {}),
          ...(r.credential_external_id ? { externalId: r.credential_external_id } : {}),
        }
      : null;
  const credential = r.credential_id ? factsAt(versions.get(r.credential_id) ?? [], r.occurred_ms) : null;
  return {
    kind: "event",
    id: String(r.id),
    teamId: r.team_id,
    label: `${r.raw_operation || r.operation} on ${r.resource ?? "an unnamed resource"}`,
    storedDigest,
    subject: {
      occurredAt,
      credential: ref,
      actorType: r.actor_type,
      operation: r.operation,
      rawOperation: r.raw_operation,
      destructive: r.destructive,
      resource: r.resource,
      resourceEnvironment: r.resource_environment,
      outcome: r.outcome,
    },
    context: { credential, approvals },
  };
}

/**
 * The credential as it stood when the event happened (its expiry and revocation as last stated, loadVersionFacts
 * says why). A credential imported after the event has no version then, so its first known version stands in: it is
 * the earliest statement of its scope Leash has.
 */
function factsAt(versions: VersionFacts[], at: number): CredentialFacts | null {
  if (!versions.length) return null;
  const current = versions.find((v) => v.validFrom <= at && (v.validTo === null || v.validTo > at));
  return (current ?? versions[0]!).facts;
}

async function loadVersionFacts(credentialIds: string[], at: string): Promise<Map<string, VersionFacts[]>> {
  const out = new Map<string, VersionFacts[]>();
  if (!credentialIds.length) return out;
  const rows = await rowsOf<{ credential_id: string; valid_from: Date | string; valid_to: Date | string | null; environments: string[] | null; expires_at: string | null; revoked_at: string | null; principal_type: CredentialFacts["principalType"] }>(db(), sql`
    select credential_id, valid_from, valid_to, data->'environments' as environments, data->>'expires_at' as expires_at,
      data->>'revoked_at' as revoked_at, data->>'principal_type' as principal_type
    from credential_versions
    where credential_id in (select x::uuid from ${jsonList(credentialIds)} as t(x)) and valid_from <= ${at}::timestamptz
    order by credential_id, version`);
  for (const r of rows) {
    const list = out.get(r.credential_id) ?? [];
    list.push({
      validFrom: new Date(r.valid_from).getTime(),
      validTo: r.valid_to === null ? null : new Date(r.valid_to).getTime(),
      // Dates parsed once per version, not once per event that reads them.
      facts: { id: r.credential_id, environments: r.environments ?? [], expiresAt: dateOrNull(r.expires_at), revokedAt: dateOrNull(r.revoked_at), principalType: r.principal_type },
    });
    out.set(r.credential_id, list);
  }
  // Leash learns a credential's dates after the fact (the next inventory export), and a later statement corrects an
  // earlier one: the expiry and revocation the latest version states hold for every use, as the Activity page judges
  // them (activity-ingest.ts). A use between a revocation and its import is one after it; a use the corrected
  // expiry no longer covers is one after expiry, and one it now covers is not.
  for (const list of out.values()) {
    const { expiresAt, revokedAt } = list.at(-1)!.facts;
    for (const v of list) v.facts = { ...v.facts, expiresAt, revokedAt };
  }
  return out;
}

async function loadCorpora(scope: WorldScope, at: string): Promise<WorldItem<"corpus">[]> {
  const only = scope.corpora === "all" ? sql`` : sql`and c.id in (select x::uuid from ${jsonList(scope.corpora)} as t(x))`;
  const rows = await rowsOf<{ id: string; name: string; agent_readable: boolean; team_id: string | null; last_scan: Date | string | null; unresolved: number }>(db(), sql`
    select c.id, c.name, cv.agent_readable, cv.team_id,
      (select max(r.finished_at) from scan_runs r where r.corpus_id = c.id and r.status = 'completed' and r.finished_at <= ${at}::timestamptz) as last_scan,
      (select count(*)::int from secret_findings sf join secret_finding_states s on s.finding_id = sf.id
        where sf.corpus_id = c.id and not s.allowed and ${versionValidAt("s", at)}) as unresolved
    from corpora c join corpus_versions cv on cv.corpus_id = c.id and ${versionValidAt("cv", at)}
    where true ${only}
    order by c.id`);
  const digests = await storedDigests(scope, "corpus", rows.map((r) => r.id));
  return rows.map((r) => ({
    kind: "corpus",
    id: r.id,
    teamId: r.team_id,
    label: r.name,
    storedDigest: digestOf(digests, r.id),
    subject: { id: r.id, agentReadable: r.agent_readable, lastScannedAt: iso(r.last_scan), unresolvedFindings: r.unresolved },
    context: {},
  }));
}

/** Leash's own audit log is one subject: the id is fixed so its finding is one row however often it is checked. */
export const AUDIT_LOG_SUBJECT_ID = "leash-audit-log";

async function loadAuditLog(scope: WorldScope): Promise<WorldItem<"audit_log">> {
  const verdict = await verifyAuditChain(1000, scope.asOf);
  const digests = await storedDigests(scope, "audit_log", [AUDIT_LOG_SUBJECT_ID]);
  return {
    kind: "audit_log",
    id: AUDIT_LOG_SUBJECT_ID,
    teamId: null,
    label: "Leash audit log",
    storedDigest: digestOf(digests, AUDIT_LOG_SUBJECT_ID),
    subject: {
      entries: verdict.entries,
      verdict: verdict.ok ? { ok: true } : { ok: false, firstBrokenEntry: verdict.brokenAt, reason: verdict.reason },
    },
    context: {},
  };
}

export function subjectHref(kind: SubjectKind, id: string): string {
  switch (kind) {
    case "credential":
      return `/credentials/${id}`;
    case "event":
      return `/activity/events/${id}`;
    case "corpus":
      return `/scans/corpora/${id}`;
    case "audit_log":
      return "/settings/audit";
  }
}
