import { createPrivateKey } from "node:crypto";
import type { DetectorHit } from "../types";
import type { Detector } from "./spec";

const PEM = /-----BEGIN ((?:RSA |EC |DSA |ENCRYPTED |OPENSSH )?PRIVATE KEY)-----([\s\S]{20,16000}?)-----END \1-----/g;

function normaliseBody(raw: string): { headers: string; base64: string } {
  const text = raw.replace(/\\r\\n|\\n|\\r/g, "\n").replace(/\r/g, "");
  // Keys pasted into comments, quotes or string concatenations keep their line decorations (`# `, `> `, `"…" +`).
  // A marker counts only when followed by a space: base64 lines themselves may start with `/` or end with `+`.
  const lines = text
    .split("\n")
    .map((l) => l.trim().replace(/^(?:(?:>|#|\/\/|\*|--|;)(?:\s+|$))*["'`]?/, "").replace(/\s+\+$/, "").replace(/["'`,\\]+$/, ""))
    .filter(Boolean);
  const headers = lines.filter((l) => l.includes(":")).join("\n");
  const base64 = lines.filter((l) => !l.includes(":")).join("");
  return { headers, base64 };
}

/** OpenSSH's container: magic, cipher, kdf, kdf options, key count, then length-prefixed blobs. */
export function parseOpenSsh(base64: string): { encrypted: boolean } | undefined {
  const buf = Buffer.from(base64, "base64");
  const magic = "openssh-key-v1\0";
  if (buf.length < 64 || buf.subarray(0, magic.length).toString("latin1") !== magic) return undefined;
  let at = magic.length;
  const readString = (): Buffer | undefined => {
    if (at + 4 > buf.length) return undefined;
    const len = buf.readUInt32BE(at);
    if (at + 4 + len > buf.length) return undefined;
    const out = buf.subarray(at + 4, at + 4 + len);
    at += 4 + len;
    return out;
  };
  const cipher = readString()?.toString("latin1");
  const kdf = readString();
  const kdfOptions = readString();
  if (cipher === undefined || !kdf || !kdfOptions || at + 4 > buf.length) return undefined;
  const count = buf.readUInt32BE(at);
  at += 4;
  if (count < 1 || count > 16) return undefined;
  const publicKey = readString();
  const privateSection = readString();
  if (!publicKey || !privateSection || privateSection.length < 8) return undefined;
  return { encrypted: cipher !== "none" };
}

function parsePem(label: string, base64: string, headers: string): { encrypted: boolean } | undefined {
  if (label === "OPENSSH PRIVATE KEY") return parseOpenSsh(base64);
  const der = Buffer.from(base64, "base64");
  if (der.length < 32 || der[0] !== 0x30) return undefined;
  if (label === "ENCRYPTED PRIVATE KEY" || /ENCRYPTED/.test(headers)) return { encrypted: true };
  try {
    const lines = base64.match(/.{1,64}/g)?.join("\n") ?? "";
    createPrivateKey({ key: `-----BEGIN ${label}-----\n${lines}\n-----END ${label}-----\n`, format: "pem" });
    return { encrypted: false };
  } catch {
    return undefined;
  }
}

export const privateKeyDetector: Detector = {
  id: "private-key",
  provider: "generic",
  kind: "private_key",
  title: "Private key (PEM/OpenSSH)",
  severity: "critical",
  keywords: ["private key-----"],
  scope: "token",
  before: 48,
  after: 16100,
  patterns: [PEM],
  *find(window) {
    PEM.lastIndex = 0;
    for (let m = PEM.exec(window); m; m = PEM.exec(window)) {
      const label = m[1] ?? "";
      const { headers, base64 } = normaliseBody(m[2] ?? "");
      // Documentation shows truncated blocks (`MIIE...`): only a key that parses is a finding.
      const parsed = parsePem(label, base64, headers);
      if (!parsed) continue;
      const ssh = label === "OPENSSH PRIVATE KEY";
      const hit: DetectorHit = {
        start: m.index,
        end: m.index + m[0].length,
        secret: base64,
        confidence: parsed.encrypted ? "medium" : "high",
        preview: `-----BEGIN ${label}-----…${base64.slice(-4)}`,
        details: { encrypted: parsed.encrypted, format: ssh ? "openssh" : "pem" },
      };
      if (ssh) Object.assign(hit, { detector: "openssh-private-key", kind: "ssh_key" });
      if (parsed.encrypted) hit.severity = "medium";
      yield hit;
    }
  },
};

const PGP = /-----BEGIN PGP PRIVATE KEY BLOCK-----([\s\S]{100,40000}?)-----END PGP PRIVATE KEY BLOCK-----/g;

export const pgpPrivateKeyDetector: Detector = {
  id: "pgp-private-key",
  provider: "generic",
  kind: "private_key",
  title: "PGP private key block",
  severity: "critical",
  keywords: ["pgp private key block-----"],
  scope: "token",
  before: 40,
  after: 40100,
  patterns: [PGP],
  *find(window) {
    PGP.lastIndex = 0;
    for (let m = PGP.exec(window); m; m = PGP.exec(window)) {
      const base64 = (m[1] ?? "").split(/\r?\n/).filter((l) => /^[A-Za-z0-9+/=]{16,}$/.test(l.trim())).join("");
      if (base64.length < 100) continue;
      yield { start: m.index, end: m.index + m[0].length, secret: base64, confidence: "high", preview: `PGP PRIVATE KEY…${base64.slice(-4)}` };
    }
  },
};

const PUTTY = /PuTTY-User-Key-File-[23]: [\w-]+\r?\nEncryption: ([\w-]+)[\s\S]{0,4000}?Private-Lines: \d+\r?\n([A-Za-z0-9+/=\r\n]{40,8000}?)\r?\nPrivate-MAC: [0-9a-f]{40,64}/g;

export const puttyKeyDetector: Detector = {
  id: "putty-private-key",
  provider: "generic",
  kind: "ssh_key",
  title: "PuTTY private key",
  severity: "critical",
  keywords: ["putty-user-key-file-"],
  scope: "token",
  before: 0,
  after: 12000,
  patterns: [PUTTY],
  *find(window) {
    PUTTY.lastIndex = 0;
    for (let m = PUTTY.exec(window); m; m = PUTTY.exec(window)) {
      const base64 = (m[2] ?? "").replace(/\s+/g, "");
      const encrypted = m[1] !== "none";
      yield {
        start: m.index,
        end: m.index + m[0].length,
        secret: base64,
        confidence: encrypted ? "medium" : "high",
        preview: `PuTTY key…${base64.slice(-4)}`,
        details: { encrypted },
      };
    }
  },
};
