import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import { apiTokens, credentials, users } from "@/db/schema";
import type { Database } from "@/db/client";
import { tokenCreateSchema, type CreatedTokenDto, type TokenCreateInput, type TokenDto } from "@/lib/domain/identity";
import { DAY_MS, utcDay } from "@/lib/domain/utc-days";
import { fingerprintSecret } from "@/lib/scanner/fingerprint";
import { actorOf, appendAudit } from "./audit";
import { systemViewer } from "./cli-viewer";
import { db } from "./db";
import { AppError, notFound, parseInput } from "./errors";
import { evaluateAfter } from "./evaluation";
import { fingerprintKey } from "./instance-secrets";
import type { Tx } from "./inventory-writer";
import { submitJob } from "./jobs/submit";
import { syncTokenCredentials, TOKEN_SOURCE_FORMAT, TOKEN_SOURCE_NAME } from "./token-credentials";
import { loadViewer, requirePermission, type Viewer, type ViewerOrigin } from "./viewer";

const TOKEN_PREFIX = "leash_";
// last_used_at is a record of use, not a hot counter: write it at most once a minute per token.
const LAST_USED_RESOLUTION_MS = 60_000;

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

function newTokenValue(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

type TokenRow = typeof apiTokens.$inferSelect & { userEmail: string; credentialId: string | null };

function toTokenDto(row: TokenRow, now = new Date()): TokenDto {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    user: { id: row.userId, email: row.userEmail },
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    status: row.revokedAt ? "revoked" : row.expiresAt <= now ? "expired" : "active",
    credentialId: row.credentialId,
  };
}

/** Tokens with their owner's email and the inventory credential Leash keeps for each (lib/server/token-credentials). */
function selectTokens(executor: Tx | Database = db()) {
  return executor
    .select({ token: apiTokens, userEmail: users.email, credentialId: credentials.id })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .leftJoin(
      credentials,
      and(
        eq(credentials.externalId, sql`${apiTokens.id}::text`),
        eq(credentials.sourceId, sql`(select id from sources where name = ${TOKEN_SOURCE_NAME} and format = ${TOKEN_SOURCE_FORMAT})`),
      ),
    );
}

async function tokenRow(executor: Tx | Database, id: string): Promise<TokenRow> {
  const [r] = await selectTokens(executor).where(eq(apiTokens.id, id));
  if (!r) throw notFound("Token");
  return { ...r.token, userEmail: r.userEmail, credentialId: r.credentialId };
}

/** Permission: token:read. */
export async function listTokens(viewer: Viewer): Promise<TokenDto[]> {
  requirePermission(viewer, "token:read");
  const rows = await selectTokens().orderBy(desc(apiTokens.createdAt));
  return rows.map((r) => toTokenDto({ ...r.token, userEmail: r.userEmail, credentialId: r.credentialId }));
}

/** The rules judge a token's credential as soon as it is made or revoked; a failed run is caught up by the next. */
async function evaluateTokenCredential(credentialId: string | null, viewer: Viewer): Promise<void> {
  if (credentialId) await evaluateAfter({ kind: "credential", credentialId }, actorOf(viewer).actorLabel);
}

/** Permission: token:manage. The value is returned here once and never again: only its hash is stored. */
export async function createToken(viewer: Viewer, input: TokenCreateInput): Promise<CreatedTokenDto> {
  requirePermission(viewer, "token:manage");
  const data = parseInput(tokenCreateSchema, input);
  const userId = data.userId ?? viewer.userId;
  const value = newTokenValue();
  const scopes = [...new Set(data.scopes)];
  const row = await db().transaction(async (tx) => {
    const [owner] = await tx.select({ email: users.email, active: users.active }).from(users).where(eq(users.id, userId));
    if (!owner) throw new AppError("invalid", "Unknown user", { userId: "is not a user" });
    if (!owner.active) throw new AppError("invalid", "That user is deactivated", { userId: "is deactivated" });
    const [inserted] = await tx
      .insert(apiTokens)
      .values({
        name: data.name,
        userId,
        createdBy: viewer.userId,
        scopes,
        tokenHash: hashToken(value),
        prefix: value.slice(0, TOKEN_PREFIX.length + 6),
        fingerprint: fingerprintSecret(value, fingerprintKey()),
        expiresAt: new Date(Date.now() + data.expiresInDays * DAY_MS),
      })
      .returning();
    await appendAudit(tx, actorOf(viewer), {
      action: "token.create",
      targetType: "api_token",
      targetId: inserted!.id,
      details: { name: data.name, scopes, userEmail: owner.email, expiresAt: inserted!.expiresAt.toISOString() },
    });
    await syncTokenCredentials(tx, [inserted!.id], inserted!.createdAt);
    return tokenRow(tx, inserted!.id);
  });
  await evaluateTokenCredential(row.credentialId, viewer);
  return { ...toTokenDto(row), token: value };
}

/** Permission: token:manage. Revoking twice is harmless and answers the same. */
export async function revokeToken(viewer: Viewer, id: string): Promise<TokenDto> {
  requirePermission(viewer, "token:manage");
  const { row, revoked } = await db().transaction(async (tx) => {
    const [current] = await tx.select().from(apiTokens).where(eq(apiTokens.id, id)).for("update");
    if (!current) throw notFound("Token");
    if (current.revokedAt) return { row: await tokenRow(tx, id), revoked: false };
    const [updated] = await tx.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, id)).returning();
    await appendAudit(tx, actorOf(viewer), { action: "token.revoke", targetType: "api_token", targetId: id, details: { name: current.name } });
    await syncTokenCredentials(tx, [id], updated!.revokedAt!);
    return { row: await tokenRow(tx, id), revoked: true };
  });
  if (revoked) await evaluateTokenCredential(row.credentialId, viewer);
  return toTokenDto(row);
}

/**
 * Resolves a bearer token to the viewer it acts as, or null when it is unknown, expired, revoked, or its user is
 * gone or deactivated. The user's current role is re-read, narrowed by the token's scopes.
 */
export async function authenticateToken(value: string, origin: Omit<ViewerOrigin, "via" | "token">): Promise<Viewer | null> {
  if (!value.startsWith(TOKEN_PREFIX) || value.length > 200) return null;
  const now = new Date();
  const [row] = await db()
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hashToken(value)), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, now)));
  if (!row) return null;
  const viewer = await loadViewer(row.userId, {
    ...origin,
    via: "token",
    token: { id: row.id, name: row.name, scopes: row.scopes, expiresAt: row.expiresAt },
  });
  if (!viewer) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    const [updated] = await db()
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiTokens.id, row.id),
          or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(now.getTime() - LAST_USED_RESOLUTION_MS))),
        ),
      )
      .returning({ id: apiTokens.id });
    // The inventory keeps last use to the day (token-credentials.ts): its first use of a day is a new version.
    if (updated && (!row.lastUsedAt || utcDay(row.lastUsedAt) !== utcDay(now))) {
      const credentialIds = await db().transaction((tx) => syncTokenCredentials(tx, [row.id], now));
      await requestUseEvaluation(row.id, credentialIds, now);
    }
  }
  return viewer;
}

/**
 * A token's credential whose last use moved is judged again (R07 reads it) by a job, not in the request: one
 * incremental run per token and UTC day however busy the token, the day being in the job's key. A job that cannot be
 * queued leaves it to the next full evaluation; the request goes on.
 */
async function requestUseEvaluation(tokenId: string, [credentialId]: string[], at: Date): Promise<void> {
  if (!credentialId) return;
  const job = { kind: "evaluation", input: { trigger: "token use", credentialId }, dedupeKey: `token-use-evaluation:${tokenId}:${utcDay(at)}` } as const;
  await submitJob(systemViewer("leash"), job).catch((error) => console.error("[leash] evaluation after a token's use could not be queued", error));
}
