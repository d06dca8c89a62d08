import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { asc, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { evidenceKeys } from "@/db/schema";
import { generateSigningKeyPair } from "@/lib/evidence/package/signing";
import { actorOf, appendAudit } from "./audit";
import { db } from "./db";
import { AppError } from "./errors";
import { systemViewer } from "./cli-viewer";
import { authSecret } from "./instance-secrets";
import type { Tx } from "./inventory-writer";
import { requirePermission, type Viewer } from "./viewer";

/**
 * The instance's evidence signing keys. The private key never leaves this module unencrypted except to sign; at
 * rest it is AES-256-GCM under a key derived (HKDF) from the instance's auth secret, so a database dump alone
 * cannot sign packages.
 */

export type PublicKeyDto = { keyId: string; publicKeyPem: string; createdAt: string; retiredAt: string | null; current: boolean };

function wrappingKey(): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret(), "leash", "evidence signing key v1", 32));
}

function encrypt(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", wrappingKey(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
}

function decrypt(sealed: string, keyId: string): string {
  const raw = Buffer.from(sealed, "base64");
  const decipher = createDecipheriv("aes-256-gcm", wrappingKey(), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    // GCM's tag check is all that fails here: the key was sealed under another auth secret.
    throw new AppError(
      "unavailable",
      `The evidence signing key ${keyId} cannot be unsealed with this instance's AUTH_SECRET (was it changed?). Restore the AUTH_SECRET it was created under, ` +
        "or retire the key with `leash evidence rotate-key`: packages it signed still verify with its public key.",
    );
  }
}

/** A fresh key pair as a row to insert, its private key sealed. */
function newKey(): typeof evidenceKeys.$inferInsert {
  const pair = generateSigningKeyPair();
  return { keyId: pair.keyId, publicKeyPem: pair.publicKeyPem, privateKeyEncrypted: encrypt(pair.privateKeyPem) };
}

type KeyRow = typeof evidenceKeys.$inferSelect;

/**
 * Creating the first key, retiring extras and rotating take turns on this lock, so any interleaving of first uses,
 * starts and rotations (across processes on Postgres) leaves exactly one current key. PGlite runs one transaction at
 * a time anyway; the lock is for Postgres, where each transaction has its own connection.
 */
const SIGNING_KEY_LOCK = 727_006;

async function lockSigningKeys(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${SIGNING_KEY_LOCK})`);
}

function currentKeysQuery(tx: Database | Tx) {
  return tx.select().from(evidenceKeys).where(isNull(evidenceKeys.retiredAt)).orderBy(asc(evidenceKeys.createdAt), asc(evidenceKeys.keyId));
}

/**
 * The current key, created if there is none: called at the server's start, so the key exists from the first start,
 * and on each use. Once the key exists this is one read without the lock. An instance that got several current keys
 * before this lock existed (concurrent first uses) keeps the oldest; the others are retired, still published, so
 * whatever they signed still verifies.
 */
export async function ensureSigningKey(): Promise<KeyRow> {
  const seen = await currentKeysQuery(db()).limit(2);
  if (seen.length === 1) return seen[0]!;
  return db().transaction(async (tx) => {
    await lockSigningKeys(tx);
    const [kept, ...extra] = await currentKeysQuery(tx);
    if (!kept) {
      const [created] = await tx.insert(evidenceKeys).values(newKey()).returning();
      return created!;
    }
    if (extra.length > 0) {
      const retired = extra.map((k) => k.keyId);
      await tx.update(evidenceKeys).set({ retiredAt: new Date() }).where(inArray(evidenceKeys.keyId, retired));
      await appendAudit(tx, actorOf(systemViewer("leash")), { action: "evidence.retire_extra_keys", targetType: "evidence_key", targetId: kept.keyId, details: { kept: kept.keyId, retired } });
    }
    return kept;
  });
}

/** The current signing key, created on first use if the server's start has not already. */
export async function currentSigningKey(): Promise<{ keyId: string; privateKeyPem: string }> {
  const row = await ensureSigningKey();
  return { keyId: row.keyId, privateKeyPem: decrypt(row.privateKeyEncrypted, row.keyId) };
}

/** Every public key, current and retired, oldest first: what offline verification needs. No authentication. */
export async function publicKeys(): Promise<PublicKeyDto[]> {
  // Publishing needs no private key, so it works even where the current one cannot be unsealed.
  await ensureSigningKey();
  const rows = await db().select().from(evidenceKeys).orderBy(asc(evidenceKeys.createdAt), asc(evidenceKeys.keyId));
  return rows.map((r) => ({ keyId: r.keyId, publicKeyPem: r.publicKeyPem, createdAt: r.createdAt.toISOString(), retiredAt: r.retiredAt?.toISOString() ?? null, current: r.retiredAt === null }));
}

/**
 * Permission: settings:manage. Retires the current key and creates a new one; packages signed before still verify.
 * The retired key is never unsealed, so this is also the way out when the auth secret it was sealed under is gone.
 * One transaction: a rotation that fails part way leaves the old key current, never none (the next build would
 * quietly create a key no one rotated to) or two.
 */
export async function rotateSigningKey(viewer: Viewer): Promise<PublicKeyDto> {
  requirePermission(viewer, "settings:manage");
  const fresh = await db().transaction(async (tx) => {
    // Under the key lock, so rotations and first uses take turns: every key current when this one takes over is
    // retired (normally one), never left current beside it.
    await lockSigningKeys(tx);
    const retired = (await currentKeysQuery(tx)).map((k) => k.keyId);
    if (retired.length > 0) await tx.update(evidenceKeys).set({ retiredAt: new Date() }).where(inArray(evidenceKeys.keyId, retired));
    const [created] = await tx.insert(evidenceKeys).values(newKey()).returning({ keyId: evidenceKeys.keyId });
    await appendAudit(tx, actorOf(viewer), { action: "evidence.rotate_key", targetType: "evidence_key", targetId: created!.keyId, details: { retired: retired[0] ?? null, ...(retired.length > 1 && { alsoRetired: retired.slice(1) }) } });
    return created!;
  });
  return (await publicKeys()).find((k) => k.keyId === fresh.keyId)!;
}
