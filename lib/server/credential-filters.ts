import "server-only";
import { and, arrayOverlaps, eq, gte, ilike, inArray, isNotNull, isNull, lte, or, SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { credentials, credentialVersions, importRunCredentials, type ImportOutcome } from "@/db/schema";
import type { CredentialListFilters } from "@/lib/domain/credential-query";
import { DAY_MS } from "@/lib/domain/utc-days";
import { teamScope, type Viewer } from "./viewer";
import { escapeLike } from "./sql-text";



/** effectiveStatus (lib/domain/credential.ts) in SQL: a passed expiry or revocation outranks a stated `active`. */
export function effectiveStatusSql(now: Date): SQL {
  const at = sql`${now.toISOString()}::timestamptz`;
  return sql`(case when ${credentials.status} is not null and ${credentials.status} <> 'active' then ${credentials.status}
    when ${credentials.revokedAt} <= ${at} then 'revoked' when ${credentials.expiresAt} <= ${at} then 'expired' else ${credentials.status} end)`;
}

/**
 * Credentials neither revoked nor expired, the ones the rules judge (a disabled key can be re-enabled, so it counts):
 * the Overview counts and the blast radius are of these, and link to `status=active,disabled,unknown`.
 */
export function stillValidSql(now: Date): SQL {
  return sql`coalesce(${effectiveStatusSql(now)}, 'active') in ('active', 'disabled')`;
}

/** A list filter that may include "unknown" (= not stated, stored as null). */
function withUnknown(column: AnyPgColumn | SQL, values: readonly string[]): SQL | undefined {
  const known = values.filter((v) => v !== "unknown");
  // One overload per kind of operand: a column, or an expression (the effective status).
  const among = known.length ? (column instanceof SQL ? inArray(column, known) : inArray(column, known)) : undefined;
  return or(among, values.includes("unknown") ? isNull(column) : undefined);
}

function environmentFilter(values: string[]): SQL | undefined {
  const named = values.filter((v) => v !== "untagged");
  const parts: SQL[] = [];
  if (named.length) parts.push(arrayOverlaps(credentials.environments, named));
  if (values.includes("untagged")) parts.push(or(isNull(credentials.environments), sql`cardinality(${credentials.environments}) = 0`)!);
  return parts.length ? or(...parts) : undefined;
}

/** Credentials with a version of `version` written by the import run: its run report counts the same rows. */
function changedByImport(runId: string, version: SQL): SQL {
  const v = credentialVersions;
  return sql`${credentials.id} in (select ${v.credentialId} from ${v} where ${v.importRunId} = ${runId}::uuid and ${v.version} ${version})`;
}

/** Credentials the import run left as `outcome` without writing a version (import_run_credentials), as it counted them. */
function keptByImport(runId: string, outcome: ImportOutcome): SQL {
  const r = importRunCredentials;
  return sql`${credentials.id} in (select unnest(${r.credentialIds}) from ${r} where ${r.runId} = ${runId}::uuid and ${r.outcome} = ${outcome})`;
}

/** The SQL conditions for a viewer and filter set, team scope first: engineers only ever see their teams. */
export function credentialConditions(viewer: Viewer, f: CredentialListFilters, now = new Date()): SQL[] {
  const scope = teamScope(viewer);
  const where: (SQL | undefined)[] = [scope === "all" ? undefined : scope.length ? inArray(credentials.teamId, scope) : sql`false`];
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    where.push(
      or(
        ilike(credentials.name, like),
        ilike(credentials.principal, like),
        ilike(credentials.externalId, like),
        ilike(credentials.provider, like),
        ilike(credentials.publicId, like),
        ilike(credentials.account, like),
        ilike(credentials.ownerEmail, like),
      ),
    );
  }
  if (f.provider?.length) where.push(inArray(credentials.provider, f.provider.map((p) => p.toLowerCase())));
  if (f.kind?.length) where.push(inArray(credentials.kind, f.kind));
  if (f.environment?.length) where.push(environmentFilter(f.environment));
  if (f.agentAccessible) where.push(f.agentAccessible === "unknown" ? isNull(credentials.agentAccessible) : eq(credentials.agentAccessible, f.agentAccessible === "true"));
  if (f.principalType?.length) where.push(withUnknown(credentials.principalType, f.principalType));
  if (f.teamId?.length) where.push(inArray(credentials.teamId, f.teamId));
  if (f.storage?.length) where.push(inArray(credentials.storage, f.storage));
  if (f.status?.length) where.push(withUnknown(effectiveStatusSql(now), f.status));
  if (f.expiringWithinDays !== undefined) {
    where.push(and(gte(credentials.expiresAt, now), lte(credentials.expiresAt, new Date(now.getTime() + f.expiringWithinDays * DAY_MS))));
  }
  if (f.noExpiry !== undefined) {
    const statedNever = and(isNull(credentials.expiresAt), sql`${credentials.provenance} ? 'expires_at'`)!;
    where.push(f.noExpiry ? statedNever : sql`not (${statedNever})`);
  }
  if (f.missingFromSource !== undefined) where.push(f.missingFromSource ? isNotNull(credentials.missingFromSourceAt) : isNull(credentials.missingFromSourceAt));
  if (f.sourceId) where.push(eq(credentials.sourceId, f.sourceId));
  if (f.createdByImport) where.push(changedByImport(f.createdByImport, sql`= 1`));
  if (f.updatedByImport) where.push(changedByImport(f.updatedByImport, sql`> 1`));
  if (f.unchangedByImport) where.push(keptByImport(f.unchangedByImport, "unchanged"));
  if (f.markedMissingByImport) where.push(keptByImport(f.markedMissingByImport, "marked_missing"));
  // Every credential the file listed and the run accepted: its rows read, less the rejected ones.
  if (f.listedByImport) where.push(or(changedByImport(f.listedByImport, sql`>= 1`), keptByImport(f.listedByImport, "unchanged"))!);
  return where.filter((w): w is SQL => w !== undefined);
}

/** Sort keys never null (nulls sort last either way), so keyset pagination on (key, id) is exact. */
export function sortKey(sort: CredentialListFilters["sort"]): SQL {
  switch (sort) {
    case "name":
      return sql`coalesce(${credentials.name}, ${credentials.externalId})`;
    case "provider":
      return sql`coalesce(${credentials.provider}, '')`;
    case "expires_at":
      return sql`coalesce(${credentials.expiresAt}, 'infinity'::timestamptz)`;
    case "last_used_at":
      return sql`coalesce(${credentials.lastUsedAt}, '-infinity'::timestamptz)`;
    case "last_rotated_at":
      return sql`coalesce(${credentials.lastRotatedAt}, '-infinity'::timestamptz)`;
    case "created_at":
      return sql`coalesce(${credentials.createdAt}, '-infinity'::timestamptz)`;
    case "updated_at":
      return sql`${credentials.updatedAt}`;
  }
}

export type Cursor = { k: string; id: string };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export function decodeCursor(value: string | undefined): Cursor | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Cursor;
    if (typeof parsed.k === "string" && typeof parsed.id === "string" && /^[0-9a-f-]{36}$/.test(parsed.id)) return parsed;
  } catch {
    // fall through: a tampered cursor is simply invalid
  }
  return null;
}
