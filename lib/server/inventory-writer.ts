import "server-only";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { credentials, credentialVersions, teams } from "@/db/schema";
import type { Database } from "@/db/client";
import type { CredentialRecord } from "@/lib/domain/credential";
import type { MappingResult } from "@/lib/domain/credential-mapping";
import type { RowError } from "@/lib/ingest/row-error";
import { bulkInsert } from "./bulk-insert";
import { changedFields, mergeOverPersonEdits, recordOf, rowValues } from "./credential-rows";
import { teamScope, type Viewer } from "./viewer";

export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type WriteCounts = { created: number; updated: number; unchanged: number };
export type Change = { kind: "import" | "api" | "person" | "system"; by: string; userId: string | null; importRunId: string | null; at: Date };

type Item = { line: number; record: CredentialRecord };
type Row = typeof credentials.$inferSelect;

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
    const rows = await this.tx
      .select()
      .from(credentials)
      .where(and(eq(credentials.sourceId, this.sourceId), inArray(credentials.externalId, batch.map((i) => i.record.external_id))));
    for (const row of rows) existing.set(row.externalId, row);

    const inserts: { record: CredentialRecord; teamId: string | null }[] = [];
    for (const { line, record: incoming } of batch) {
      this.seen.add(incoming.external_id);
      const previous = existing.get(incoming.external_id) ?? null;
      const record = this.mapRecord(mergeOverPersonEdits(previous ? recordOf(previous) : null, incoming)).record;
      const teamId = this.resolveTeam(record.team);
      if (this.outOfScope(teamId) || (previous && this.outOfScope(previous.teamId))) {
        refused.push({ line, field: "team", reason: "you can only import credentials owned by one of your teams" });
        continue;
      }
      if (!previous) inserts.push({ record, teamId });
      else await this.update(previous, record, teamId);
    }
    await this.insert(inserts);
    return refused;
  }

  private async insert(items: { record: CredentialRecord; teamId: string | null }[]): Promise<void> {
    if (items.length === 0) return;
    const created = (await bulkInsert(
      this.tx,
      credentials,
      items.map(({ record, teamId }) => ({ ...rowValues(record), sourceId: this.sourceId, externalId: record.external_id, teamId, updatedAt: this.change.at })),
      sql`id, external_id`,
    )) as { id: string; external_id: string }[];
    const byExternal = new Map(items.map((i) => [i.record.external_id, i.record]));
    await bulkInsert(
      this.tx,
      credentialVersions,
      created.map(({ id, external_id }) => ({
        ...this.versionMeta(),
        credentialId: id,
        version: 1,
        data: byExternal.get(external_id)! as unknown as Record<string, unknown>,
        changedFields: ["created"],
      })),
    );
    this.counts.created += created.length;
  }

  private versionMeta() {
    const { at, kind, by, userId, importRunId } = this.change;
    return { validFrom: at, changeKind: kind, changedBy: by, changedByUserId: userId, importRunId };
  }

  private async update(previous: Row, record: CredentialRecord, teamId: string | null): Promise<void> {
    const changed = changedFields(recordOf(previous), record);
    if (changed.length === 0 && previous.teamId === teamId) {
      if (previous.missingFromSourceAt) {
        // Listed again after a full import had missed it: not a new version of the credential, just its presence.
        await this.tx.update(credentials).set({ missingFromSourceAt: null }).where(eq(credentials.id, previous.id));
      }
      this.counts.unchanged++;
      return;
    }
    await writeNewVersion(this.tx, previous, record, teamId, changed, this.change);
    this.counts.updated++;
  }
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

/** After a full import: credentials of the source it did not list are marked missing (never deleted). */
export async function markMissing(tx: Tx, viewer: Viewer, sourceId: string, seen: Set<string>, at: Date): Promise<number> {
  const scope = teamScope(viewer);
  if (scope !== "all" && scope.length === 0) return 0;
  const marked = await tx
    .update(credentials)
    .set({ missingFromSourceAt: at })
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
  return marked.length;
}
