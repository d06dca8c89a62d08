import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "./env";

/**
 * Secrets an embedded instance generates for itself on first start and keeps in its data folder (mode 0600), so
 * `npm start` works with no configuration. With DATABASE_URL they must come from the environment instead.
 */
function fileSecret(name: string): string {
  const dir = path.join(env().dataDir, "secrets");
  const file = path.join(dir, name);
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const value = randomBytes(32).toString("base64url");
    writeFileSync(file, value, { mode: 0o600, flag: "wx" });
    return readFileSync(file, "utf8").trim();
  }
}

/**
 * Key of the secret fingerprints (HMAC-SHA-256). Findings and inventory match only under the same key, so every
 * process of an instance must share it: from LEASH_FINGERPRINT_KEY with Postgres, generated for the embedded one.
 */
export function fingerprintKey(): string {
  const e = env();
  if (e.LEASH_FINGERPRINT_KEY) return e.LEASH_FINGERPRINT_KEY;
  if (e.DATABASE_URL) {
    throw new Error("Leash cannot start: LEASH_FINGERPRINT_KEY is required when DATABASE_URL is set (generate one with `openssl rand -base64 32`)");
  }
  return fileSecret("fingerprint-key");
}

export function authSecret(): string {
  const e = env();
  if (e.AUTH_SECRET) return e.AUTH_SECRET;
  if (e.DATABASE_URL) {
    // Several web processes share one Postgres; they must share the session secret too, so it cannot be generated.
    throw new Error("Leash cannot start: AUTH_SECRET is required when DATABASE_URL is set (generate one with `openssl rand -base64 32`)");
  }
  return fileSecret("auth-secret");
}
