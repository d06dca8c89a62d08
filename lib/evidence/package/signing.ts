import { createHash, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from "node:crypto";

/**
 * Ed25519 over the exact bytes of manifest.json and of SHA256SUMS. A signature file is the raw 64-byte signature,
 * which is what `openssl pkeyutl -verify -rawin` reads, so an auditor can check a package with stock tools.
 */

export type SigningKeyPair = { publicKeyPem: string; privateKeyPem: string; keyId: string };

/** A key's id: the first 16 hex characters of the SHA-256 of its public key (SPKI, DER). */
export function keyIdOf(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: "spki", format: "der" });
  return createHash("sha256").update(der).digest("hex").slice(0, 16);
}

export function generateSigningKeyPair(): SigningKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const publicKeyPem = publicKey.export({ type: "spki", format: "pem" }).toString();
  return { publicKeyPem, privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), keyId: keyIdOf(publicKeyPem) };
}

export function signBytes(bytes: Uint8Array, privateKey: string | KeyObject): Buffer {
  // Ed25519 hashes internally: the algorithm argument must be null.
  return sign(null, bytes, privateKey);
}

export function verifySignature(bytes: Uint8Array, signature: Uint8Array, publicKeyPem: string): boolean {
  try {
    return verify(null, bytes, publicKeyPem, signature);
  } catch {
    return false;
  }
}
