import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { asc, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { evidenceKeys } from "@/db/schema";
import { generateSigningKeyPair } from "@/lib/evidence/package/signing";
import { actorOf, appendAudit } from "./audit";
import { db } from "./db";
import { AppError } from "./errors";
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

async function createKey(tx: Database | Tx = db()): Promise<{ keyId: string; privateKeyPem: string }> {
  const pair = generateSigningKeyPair();
  await tx.insert(evidenceKeys).values({ keyId: pair.keyId, publicKeyPem: pair.publicKeyPem, privateKeyEncrypted: encrypt(pair.privateKeyPem) });
  return { keyId: pair.keyId, privateKeyPem: pair.privateKeyPem };
}

async function currentRow() {
  const [row] = await currentKeyQuery(db());
  return row;
}

function currentKeyQuery(tx: Database | Tx) {
  return tx.select().from(evidenceKeys).where(isNull(evidenceKeys.retiredAt)).orderBy(asc(evidenceKeys.createdAt)).limit(1);
}

/** The current signing key, created on first use (the instance's first evidence build or start). */
export async function currentSigningKey(): Promise<{ keyId: string; privateKeyPem: string }> {
  const row = await currentRow();
  if (row) return { keyId: row.keyId, privateKeyPem: decrypt(row.privateKeyEncrypted, row.keyId) };
  return createKey();
}

/** Every public key, current and retired, oldest first: what offline verification needs. No authentication. */
export async function publicKeys(): Promise<PublicKeyDto[]> {
  // Publishing needs no private key, so it works even where the current one cannot be unsealed.
  if (!(await currentRow())) await createKey();
  const rows = await db().select().from(evidenceKeys).orderBy(asc(evidenceKeys.createdAt));
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
    // Locked, so two rotations at once take turns instead of both retiring the same key.
    const [old] = await currentKeyQuery(tx).for("update");
    if (old) await tx.update(evidenceKeys).set({ retiredAt: new Date() }).where(eq(evidenceKeys.keyId, old.keyId));
    const created = await createKey(tx);
    await appendAudit(tx, actorOf(viewer), { action: "evidence.rotate_key", targetType: "evidence_key", targetId: created.keyId, details: { retired: old?.keyId ?? null } });
    return created;
  });
  return (await publicKeys()).find((k) => k.keyId === fresh.keyId)!;
}
