import { charClasses, shannonEntropy } from "../entropy";
import { isCodeExpression, isDigest, isEncryptedContainer, isIdentifier, isMasked, isPlaceholder, isPublicByDesign, isReference, looksRandom } from "../suppress";
import type { DetectorHit } from "../types";
import type { Detector } from "./spec";

const JWT = /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,2000}\.eyJ[A-Za-z0-9_-]{10,8000}\.[A-Za-z0-9_-]{16,1000}(?![A-Za-z0-9_-])/g;

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A JWT must decode: header with `alg`, JSON claims. Reads `exp` and `role`; Supabase anon keys are public. */
export function inspectJwt(token: string): { claims: Record<string, unknown>; header: Record<string, unknown> } | undefined {
  const [h, p] = token.split(".");
  const header = h ? decodeJson(h) : undefined;
  const claims = p ? decodeJson(p) : undefined;
  if (!header || !claims || typeof header.alg !== "string" || header.alg.toLowerCase() === "none") return undefined;
  return { header, claims };
}

export const jwtDetector: Detector = {
  id: "jwt",
  provider: "generic",
  kind: "jwt",
  title: "JSON Web Token",
  severity: "medium",
  keywords: ["eyj"],
  scope: "token",
  before: 4,
  after: 11000,
  patterns: [JWT],
  *find(window) {
    JWT.lastIndex = 0;
    for (let m = JWT.exec(window); m; m = JWT.exec(window)) {
      const parsed = inspectJwt(m[0]);
      if (!parsed) continue;
      const { claims } = parsed;
      // Issued tokens carry registered claims; `{"some":"payload"}` is a library's README example.
      if (!["exp", "iat", "nbf", "sub", "iss", "aud", "jti", "role"].some((c) => c in claims)) continue;
      const role = typeof claims.role === "string" ? claims.role : undefined;
      if (role === "anon" || claims.iss === "supabase-demo") continue;
      const details: Record<string, string | boolean> = {};
      if (role) details.role = role;
      if (typeof claims.exp === "number") {
        details.exp = new Date(claims.exp * 1000).toISOString();
        details.expired = claims.exp * 1000 < Date.now();
      }
      const supabase = claims.iss === "supabase" || role === "service_role";
      const hit: DetectorHit = { start: m.index, end: m.index + m[0].length, secret: m[0], confidence: "high", details, preview: `eyJ…${m[0].slice(-4)}` };
      if (supabase) Object.assign(hit, { detector: "supabase-service-role", provider: "supabase", kind: "api_token", severity: "critical" });
      else if (details.expired === true) hit.severity = "low";
      yield hit;
    }
  },
};

const DB_URL = /\b(postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|clickhouse|cockroachdb)(?:\+[a-z0-9]+)?:\/\/([^\s:@/'"`<>]{0,128}):([^\s@'"`<>]{1,256})@([^\s/'"`?#<>;,)]{1,256})/gi;
const BASIC_URL = /\b(https?|ftps?|smtps?|ldaps?):\/\/([^\s:@/'"`<>]{1,128}):([^\s@/'"`<>]{3,256})@([^\s/'"`?#<>;,)]{1,256})/gi;
const WEAK_PASSWORDS = /^(?:pass(?:word)?|passwd|pwd|secret|changeme|admin|root|user|test|guest|example|postgres|mysql|redis|mongo|rabbitmq|default|xxx+|\*+|\.+)$/i;

function urlFinder(pattern: RegExp, dbDefault: boolean): Detector["find"] {
  return function* (window) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(window); m; m = pattern.exec(window)) {
      const [, scheme = "", user = "", password = "", host = ""] = m;
      if (WEAK_PASSWORDS.test(password) || /passw|secret/i.test(password) || password === user || isPlaceholder(password) || isReference(password) || isMasked(password)) continue;
      if (/sentry\.io$|^(?:example\.(?:com|org)|host|hostname)$/i.test(host)) continue;
      // Web URLs carry demo credentials in docs and tests; only a password that looks generated counts there.
      if (!dbDefault && !(password.length >= 8 && charClasses(password) >= 2 && shannonEntropy(password) >= 2.8)) continue;
      const start = m.index + scheme.length + m[0].slice(scheme.length).indexOf(`:${password}@`) + 1;
      const base = m[0].slice(0, m[0].indexOf("://") + 3);
      const hit: DetectorHit = {
        start,
        end: start + password.length,
        secret: password,
        confidence: dbDefault || shannonEntropy(password) >= 2.5 ? "high" : "medium",
        publicId: `${user}@${host}`,
        preview: `${base}${user}:…@${host}`,
      };
      yield hit;
    }
  };
}

export const connectionUrlDetector: Detector = {
  id: "connection-url",
  provider: "generic",
  kind: "db_password",
  title: "Database connection URL with password",
  severity: "high",
  keywords: ["postgres", "mysql", "mariadb", "mongodb", "redis", "amqp", "mssql", "sqlserver", "clickhouse", "cockroachdb"],
  scope: "token",
  before: 16,
  after: 700,
  patterns: [DB_URL],
  find: urlFinder(DB_URL, true),
};

export const basicAuthUrlDetector: Detector = {
  id: "basic-auth-url",
  provider: "generic",
  kind: "password",
  title: "URL with embedded credentials",
  severity: "high",
  keywords: ["://"],
  scope: "token",
  before: 8,
  after: 700,
  patterns: [BASIC_URL],
  find: urlFinder(BASIC_URL, false),
};

const AUTH_HEADER = /\b(?:Authorization:\s{0,4}(?:Bearer|Basic|token)|Bearer)\s{1,4}([A-Za-z0-9._~+/-]{20,1000}=*)/g;

export const authHeaderDetector: Detector = {
  id: "authorization-header",
  provider: "generic",
  kind: "api_token",
  title: "Bearer/Basic credential in an Authorization header",
  severity: "high",
  keywords: ["bearer ", "authorization:"],
  scope: "line",
  before: 0,
  after: 0,
  patterns: [AUTH_HEADER],
  *find(window) {
    AUTH_HEADER.lastIndex = 0;
    for (let m = AUTH_HEADER.exec(window); m; m = AUTH_HEADER.exec(window)) {
      const secret = m[1] ?? "";
      if (secret.startsWith("eyJ") || !looksRandom(secret) || isPlaceholder(secret) || isMasked(secret)) continue;
      const start = m.index + m[0].length - secret.length;
      yield { start, end: start + secret.length, secret, confidence: "medium" };
    }
  },
};

const SECRET_NAME = /(?:secret|token|passw|pwd|passphrase|api[_.-]?key|apikey|access[_.-]?key|private[_.-]?key|credential|signing[_.-]?key|encryption[_.-]?key|master[_.-]?key|session[_.-]?key|auth[_.-]?key|_key$|^key$|_pass$|^pass$)/i;
// A name is read as English compounds: `password_encryption` is about encryption, `encryption_key` is a key.
// Words after the last secret word that make it describe something else:
const AFTER_SECRET = new Set(
  ("id ids url uri urls path paths file filename name names type ttl expiry expires expiration timeout length len size " +
    "count max min limit format header prefix suffix mode version enabled disabled method endpoint at field env location " +
    "hash hashed digest checksum sha sha1 sha256 md5 fingerprint budget dir cache issuer audience algorithm alg kind " +
    "provider scope scopes ref arn region host port user username email validity lifetime interval required strength " +
    "reset encryption scheme param query schema chars char class type types store manager service handler error " +
    "endpoint storage index position pos start end")
    .split(" "),
);
// Words that disqualify a name wherever they stand.
const ANYWHERE = new Set("public publishable pub example placeholder hint description label regex pattern usage policy template author tokenizer".split(" "));
const SECRET_WORD = /^(?:\w*(?:secret|token|password|passwd|passphrase|credentials?)|key|apikey|privatekey|accesskey|pwd|pass|pat|auth)$/;

/** True when the name's last secret word is not followed by a word that turns it into metadata. */
function secretName(name: string): boolean {
  const words = nameWords(name);
  if (words.some((w) => ANYWHERE.has(w))) return false;
  let last = -1;
  words.forEach((w, i) => {
    if (SECRET_WORD.test(w)) last = i;
  });
  return last !== -1 && !words.slice(last + 1).some((w) => AFTER_SECRET.has(w));
}

function nameWords(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/** `name = value` pairs; the name must sound secret and the value must look random. */
const ASSIGNMENT = /([A-Za-z_][A-Za-z0-9_.-]{0,60})["'`\]]?\s{0,3}(?::=|=>|==|[:=|]|\s(?:is|was)\s)\s{0,3}(?:["'`]|\b[A-Za-z]*\()?([^\s"'`,;<>(){}[\]]{6,300})/g;
/** The same grammar from the end of a known name: a sticky match, constant work per keyword hit. */
// `=` but not `==`/`===`/`=>`, `:` but not `::`, `|` (group 1: table cell); group 2 the opening quote; 3 the value.
const AFTER_NAME = /["'`\]]{0,2}[ \t]{0,3}(?::=|=(?![=>])|:(?!:)|(\|)|>|[ \t](?:is|was)[ \t])[ \t]{0,3}(["'`])?([^\s"'`,;<>(){}[\]]{6,300})/y;
/** Source files: an unquoted value is an identifier or an expression, never a literal secret. */
const CODE_FILE = /\.(?:[cm]?[jt]sx?|py|rb|go|java|kt|kts|scala|cs|php|rs|swift|c|cc|cpp|h|hpp|m|dart|lua|ex|exs|clj|groovy|vue|svelte|map)$/i;

/** Prose: "the prod password for billing is X", "token for the deploy bot: X" — up to four words in between. */
const PROSE_VALUE = /[ \t]{0,3}(?:is|was|:|=|->|→)[ \t]{0,3}["'`]?([^\s"'`,;<>(){}[\]]{12,300})/y;
const PROSE_WORD = /[ \t]{1,3}(?!is\b|was\b)[A-Za-z][\w'-]{0,20}/y;

function proseValue(text: string, from: number): RegExpExecArray | null {
  let at = from;
  for (let words = 0; words < 4; words++) {
    PROSE_WORD.lastIndex = at;
    const w = PROSE_WORD.exec(text);
    if (!w) return null;
    at = PROSE_WORD.lastIndex;
    PROSE_VALUE.lastIndex = at;
    const m = PROSE_VALUE.exec(text);
    if (m) return m;
  }
  return null;
}

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45;
}

export function assignmentIsSecret(name: string, value: string): boolean {
  if (!SECRET_NAME.test(name) || !secretName(name)) return false;
  // A value naming its own kind (`x-csrf-token`, `GEL_PASSWORD`, `libsecret-1`) is a label, not a secret.
  if (/token|secret|passw|credential|api[_-]?key/i.test(value) || /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value)) return false;
  // Dates and times (`2026-01-10T12:00:00Z`) fill every export's columns.
  if (/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}|$)/.test(value)) return false;
  // JWTs are judged by the JWT detector (an anon key is public); checksummed tokens by theirs (a bad CRC is a fake).
  if (value.startsWith("eyJ") && inspectJwt(value)) return false;
  if (/^(?:gh[pousr]_|npm_)[A-Za-z0-9]{36}$/.test(value)) return false;
  if (isPlaceholder(value) || isReference(value) || isMasked(value) || isCodeExpression(value)) return false;
  if (isDigest(value, name) || isEncryptedContainer(value) || isPublicByDesign(value)) return false;
  if (/^(?:https?|file|s3|gs):\/\/|^[./~]|\/[A-Za-z_-]+\/|\.(?:pem|json|key|txt|ya?ml|env|crt|p12)$/i.test(value)) return false;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return !isIdentifier(value, name);
  return looksRandom(value, name);
}

export const genericAssignmentDetector: Detector = {
  id: "generic-secret-assignment",
  provider: "generic",
  kind: "password",
  title: "High-entropy value assigned to a secret-like name",
  severity: "medium",
  keywords: ["secret", "token", "passw", "pwd", "passphrase", "api_key", "apikey", "api-key", "access_key", "_key", "-key", "credential", "_pass"],
  scope: "line",
  before: 0,
  after: 0,
  patterns: [ASSIGNMENT, AFTER_NAME, PROSE_VALUE, PROSE_WORD],
  *findAt(text, hits, path) {
    const code = CODE_FILE.test(path);
    let lastName = -1;
    for (const at of hits) {
      let start = at;
      while (start > 0 && at - start < 60 && isNameChar(text.charCodeAt(start - 1))) start--;
      let end = at;
      while (end < text.length && end - at < 60 && isNameChar(text.charCodeAt(end))) end++;
      if (start === lastName) continue;
      lastName = start;
      AFTER_NAME.lastIndex = end;
      const m = AFTER_NAME.exec(text) ?? (code ? null : proseValue(text, end));
      if (!m) continue;
      const raw = m[m.length - 1] ?? "";
      // In code a literal is quoted, and `|` is an operator (`"a" | "b"`), not a Markdown table cell.
      if (code && m.length === 4 && (!m[2] || m[1])) continue;
      const name = text.slice(start, end).replace(/^[^A-Za-z_]+/, "");
      const value = raw.replace(/[.:]+$/, "");
      if (/\|\||&&|\?\.|=>|::/.test(value) || !assignmentIsSecret(name, value)) continue;
      const valueStart = m.index + m[0].lastIndexOf(raw);
      yield genericHit(name, value, valueStart);
    }
  },
  *find(window) {
    ASSIGNMENT.lastIndex = 0;
    for (let m = ASSIGNMENT.exec(window); m; m = ASSIGNMENT.exec(window)) {
      const name = m[1] ?? "";
      const value = (m[2] ?? "").replace(/[.:]+$/, "");
      // Re-scan from just after the name so `a=b c=d` pairs are not swallowed.
      ASSIGNMENT.lastIndex = m.index + Math.max(1, name.length);
      if (!assignmentIsSecret(name, value)) continue;
      yield genericHit(name, value, m.index + m[0].lastIndexOf(value));
    }
  },
};

function genericHit(name: string, value: string, start: number): DetectorHit {
  const passwordish = /passw|pwd|pass$|passphrase/i.test(name);
  return {
    start,
    end: start + value.length,
    secret: value,
    confidence: shannonEntropy(value) >= 4 ? "high" : "medium",
    kind: passwordish ? "password" : "api_token",
    details: { name },
  };
}
