import { createHmac } from "node:crypto";

/**
 * Fingerprint of a secret: HMAC-SHA-256 under the instance key, hex-encoded.
 * A scan finding and an inventory credential match when their fingerprints are equal, so neither side
 * has to keep the secret itself. The key must stay private: without it the fingerprint cannot be brute-forced
 * from a guessed secret.
 */
export function fingerprintSecret(secret: string, key: Uint8Array | string): string {
  return createHmac("sha256", key).update(secret, "utf8").digest("hex");
}

/**
 * What the CLI and the server compare to learn that they hold the same fingerprint key without sending it: the
 * key's fingerprint of a fixed text.
 */
export function keyCheckOf(key: string | Uint8Array): string {
  return fingerprintSecret("leash:fingerprint-key-check", key);
}
