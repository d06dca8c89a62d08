import { createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import { withCrc32Base62 } from "../../lib/scanner/checksum";
import { DETECTORS } from "../../lib/scanner/detectors";
import type { TokenSpec } from "../../lib/scanner/detectors";
import { ALPHABETS, type Rng } from "./prng";

/** A planted secret: how it is written (`value`), and the canonical string the scanner fingerprints (`secret`). */
export interface Positive {
  label: string;
  kind: string;
  name: string;
  value: string;
  secret: string;
  multiline?: boolean;
}

export function fromSpec(spec: TokenSpec, rng: Rng): string {
  let out = "";
  spec.parts.forEach((part, i) => {
    if (typeof part === "string") out += part;
    else {
      const [set, min, max] = part;
      const alphabet = ALPHABETS[set] ?? ALPHABETS.b62 ?? "";
      const n = rng.int(min, max ?? min);
      const last = i === spec.parts.length - 1;
      out += spec.checksum === "crc32-base62" && last ? withCrc32Base62(rng.chars(alphabet, n - 6)) : rng.chars(alphabet, n);
    }
  });
  return out;
}

function nameFor(spec: TokenSpec): string {
  const ctx = spec.context?.[0];
  if (ctx) {
    const base = ctx.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
    return /KEY|TOKEN|SECRET|PAT/.test(base) ? base : `${base}_API_KEY`;
  }
  return `${spec.provider.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_TOKEN`;
}

export const TOKEN_SPECS: TokenSpec[] = DETECTORS.flatMap((d) => (d.spec ? [d.spec] : []));

/** A fake token of the detector `id`'s format, drawn from `rng`. */
export function tokenOf(id: string, rng: Rng): string {
  const spec = TOKEN_SPECS.find((t) => t.id === id);
  if (!spec) throw new Error(`no token format ${id}`);
  return fromSpec(spec, rng);
}

export function tokenPositive(spec: TokenSpec, rng: Rng): Positive {
  const value = fromSpec(spec, rng);
  return { label: spec.id, kind: spec.kind, name: nameFor(spec), value, secret: value };
}

export function uuid(rng: Rng): string {
  return [8, 4, 4, 4, 12].map((n) => rng.chars(ALPHABETS.hex ?? "", n)).join("-");
}

export function awsPair(rng: Rng): { id: string; secret: string } {
  return { id: `AKIA${rng.chars(ALPHABETS.b32 ?? "", 16)}`, secret: rng.chars(ALPHABETS.b64 ?? "", 40) };
}

export function jwt(rng: Rng, claims: Record<string, unknown>): string {
  const enc = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${enc({ alg: "HS256", typ: "JWT" })}.${enc({ sub: uuid(rng), iat: 1700000000, ...claims })}.${rng.chars(ALPHABETS.b64url ?? "", 43)}`;
}

function wrap64(b64: string): string {
  return b64.replace(/(.{64})/g, "$1\n").replace(/\n$/, "");
}

/** Ed25519 PKCS#8 PEM from seeded bytes: a real, parseable key that no one holds. */
export function ed25519Pem(rng: Rng): { pem: string; body: string } {
  const der = Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), rng.bytes(32)]);
  const body = der.toString("base64");
  return { pem: `-----BEGIN PRIVATE KEY-----\n${wrap64(body)}\n-----END PRIVATE KEY-----`, body };
}

function sshString(b: Buffer | string): Buffer {
  const data = Buffer.isBuffer(b) ? b : Buffer.from(b);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  return Buffer.concat([len, data]);
}

/** OpenSSH `openssh-key-v1` container around a seeded Ed25519 key. */
export function openSshKey(rng: Rng): { pem: string; body: string } {
  const seed = rng.bytes(32);
  const pkcs8 = Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), seed]);
  const jwk = createPublicKey(createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" })).export({ format: "jwk" });
  const pub = Buffer.from(String(jwk.x), "base64url");
  const pubBlob = Buffer.concat([sshString("ssh-ed25519"), sshString(pub)]);
  const check = rng.bytes(4);
  let priv = Buffer.concat([check, check, sshString("ssh-ed25519"), sshString(pub), sshString(Buffer.concat([seed, pub])), sshString("fake@corpus")]);
  const padLen = (8 - (priv.length % 8)) % 8;
  priv = Buffer.concat([priv, Buffer.from(Array.from({ length: padLen }, (_, i) => i + 1))]);
  const count = Buffer.alloc(4);
  count.writeUInt32BE(1);
  const blob = Buffer.concat([Buffer.from("openssh-key-v1\0"), sshString("none"), sshString("none"), sshString(""), count, sshString(pubBlob), sshString(priv)]);
  const body = blob.toString("base64");
  return { pem: `-----BEGIN OPENSSH PRIVATE KEY-----\n${body.replace(/(.{70})/g, "$1\n").replace(/\n$/, "")}\n-----END OPENSSH PRIVATE KEY-----`, body };
}

let rsaCache: { pem: string; body: string } | undefined;
/** One RSA key per process (RSA generation cannot be seeded; its label is computed from the value). */
export function rsaPem(): { pem: string; body: string } {
  if (!rsaCache) {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
    const pem = privateKey.export({ format: "pem", type: "pkcs1" }).toString().trim();
    rsaCache = { pem, body: pem.split("\n").filter((l) => !l.startsWith("-----")).join("") };
  }
  return rsaCache;
}

export function password(rng: Rng, length = rng.int(14, 24)): string {
  const pools = [ALPHABETS.upper ?? "", ALPHABETS.lower ?? "", ALPHABETS.digits ?? "", "!#%^*-_+"];
  let out = "";
  for (let i = 0; i < length; i++) out += rng.chars(pools[i % 4] ?? "", 1);
  return out;
}
