import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { credentials, credentialVersions, importRunCredentials, type ImportOutcome, teams } from "@/db/schema";
import type { Database } from "@/db/client";
import { CREDENTIAL_FIELDS, type CredentialRecord } from "@/lib/domain/credential";
import type { MappingResult } from "@/lib/domain/credential-mapping";
import { locationOf, type RowError, type RowLocation } from "@/lib/ingest/row-error";
import { changedFields, COLUMN_OF, mergeOverPersonEdits, recordOf, rowValues } from "./credential-rows";
import { linkUnmatchedExposures, type SecretKeys } from "./exposure-links";
import { textArray } from "./sql-rows";
import { teamScope, type Viewer } from "./viewer";

export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type WriteCounts = { created: number; updated: number; unchanged: number };
export type Change = { kind: "import" | "api" | "person" | "system"; by: string; userId: string | null; importRunId: string | null; at: Date };

type Item = RowLocation & { record: CredentialRecord };
type Row = typeof credentials.$inferSelect;

/**
 * A record's fields are named like the columns that store them (owner_email → owner_email), which lets the insert
 * read a record straight into a row. Checked once here, so a renamed column fails loudly instead of importing nulls.
 */
const FIELD_COLUMNS = CREDENTIAL_FIELDS.map((field) => {
  const column = credentials[COLUMN_OF[field]].name;
  if (column !== field) throw new Error(`credentials column ${column} does not carry the record field ${field}`);
  return column;
});
const INSERT_COLUMNS = sql.raw(FIELD_COLUMNS.map((c) => `"${c}"`).join(", "));
const SELECT_COLUMNS = sql.raw(FIELD_COLUMNS.map((c) => `p."${c}"`).join(", "));

/** Resolves a stated team name (or slug) to a Leash team, case-insensitively. */
export async function loadTeamResolver(tx: Tx): Promise<(label: string | undefined) => string | null> {
  const rows = await tx.select({ id: teams.id, name: teams.name, slug: teams.slug }).from(teams);
  const byKey = new Map<string, string>();
  for (const t of rows) {
    byKey.set(t.name.toLowerCase(), t.id);
    byKey.set(t.slug, t.id);
  }
  return (label) => (label ? (byKey.get(label.trim().toLowerCase()) ?? null) : null);
}

/**
 * Upserts batches of records of one source inside the caller's transaction. Each change closes the previous
 * version and opens a new one; a record identical to what is stored writes nothing.
 */
export class InventoryWriter {
  readonly counts: WriteCounts = { created: 0, updated: 0, unchanged: 0 };
  readonly seen = new Set<string>();
  /** Exposures scanned before their credential was registered, linked to it by this writer (exposure-links.ts). */
  exposuresLinked = 0;
  private sourceWasEmpty: Promise<boolean> | null = null;

  constructor(
    private readonly tx: Tx,
    private readonly viewer: Viewer,
    private readonly sourceId: string,
    private readonly change: Change,
    private readonly mapRecord: (record: CredentialRecord) => MappingResult,
    private readonly resolveTeam: (label: string | undefined) => string | null,
  ) {}

  private outOfScope(teamId: string | null): boolean {
    const scope = teamScope(this.viewer);
    return scope !== "all" && (teamId === null || !scope.includes(teamId));
  }

  /** Writes a batch; returns the rows refused for this viewer (an engineer may only touch their teams' credentials). */
  async write(batch: Item[]): Promise<RowError[]> {
    const refused: RowError[] = [];
    if (batch.length === 0) return refused;
    const existing = new Map<string, Row>();
    for (const row of await this.stored(batch)) existing.set(row.externalId, row);

    const inserts: { record: CredentialRecord; teamId: string | null }[] = [];
    const unchanged: string[] = [];
    // New credentials, and those whose fingerprint or public id changed: a scan may have found their secret already.
    const registered: SecretKeys[] = [];
    for (const item of batch) {
      const incoming = item.record;
      this.seen.add(incoming.external_id);
      const previous = existing.get(incoming.external_id) ?? null;
      const stored = previous ? recordOf(previous) : null;
      const record = this.mapRecord(mergeOverPersonEdits(stored, incoming)).record;
      const teamId = this.resolveTeam(record.team);
      if (this.outOfScope(teamId) || (previous && this.outOfScope(previous.teamId))) {
        refused.push({ ...locationOf(item), field: "team", reason: "you can only import credentials owned by one of your teams" });
        continue;
      }
      if (!previous || !stored) {
        inserts.push({ record, teamId });
        registered.push(secretKeysOf(record));
        continue;
      }
      const changed = await this.update(previous, stored, record, teamId);
      if (!changed) unchanged.push(previous.id);
      else if (changed.includes("fingerprint") || changed.includes("public_id")) registered.push(secretKeysOf(record));
    }
    await this.insert(inserts);
    this.exposuresLinked += await linkUnmatchedExposures(this.tx, registered);
    await recordOutcome(this.tx, this.change.importRunId, unchanged, "unchanged");
    return refused;
  }

  /** The stored credentials of the source that a batch's records may update. */
  private async stored(batch: Item[]): Promise<Row[]> {
    // A source empty when the import began holds only what this writer inserted: a batch none of whose ids it has
    // seen (the importers refuse repeated ids) has nothing stored to look up.
    this.sourceWasEmpty ??= this.tx
      .select({ id: credentials.id })
      .from(credentials)
      .where(eq(credentials.sourceId, this.sourceId))
      .limit(1)
      .then((rows) => rows.length === 0);
    if ((await this.sourceWasEmpty) && !batch.some((i) => this.seen.has(i.record.external_id))) return [];
    // Probes the (source, external id) index once per id, whatever the statistics say. A plain `external_id in
    // (…)` lets the planner, which has no statistics for rows this transaction inserted, scan every row of the
    // source for every batch: quadratic in the file size. One array parameter instead of one per id, too.
    const ids = textArray(batch.map((i) => i.record.external_id));
    return this.tx
      .select()
      .from(credentials)
      .where(
        sql`${credentials.id} = any(array(select c.id from unnest(${ids}) as x(external_id) cross join lateral (select id from credentials c where c.source_id = ${this.sourceId}::uuid and c.external_id = x.external_id offset 0) as c))`,
      );
  }

  /**
   * Inserts new credentials and their first versions in ONE statement with ONE JSON parameter: each record is
   * sent once, and serves both as the row (jsonb_populate_record maps its fields onto the same-named columns) and
   * as the version's `data`. The records of a file mostly share one provenance map, so each distinct map is sent
   * once and records name it by position: parsing the JSON is a third of what Postgres spends on a batch. Ids are
   * made here, so both inserts read the input alike; the foreign key from each version to its credential is
   * checked at the end of the statement, when the credential rows exist.
   */
  private async insert(items: { record: CredentialRecord; teamId: string | null }[]): Promise<void> {
    if (items.length === 0) return;
    const { at, kind, by, userId, importRunId } = this.change;
    const provenances: string[] = [];
    const positions = new Map<string, number>();
    const rows = items.map(({ record: { provenance, ...fields }, teamId }) => {
      const key = JSON.stringify(provenance);
      let position = positions.get(key);
      if (position === undefined) positions.set(key, (position = provenances.push(key) - 1));
      return { i: randomUUID(), t: teamId, p: position, r: fields };
    });
    const result = await this.tx.execute(sql`
      with input as (
        select (e->>'i')::uuid as id, (e->>'t')::uuid as team_id, (e->'r') || jsonb_build_object('provenance', d.maps->((e->>'p')::int)) as r
        from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) as e cross join (select ${`[${provenances.join(",")}]`}::jsonb as maps) as d
      ), created as (
        insert into credentials (id, source_id, external_id, team_id, ${INSERT_COLUMNS}, provenance, mapped_by, updated_at)
        select i.id, ${this.sourceId}::uuid, p.external_id, i.team_id, ${SELECT_COLUMNS}, p.provenance, coalesce(p.mapped_by, '{}'::jsonb), ${at.toISOString()}::timestamptz
        from input i cross join lateral jsonb_populate_record(null::credentials, i.r) as p
        returning 1
      ), versions as (
        insert into credential_versions (credential_id, version, valid_from, data, changed_fields, change_kind, changed_by, changed_by_user_id, import_run_id)
        select i.id, 1, ${at.toISOString()}::timestamptz, i.r, '{created}'::text[], ${kind}::credential_change_kind, ${by}, ${userId}::uuid, ${importRunId}::uuid
        from input i
        returning 1
      )
      select (select count(*) from created)::int as credentials, (select count(*) from versions)::int as versions`);
    const [counts] = (result as unknown as { rows: { credentials: number; versions: number }[] }).rows;
    if (counts?.credentials !== items.length || counts.versions !== items.length) {
      throw new Error(`inventory insert wrote ${counts?.credentials} credentials and ${counts?.versions} versions for ${items.length} records`);
    }
    this.counts.created += items.length;
  }

  /** Returns the fields of the new version it wrote (none when only the team changed); null when the record is the one stored. */
  private async update(previous: Row, stored: CredentialRecord, record: CredentialRecord, teamId: string | null): Promise<string[] | null> {
    const changed = changedFields(stored, record);
    if (changed.length === 0 && previous.teamId === teamId) {
      if (previous.missingFromSourceAt) {
        // Listed again after a full import had missed it: not a new version of the credential, just its presence.
        await this.tx.update(credentials).set({ missingFromSourceAt: null }).where(eq(credentials.id, previous.id));
      }
      this.counts.unchanged++;
      return null;
    }
    await writeNewVersion(this.tx, previous, record, teamId, changed, this.change);
    this.counts.updated++;
    return changed;
  }
}

function secretKeysOf(record: CredentialRecord): SecretKeys {
  return { fingerprint: record.fingerprint ?? null, publicId: record.public_id ?? null };
}

/** Replaces the stored record with `record` as version n+1, closing version n at the same instant. */
export async function writeNewVersion(tx: Tx, previous: Row, record: CredentialRecord, teamId: string | null, changed: string[], change: Change): Promise<void> {
  const version = previous.version + 1;
  await tx
    .update(credentials)
    .set({ ...rowValues(record), teamId, version, updatedAt: change.at, missingFromSourceAt: null })
    .where(eq(credentials.id, previous.id));
  await tx
    .update(credentialVersions)
    .set({ validTo: change.at })
    .where(and(eq(credentialVersions.credentialId, previous.id), isNull(credentialVersions.validTo)));
  await tx.insert(credentialVersions).values({
    validFrom: change.at,
    changeKind: change.kind,
    changedBy: change.by,
    changedByUserId: change.userId,
    importRunId: change.importRunId,
    credentialId: previous.id,
    version,
    data: record as unknown as Record<string, unknown>,
    changedFields: changed,
  });
}

/**
 * What an import run did to credentials it wrote no version of (import_run_credentials), so its counts list them
 * after later imports; a write of no run (the token sync) records nothing. One row for the batch, not one per id.
 */
async function recordOutcome(tx: Tx, runId: string | null, credentialIds: string[], outcome: ImportOutcome): Promise<void> {
  if (!runId || credentialIds.length === 0) return;
  await tx.insert(importRunCredentials).values({ runId, outcome, credentialIds });
}

/** After a full import: credentials of the source it did not list are marked missing (never deleted). */
export async function markMissing(tx: Tx, viewer: Viewer, sourceId: string, seen: Set<string>, change: Pick<Change, "at" | "importRunId">): Promise<number> {
  const scope = teamScope(viewer);
  if (scope !== "all" && scope.length === 0) return 0;
  const marked = await tx
    .update(credentials)
    .set({ missingFromSourceAt: change.at })
    .where(
      and(
        eq(credentials.sourceId, sourceId),
        isNull(credentials.missingFromSourceAt),
        // One text parameter carrying a JSON array works the same on PGlite and node-postgres, at any size.
        seen.size ? sql`${credentials.externalId} not in (select jsonb_array_elements_text(${JSON.stringify([...seen])}::jsonb))` : undefined,
        scope === "all" ? undefined : inArray(credentials.teamId, scope),
      ),
    )
    .returning({ id: credentials.id });
  await recordOutcome(tx, change.importRunId, marked.map((m) => m.id), "marked_missing");
  return marked.length;
}
