import { charClasses, shannonEntropy } from "../entropy";
import { humanPassword, isMasked, isPlaceholder, isReference, looksRandom, memorablePassword, wordy } from "../suppress";
import type { DetectorHit } from "../types";
import type { Detector } from "./spec";
import { execAt } from "./steps";

const JWT = /(?:(?<![A-Za-z0-9_-])|(?<=\\[nrt]))eyJ[A-Za-z0-9_-]{10,2000}\.eyJ[A-Za-z0-9_-]{10,8000}\.[A-Za-z0-9_-]{16,1000}(?![A-Za-z0-9_-])/g;

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
      if (!dbDefault && !generatedPassword(password, user)) continue;
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

// HTTP/2 writes header names in lower case (`curl -v`: `> authorization: Basic …`); git's `http.extraheader`
// (actions/checkout) writes `AUTHORIZATION: basic …`.
const AUTH_HEADER = /\b(?:(?:[Aa]uthorization|AUTHORIZATION):\s{0,4}(?:[Bb]earer|BEARER|([Bb]asic|BASIC)|[Tt]oken|TOKEN)|Bearer)\s{1,4}([A-Za-z0-9._~+/-]{20,1000}=*)/g;
/** Checksummed token shapes: their provider detector judges them (a failing CRC32 is a docs sample, not a token). */
const CHECKSUMMED = /^(?:gh[pousr]_|npm_)[A-Za-z0-9]{36}$|^ghr_[A-Za-z0-9]{76}$/;

/** `Basic base64(user:password)` whose password is a placeholder or a default (`username:password`, `admin:admin`). */
function basicPlaceholder(encoded: string): boolean {
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  // Not printable `user:password`: judged as a token, as before.
  if (colon < 1 || !/^[\x20-\x7e]+$/.test(decoded)) return false;
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  return WEAK_PASSWORDS.test(password) || /passw|secret/i.test(password) || password === user || isPlaceholder(password) || isReference(password) || isMasked(password);
}

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
      const secret = m[2] ?? "";
      if (secret.startsWith("eyJ") || !looksRandom(secret) || isPlaceholder(secret) || isMasked(secret)) continue;
      if (CHECKSUMMED.test(secret) || (m[1] && basicPlaceholder(secret))) continue;
      const start = m.index + m[0].length - secret.length;
      yield { start, end: start + secret.length, secret, confidence: "medium" };
    }
  },
};

/** A password that looks generated: the bar for credentials found without a scheme or name that says database. */
function generatedPassword(password: string, user: string): boolean {
  if (WEAK_PASSWORDS.test(password) || /passw|secret/i.test(password) || password === user) return false;
  if (isPlaceholder(password) || isReference(password) || isMasked(password)) return false;
  // A person's password (`Harbor88!`) has a word's entropy, and is no demo credential (`user:pass`, `admin:admin`).
  return (password.length >= 8 && charClasses(password) >= 2 && shannonEntropy(password) >= 2.8) || humanPassword(password);
}

const CLI_USER = /(?:^|[\s"'`(])(?:-u|--user)[ \t]{1,3}(["']?)([^\s:'"`@$]{1,64}):([^\s'"`]{6,256})\1(?![^\s'"`])/g;

const SHELL_VARIABLE = /\$[A-Za-z_{(]/;

/** `curl -u user:password`, `--user user:password`: HTTP basic credentials on a command line. */
export const cliBasicAuthDetector: Detector = {
  id: "cli-basic-auth",
  provider: "generic",
  kind: "password",
  title: "Password in a command-line user:password argument",
  severity: "high",
  keywords: ["-u ", "--user "],
  scope: "token",
  sameLine: true,
  before: 4,
  after: 340,
  patterns: [CLI_USER],
  *find(window) {
    CLI_USER.lastIndex = 0;
    for (let m = CLI_USER.exec(window); m; m = CLI_USER.exec(window)) {
      const [, quote = "", user = "", password = ""] = m;
      // `perldoc -u Some::Module` (a namespace), `socat -u exec:$PROG,setsid` (-u is not always --user, and a value
      // built from shell variables is no literal password).
      if (password.startsWith(":") || SHELL_VARIABLE.test(password) || !generatedPassword(password, user)) continue;
      const start = m.index + m[0].length - quote.length - password.length;
      yield { start, end: start + password.length, secret: password, confidence: "medium", publicId: user, preview: `${user}:…${password.slice(-2)}` };
    }
  },
};

/**
 * The same pair in people's prose, after a word that says login: "login is dave / X", "creds: admin:X",
 * "Credentials - `svc` / `X`". Emphasis and quotes around either half are markup. Read from the keyword (sticky):
 * `credentials` is in every cloud document, and a window search per hit would cost more than the rest of a line.
 */
// "creds → deploy / X": an arrow is a sign too. "jumpbox creds: deploy X": after a colon the pair may be spaced only
// (group 2 is the sign, group 4 the separator: blanks alone count only after `:`).
const LOGIN_PAIR = /(?:login|creds|credentials)(?![\w-])[ \t]{0,3}(is|are|:|=|->|→|-)?[ \t]{0,3}[`*"']{0,2}([A-Za-z][\w.@+-]{0,63})[`*"']{0,2}([ \t]{0,3}[/:][ \t]{0,3}|[ \t]{1,3})([`*"']{0,2})([^\s'"`/:<>()]{6,128})/iy;

export const loginPairDetector: Detector = {
  id: "login-pair",
  provider: "generic",
  kind: "password",
  title: "Password in a login pair written in prose",
  severity: "high",
  keywords: ["login", "creds", "credentials"],
  scope: "line",
  before: 0,
  after: 0,
  patterns: [LOGIN_PAIR],
  *findAt(text, hits) {
    for (const hit of hits) {
      if (hit > 0 && /[\w-]/.test(text[hit - 1] ?? "")) continue;
      const m = execAt(LOGIN_PAIR, text, hit);
      if (!m) continue;
      const [, sign = "", user = "", separator = "", open = "", raw = ""] = m;
      // "credentials for staging2024x" is a sentence: a pair split by blanks alone needs `creds:` before it.
      if (sign !== ":" && !/[/:]/.test(separator)) continue;
      const stars = open.replace(/[^*]/g, "");
      const password = (stars && raw.endsWith(stars) ? raw.slice(0, -stars.length) : raw).replace(/[.,;:]+$/, "");
      // `registry/library-latest`, `SSO/Okta-Prod`: words without a digit are names, not a password; a memorable
      // password (`walrus-orbit-cactus-42`) is words by design.
      if (!memorablePassword(password)) {
        if ((!/\d/.test(password) && charClasses(password) < 3) || (wordy(password) && !humanPassword(password))) continue;
        if (!generatedPassword(password, user) && !(humanPassword(password) && !WEAK_PASSWORDS.test(password))) continue;
      }
      const start = m.index + m[0].length - raw.length;
      yield { start, end: start + password.length, secret: password, confidence: "medium", publicId: user, preview: `${user}:…${password.slice(-2)}` };
    }
  },
  find() {
    return [];
  },
};

const GO_DSN = /(?<![^\s"'`=])([^\s:@/'"`=]{1,64}):([^\s@'"`]{1,256})@(tcp|unix)\(([^\s)'"`]{1,256})\)/g;

/** Go's MySQL driver DSN, `user:password@tcp(host:3306)/db`: a connection string without a URL scheme. */
export const goDsnDetector: Detector = {
  id: "mysql-dsn",
  provider: "generic",
  kind: "db_password",
  title: "MySQL DSN with password",
  severity: "high",
  keywords: ["@tcp(", "@unix("],
  scope: "token",
  sameLine: false,
  before: 330,
  after: 270,
  patterns: [GO_DSN],
  *find(window) {
    GO_DSN.lastIndex = 0;
    for (let m = GO_DSN.exec(window); m; m = GO_DSN.exec(window)) {
      const [, user = "", password = "", net = "", host = ""] = m;
      if (!generatedPassword(password, user) && !(password.length >= 6 && charClasses(password) >= 3)) continue;
      const start = m.index + user.length + 1;
      yield { start, end: start + password.length, secret: password, confidence: "high", publicId: `${user}@${host}`, preview: `${user}:…@${net}(${host})` };
    }
  },
};
