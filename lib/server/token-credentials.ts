import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { credentials, sources } from "@/db/schema";
import type { CredentialFieldName, CredentialRecord } from "@/lib/domain/credential";
import { compileMappingRules } from "@/lib/domain/credential-mapping";
import type { TokenScope } from "@/lib/domain/identity";
import { utcDay } from "@/lib/domain/utc-days";
import { actorOf, appendAudit } from "./audit";
import { systemViewer } from "./cli-viewer";
import { AppError } from "./errors";
import { InventoryWriter, loadTeamResolver, markMissing, type Tx } from "./inventory-writer";
import { currentMappingRules } from "./settings";
import { rowsOf, textArray } from "./sql-rows";

/**
 * Leash scores its own API tokens as credentials (DESIGN §2): each token is kept in the inventory, in a source Leash
 * manages, and the rules judge it like any other key. Leash states what it knows of the token; what it cannot know
 * — the environments it is used in, whether an agent holds it, where it is stored — is left for a person or a
 * mapping rule to state, and the rules ask for it as they would of any import.
 */
export const TOKEN_SOURCE_NAME = "Leash API tokens";
export const TOKEN_SOURCE_FORMAT = "leash-api-tokens";

/** Fields Leash states from the token itself: a person's edit of one would be overwritten at the next sync. */
const TOKEN_STATED_FIELDS: readonly CredentialFieldName[] = [
  "name", "provider", "kind", "principal", "principal_type", "owner_email", "scopes", "allowed_operations",
  "created_at", "expires_at", "last_used_at", "revoked_at", "status", "fingerprint", "public_id",
];

const TOKEN_SYNC_LOCK = 727_005;

/** What each scope lets the token do, in the operation vocabulary allowlists are written in. */
const SCOPE_OPERATIONS: Record<TokenScope, readonly string[]> = {
  read: ["read"],
  ingest: ["write"],
  evidence: ["read", "write"],
  // Token, user and rule-parameter management: R10 counts `admin` among the destructive operations.
  admin: ["read", "write", "admin"],
};

type TokenFacts = {
  id: string;
  name: string;
  scopes: TokenScope[];
  prefix: string;
  fingerprint: string | null;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  ownerEmail: string;
  ownerActive: boolean;
  /** The owner's teams: one names the credential's team, unless a person chose it; several leave it to a person. */
  ownerTeams: string[];
  teamChosenByPerson: boolean;
  /** The last use the inventory already holds. */
  storedLastUsedAt: Date | null;
};

/**
 * The inventory record of a token. Last use is kept to the day: a token in use every minute would otherwise become
 * a new credential version at every sync, and R07 judges unused time in days.
 */
function tokenCredentialRecord(t: TokenFacts, at: Date): CredentialRecord {
  const operations = new Set(t.scopes.flatMap((scope) => SCOPE_OPERATIONS[scope]));
  const sameDay = t.lastUsedAt && t.storedLastUsedAt && utcDay(t.lastUsedAt) === utcDay(t.storedLastUsedAt);
  const lastUsed = sameDay ? t.storedLastUsedAt : t.lastUsedAt;
  const status = t.revokedAt ? "revoked" : t.expiresAt <= at ? "expired" : t.ownerActive ? "active" : "disabled";
  const stated: Omit<CredentialRecord, "external_id" | "provenance"> = {
    name: t.name,
    provider: "leash",
    kind: "api_token",
    principal: t.ownerEmail,
    // Leash accounts are people's (they sign in); an agent given one holds a human's credential, which R11 flags.
    principal_type: "human",
    owner_email: t.ownerEmail,
    ...(t.ownerTeams.length === 1 && !t.teamChosenByPerson ? { team: t.ownerTeams[0] } : {}),
    scopes: [...t.scopes],
    allowed_operations: ["read", "write", "admin"].filter((op) => operations.has(op)),
    created_at: t.createdAt.toISOString(),
    expires_at: t.expiresAt.toISOString(),
    last_used_at: lastUsed?.toISOString() ?? null,
    revoked_at: t.revokedAt?.toISOString() ?? null,
    status,
    public_id: t.prefix,
    ...(t.fingerprint ? { fingerprint: t.fingerprint } : {}),
  };
  const provenance = Object.fromEntries(Object.keys(stated).map((field) => [field, "source"]));
  return { external_id: t.id, ...stated, provenance };
}

/**
 * The source's id; made with the first token, so a workspace without tokens shows no such source. A source of another
 * format that already has the name (imported into before Leash kept its tokens) is left alone: tokens go unscored,
 * and each sync says why.
 */
async function tokenSource(tx: Tx, create: boolean): Promise<string | null> {
  if (create) await tx.insert(sources).values({ name: TOKEN_SOURCE_NAME, format: TOKEN_SOURCE_FORMAT }).onConflictDoNothing();
  const [row] = await tx.select({ id: sources.id, format: sources.format }).from(sources).where(eq(sources.name, TOKEN_SOURCE_NAME));
  if (row && row.format !== TOKEN_SOURCE_FORMAT) {
    console.warn(`[leash] API tokens are not scored: the source "${TOKEN_SOURCE_NAME}" holds imported credentials; rename it`);
    return null;
  }
  return row?.id ?? null;
}

type TokenFactsRow = Omit<TokenFacts, "createdAt" | "expiresAt" | "lastUsedAt" | "revokedAt" | "storedLastUsedAt"> & {
  createdAt: string | Date;
  expiresAt: string | Date;
  lastUsedAt: string | Date | null;
  revokedAt: string | Date | null;
  storedLastUsedAt: string | Date | null;
};

const date = (v: string | Date | null): Date | null => (v === null ? null : new Date(v));

async function tokenFacts(tx: Tx, sourceId: string, tokenIds: string[] | "all"): Promise<TokenFacts[]> {
  const rows = await rowsOf<TokenFactsRow>(tx, sql`
    select t.id, t.name, t.scopes::text[] as scopes, t.prefix, t.fingerprint, t.created_at as "createdAt",
      t.expires_at as "expiresAt", t.last_used_at as "lastUsedAt", t.revoked_at as "revokedAt",
      u.email as "ownerEmail", u.active as "ownerActive",
      array(select tm.name from memberships m join teams tm on tm.id = m.team_id where m.user_id = u.id order by tm.name) as "ownerTeams",
      c.last_used_at as "storedLastUsedAt", coalesce(c.provenance->>'team' = 'person', false) as "teamChosenByPerson"
    from api_tokens t
    join users u on u.id = t.user_id
    left join credentials c on c.source_id = ${sourceId}::uuid and c.external_id = t.id::text
    ${tokenIds === "all" ? sql`` : sql`where t.id::text = any(${textArray(tokenIds)})`}
    order by t.created_at, t.id`);
  return rows.map((r) => ({
    ...r,
    createdAt: new Date(r.createdAt),
    expiresAt: new Date(r.expiresAt),
    lastUsedAt: date(r.lastUsedAt),
    revokedAt: date(r.revokedAt),
    storedLastUsedAt: date(r.storedLastUsedAt),
  }));
}

/**
 * Brings the inventory's record of API tokens up to date, in the caller's transaction: the given tokens, or every
 * token (whose credentials, once the token is gone with its user, are marked missing from the source like any
 * credential a full import no longer lists). Admins' mapping rules fill what Leash leaves unstated, and a person's
 * edits of those fields stay. Returns the ids of the tokens' credentials.
 */
export async function syncTokenCredentials(tx: Tx, tokenIds: string[] | "all", at: Date): Promise<string[]> {
  if (tokenIds !== "all" && tokenIds.length === 0) return [];
  // Syncs take turns (a token's first use of a day may meet a full evaluation's sync): two writing the same
  // credential's next version at once would fail one of them.
  await tx.execute(sql`select pg_advisory_xact_lock(${TOKEN_SYNC_LOCK})`);
  const anyToken = tokenIds !== "all" || (await rowsOf(tx, sql`select 1 from api_tokens limit 1`)).length > 0;
  const sourceId = await tokenSource(tx, anyToken);
  if (!sourceId) return [];
  const facts = await tokenFacts(tx, sourceId, tokenIds);
  const leash = systemViewer("leash");
  const change = { kind: "system", by: "leash", userId: null, importRunId: null, at } as const;
  const writer = new InventoryWriter(tx, leash, sourceId, change, compileMappingRules(await currentMappingRules(tx)), await loadTeamResolver(tx));
  await writer.write(facts.map((t, i) => ({ line: i + 1, record: tokenCredentialRecord(t, at) })));
  if (tokenIds === "all") await markMissing(tx, leash, sourceId, writer.seen, change);
  // A token found by a scan before Leash kept it in the inventory: no import entry to say so, so one of its own.
  if (writer.exposuresLinked > 0) {
    await appendAudit(tx, actorOf(leash), { action: "exposures.link", targetType: "source", targetId: sourceId, details: { source: TOKEN_SOURCE_NAME, exposuresLinked: writer.exposuresLinked } });
  }
  if (facts.length === 0) return [];
  const rows = await tx
    .select({ id: credentials.id })
    .from(credentials)
    .where(and(eq(credentials.sourceId, sourceId), sql`${credentials.externalId} = any(${textArray(facts.map((t) => t.id))})`));
  return rows.map((r) => r.id);
}

/**
 * Imports write other sources: Leash alone states its tokens, and a full import would mark them all missing. The
 * name is Leash's for a new source; a source that already held it with imported credentials stays importable.
 */
export function refuseTokenSourceImport(sourceName: string, storedFormat: string | null): void {
  const leashOwns = storedFormat === null ? sourceName.trim().toLowerCase() === TOKEN_SOURCE_NAME.toLowerCase() : storedFormat === TOKEN_SOURCE_FORMAT;
  if (!leashOwns) return;
  throw new AppError("invalid", `"${TOKEN_SOURCE_NAME}" is where Leash keeps its own API tokens; import into another source`, {
    source: "is kept by Leash",
  });
}

/** The fields of a source's credentials that only the source sets. */
export function lockedFieldsOf(sourceFormat: string): CredentialFieldName[] {
  return sourceFormat === TOKEN_SOURCE_FORMAT ? [...TOKEN_STATED_FIELDS] : [];
}

/** A person may state what Leash leaves open about a token's credential, not change what the token itself says. */
export async function refuseTokenFieldEdits(tx: Tx, sourceId: string, fields: string[]): Promise<void> {
  const [source] = await tx.select({ format: sources.format }).from(sources).where(eq(sources.id, sourceId));
  const locked: string[] = lockedFieldsOf(source?.format ?? "");
  const managed = fields.filter((f) => locked.includes(f));
  if (managed.length === 0) return;
  throw new AppError(
    "invalid",
    "This credential is a Leash API token: its name, scopes, dates and status come from the token (revoke it or create another on the API tokens page)",
    Object.fromEntries(managed.map((f) => [f, "is set by the Leash API token"])),
  );
}
