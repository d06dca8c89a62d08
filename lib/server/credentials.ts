import "server-only";
import { and, asc, count, desc, eq, sql, type SQL } from "drizzle-orm";
import { credentials, credentialVersions, sources, teams } from "@/db/schema";
import { CREDENTIAL_FIELDS, effectiveStatus, type CredentialRecord } from "@/lib/domain/credential";
import {
  credentialEditSchema,
  credentialListQuerySchema,
  type CredentialDto,
  type CredentialEdit,
  type CredentialListQuery,
  type CredentialPage,
  type CredentialRowDto,
  type CredentialVersionDto,
  type FieldOrigin,
} from "@/lib/domain/credential-query";
import { AFTER_EXPIRY_FIELDS, rejudgeUsesAfterExpiry } from "./activity-ingest";
import { actorOf, appendAudit } from "./audit";
import { changedFields, recordOf, versionValidAt } from "./credential-rows";
import { credentialConditions, decodeCursor, encodeCursor, sortKey } from "./credential-filters";
import { db } from "./db";
import { evaluateAfter } from "./evaluation";
import { AppError, notFound, parseInput } from "./errors";
import { loadTeamResolver, writeNewVersion } from "./inventory-writer";
import { can } from "./permissions";
import { lockedFieldsOf, refuseTokenFieldEdits } from "./token-credentials";
import { inTeamScope, requirePermission, type Viewer } from "./viewer";

type Row = typeof credentials.$inferSelect;

function toRowDto(row: Row, teamName: string | null, sourceName: string): CredentialRowDto {
  return {
    id: row.id,
    name: row.name,
    provider: row.provider,
    kind: row.kind,
    principal: row.principal,
    principalType: row.principalType,
    team: row.teamId && teamName ? { id: row.teamId, name: teamName } : null,
    teamLabel: row.team,
    environments: row.environments,
    agentAccessible: row.agentAccessible,
    storage: row.storage,
    status: effectiveStatus(row, new Date()),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    neverExpires: row.expiresAt === null && "expires_at" in row.provenance,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    lastRotatedAt: row.lastRotatedAt?.toISOString() ?? null,
    missingFromSource: row.missingFromSourceAt !== null,
    source: sourceName,
  };
}

function baseSelect() {
  return db()
    .select({ row: credentials, teamName: teams.name, sourceName: sources.name, sourceFormat: sources.format })
    .from(credentials)
    .innerJoin(sources, eq(sources.id, credentials.sourceId))
    .leftJoin(teams, eq(teams.id, credentials.teamId));
}

type Found = { row: Row; teamName: string | null; sourceName: string; sourceFormat: string };

/** One page of rows for a viewer and query: team scope and filters in SQL, keyset-paginated on (sort key, id). */
async function selectPage(viewer: Viewer, query: CredentialListQuery): Promise<{ rows: Found[]; nextCursor: string | null; where: SQL[] }> {
  const f = parseInput(credentialListQuerySchema, query);
  const where = credentialConditions(viewer, f);
  const key = sortKey(f.sort);
  const cursor = decodeCursor(f.cursor);
  if (f.cursor && !cursor) throw new AppError("invalid", "Invalid cursor", { cursor: "is not a cursor from this list" });
  const after = cursor
    ? f.order === "asc"
      ? sql`(${key}, ${credentials.id}) > (${cursor.k}, ${cursor.id}::uuid)`
      : sql`(${key}, ${credentials.id}) < (${cursor.k}, ${cursor.id}::uuid)`
    : undefined;
  const direction = f.order === "asc" ? asc : desc;
  const rows = await baseSelect()
    .where(and(...where, after))
    .orderBy(direction(key), direction(credentials.id))
    .limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  const nextCursor = last && rows.length > f.limit ? encodeCursor({ k: await sortValueOf(last.row.id, key), id: last.row.id }) : null;
  return { rows: page, nextCursor, where };
}

/** Permission: credential:read, scoped to the engineer's teams in the SQL. Filtered, sorted and paginated server-side. */
export async function listCredentials(viewer: Viewer, query: CredentialListQuery): Promise<CredentialPage> {
  requirePermission(viewer, "credential:read");
  const { rows, nextCursor, where } = await selectPage(viewer, query);
  const [{ total } = { total: 0 }] = await db().select({ total: count() }).from(credentials).where(and(...where));
  return { items: rows.map((r) => toRowDto(r.row, r.teamName, r.sourceName)), nextCursor, total: Number(total) };
}

/** Permission: credential:read. Full records of one page, for exports. */
export async function listCredentialDetails(viewer: Viewer, query: CredentialListQuery): Promise<{ items: CredentialDto[]; nextCursor: string | null }> {
  requirePermission(viewer, "credential:read");
  const { rows, nextCursor } = await selectPage(viewer, query);
  return { items: rows.map((found) => toCredentialDto(viewer, found)), nextCursor };
}

// The sort key as Postgres renders it, so the next page compares like with like (text vs timestamptz).
async function sortValueOf(id: string, key: ReturnType<typeof sortKey>): Promise<string> {
  const [row] = await db()
    .select({ k: sql<string>`(${key})::text` })
    .from(credentials)
    .where(eq(credentials.id, id));
  return row!.k;
}

async function loadScoped(viewer: Viewer, id: string): Promise<Found> {
  const [found] = await baseSelect().where(eq(credentials.id, id));
  if (!found || !inTeamScope(viewer, found.row.teamId)) throw notFound("Credential");
  return found;
}

/** R19: whoever signs off a credential's review is not its owner. The refusal and the detail page's control both ask this. */
function ownsCredential(viewer: Viewer, ownerEmail: string | null | undefined): boolean {
  return typeof ownerEmail === "string" && ownerEmail.toLowerCase() === viewer.email.toLowerCase();
}

function reviewSignOffFor(viewer: Viewer, record: CredentialRecord): CredentialDto["reviewSignOff"] {
  if (!can(viewer, "credential:write")) return { allowed: false, reason: "Your role does not sign off reviews." };
  if (ownsCredential(viewer, record.owner_email)) return { allowed: false, reason: "Someone other than the owner signs off its review: you own this credential." };
  return { allowed: true };
}

function toCredentialDto(viewer: Viewer, found: Found): CredentialDto {
  const record = recordOf(found.row);
  const fields: CredentialDto["fields"] = {};
  const origins: CredentialDto["origins"] = {};
  for (const field of CREDENTIAL_FIELDS) {
    const provenance = record.provenance[field];
    if (!provenance) continue;
    fields[field] = record[field];
    const origin: FieldOrigin = { provenance };
    if (record.mapped_by?.[field]) origin.mappedBy = record.mapped_by[field];
    origins[field] = origin;
  }
  const { row } = found;
  return {
    id: row.id,
    source: { id: row.sourceId, name: found.sourceName },
    externalId: row.externalId,
    team: row.teamId && found.teamName ? { id: row.teamId, name: found.teamName } : null,
    fields,
    origins,
    lockedFields: lockedFieldsOf(found.sourceFormat),
    missingFromSourceAt: row.missingFromSourceAt?.toISOString() ?? null,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    reviewSignOff: reviewSignOffFor(viewer, record),
  };
}

/** Permission: credential:read. Another team's credential is not found. */
export async function getCredential(viewer: Viewer, id: string): Promise<CredentialDto> {
  requirePermission(viewer, "credential:read");
  return toCredentialDto(viewer, await loadScoped(viewer, id));
}

/** Permission: credential:read. Every version, newest first. */
export async function credentialHistory(viewer: Viewer, id: string): Promise<CredentialVersionDto[]> {
  requirePermission(viewer, "credential:read");
  await loadScoped(viewer, id);
  const rows = await db().select().from(credentialVersions).where(eq(credentialVersions.credentialId, id)).orderBy(desc(credentialVersions.version));
  return rows.map((v) => ({
    version: v.version,
    validFrom: v.validFrom.toISOString(),
    validTo: v.validTo?.toISOString() ?? null,
    changedFields: v.changedFields,
    changeKind: v.changeKind,
    changedBy: v.changedBy,
    importRunId: v.importRunId,
    data: v.data,
  }));
}

/** Permission: credential:read. The credential as it stood at `at` (null when it did not exist yet). */
export async function credentialAsOf(viewer: Viewer, id: string, at: Date): Promise<CredentialRecord | null> {
  requirePermission(viewer, "credential:read");
  await loadScoped(viewer, id);
  const [version] = await db()
    .select({ data: credentialVersions.data })
    .from(credentialVersions)
    .where(
      and(
        eq(credentialVersions.credentialId, id),
        versionValidAt("credential_versions", at),
      ),
    );
  return (version?.data as CredentialRecord | undefined) ?? null;
}

/**
 * Permission: credential:write (engineers: their teams only, and they cannot hand a credential to another team).
 * Each edit is a new version with the person as its origin, and an audit entry.
 */
export async function updateCredential(viewer: Viewer, id: string, input: CredentialEdit): Promise<CredentialDto> {
  requirePermission(viewer, "credential:write");
  const edit = parseInput(credentialEditSchema, input);
  await db().transaction(async (tx) => {
    const [row] = await tx.select().from(credentials).where(eq(credentials.id, id)).for("update");
    if (!row || !inTeamScope(viewer, row.teamId)) throw notFound("Credential");
    const { review, ...fields } = edit;
    await refuseTokenFieldEdits(tx, row.sourceId, Object.keys(fields));
    const before = recordOf(row);
    const next: Record<string, unknown> = { ...before, provenance: { ...before.provenance }, mapped_by: { ...before.mapped_by } };
    const stated = { ...fields, ...(review ? { reviewer: viewer.email, last_review_at: new Date().toISOString() } : {}) };
    for (const [field, value] of Object.entries(stated)) {
      next[field] = value;
      (next.provenance as Record<string, string>)[field] = "person";
      delete (next.mapped_by as Record<string, string>)[field];
    }
    const record = next as CredentialRecord;
    if (review && ownsCredential(viewer, record.owner_email)) {
      throw new AppError("invalid", "The reviewer must not be the credential's owner", { review: "you own this credential" });
    }
    const teamId = (await loadTeamResolver(tx))(record.team);
    if (edit.team !== undefined && !inTeamScope(viewer, teamId)) {
      throw new AppError("invalid", "You can only assign one of your teams", { team: "is not one of your teams" });
    }
    const changed = changedFields(before, record);
    if (changed.length === 0) return;
    const at = new Date();
    await writeNewVersion(tx, row, record, teamId, changed, { kind: "person", by: actorOf(viewer).actorLabel, userId: viewer.via === "cli" ? null : viewer.userId, importRunId: null, at });
    if (changed.some((field) => AFTER_EXPIRY_FIELDS.includes(field))) await rejudgeUsesAfterExpiry(tx, { credentialId: id });
    await appendAudit(tx, actorOf(viewer), { action: "credential.update", targetType: "credential", targetId: id, details: { changed, version: row.version + 1 } });
  });
  await evaluateAfter({ kind: "credential", credentialId: id }, actorOf(viewer).actorLabel);
  return getCredential(viewer, id);
}

