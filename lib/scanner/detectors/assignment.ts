import { charClasses, shannonEntropy } from "../entropy";
import { isCodeExpression, isDigest, isEncryptedContainer, isIdentifier, isMasked, isPlaceholder, isPublicByDesign, isReference, humanPassword, looksRandom, wordy } from "../suppress";
import { isPasswordName, isSecretName } from "../secret-name";
import type { DetectorHit } from "../types";
import { inspectJwt } from "./generic";
import type { Detector } from "./spec";
import { bareVerbPass, isBlank, proseValue, PROSE_PATTERNS, skipBlanksBack, spacedProse } from "./assignment-prose";
import { otherKindOfKey, SURROUNDING_PATTERNS, surroundingsDeny } from "./surroundings";
import { execAt, lineStartWithin } from "./steps";

/**
 * A literal value: no whitespace, quotes, separators or control characters (an ANSI colour code ends a value).
 * Long enough for STS session tokens; bounded, so every pattern below stays linear.
 */
const VALUE = "[^\\s\"'`,;<>(){}[\\]\\u0000-\\u001f]";
const VALUE_CAP = 2048;
const V = `${VALUE}{6,${VALUE_CAP}}`;
/** `name = value` pairs; the name must sound secret and the value must look random. */
const ASSIGNMENT = new RegExp(`([A-Za-z_][A-Za-z0-9_.-]{0,60})["'\`\\]]?\\s{0,3}(?::=|=>|==|[:=|]|\\s(?:is|was)\\s)\\s{0,3}(?:["'\`]|\\b[A-Za-z]*\\()?(${VALUE}{6,300})`, "g");
/** The same grammar from the end of a known name: a sticky match, constant work per keyword hit. */
// `=`/`=>` but not `==`/`===`, `:` but not `::`, `|` or a box-drawn `│` (a table cell, as `railway variables` draws
// them). Groups: 1 a table cell's `|` or `│`; 2-3 a quoted value read to its closing quote (it may hold `(`, `,`, `;`,
// `<`: Django and WordPress keys); 4-5 an optionally quoted value in the strict grammar. An opening `[` is a
// one-element list.
// Column-aligned blocks (Terraform, Go `const (…)`, `.properties`) pad the name with many spaces before the sign.
// Chat and wiki emphasis around the sign or the value (`*pw:* X`, `password is **X**`) is markup, not the value.
const afterName = (marked: boolean): RegExp =>
  new RegExp(
    `["'\`\\]]{0,2}[ \\t]{0,40}(?::=|=>|=(?![=>])|:(?!:)|(\\||│|┃)|>|[ \\t](?:is|was)[ \\t])${marked ? "(?:\\*{1,2}(?=[ \\t]))?" : ""}[ \\t]{0,3}(?:\\[[ \\t]{0,3})?${marked ? "(?:\\*{1,2}(?=[^\\s*]))?" : ""}` +
      // A Python string prefix (`b"…"`, `r'…'`) opens a quoted literal: `app.secret_key = b"…"`.
      `(?:[bBrRuU]{1,2}(?=["']))?(?:(["'\`])([^\\s"'\`]{6,2048})(?=\\2)|(["'\`])?(${V}))`,
    "y",
  );
const AFTER_NAME = afterName(false);
/** The same with emphasis, tried only when a `*` is near the name (most text has none: the plain grammar is faster). */
const AFTER_NAME_MARKED = afterName(true);
/** Inside quotes a secret may hold `(`, `,`, `;` or `<`: read on to the closing quote. */
const QUOTED = /[^\s"'`]{6,2048}/y;
/** `ENV NAME value` (Dockerfile), `PASSWORD 'value'` and `IDENTIFIED BY 'value'` (SQL): a space, no sign. */
const SPACED_VALUE = new RegExp(`[ \\t]{1,3}(["'\`])?(${V})`, "y");
const DOCKER_ENV = /(?:^|\n)[ \t]*ENV[ \t]+$/;
const IDENTIFIED_BY = /identified[ \t]+by(?![\w-])/iy;
/** A quoted name, then its quoted value as the next argument: `define('DB_PASSWORD', '…')`, `setenv("TOKEN", "…")`. */
const NEXT_ARGUMENT = new RegExp(`(["'])[ \\t]{0,3},[ \\t]{0,3}(["'])(${V})\\2`, "y");
/**
 * The name is itself the value of a `name`/`key` field and the secret sits in the sibling `value` field:
 * Kubernetes and ECS env lists, Terraform `env {}` blocks, `<add key="…" value="…"/>`, Postman variables.
 */
const NAME_FIELD = /(?:name|key)["']?[ \t]{0,3}[:=][ \t]{0,3}["']?$/i;
const SIBLING_VALUE = new RegExp(`["']?[ \\t]{0,3},?[ \\t]{0,3}(?:\\r?\\n[ \\t]{0,40})?["']?value["']?[ \\t]{0,3}[:=][ \\t]{0,3}(["'])?(${V})`, "iy");
/** `API key`, `secret key`: a spaced compound whose first word alone is no name. */
const KEY_SUFFIX = /[ \t]key(?![\w-])/iy;
const KEY_PREFIX_WORD = /(?:^|[_.-])(?:api|access|secret|signing|encryption|master)$/i;
/** Source files: an unquoted value is an identifier or an expression, never a literal secret. */
const CODE_FILE = /\.(?:[cm]?[jt]sx?|pyi?|rb|go|java|kt|kts|scala|cs|php|rs|swift|c|cc|cpp|h|hpp|m|dart|lua|ex|exs|clj|groovy|vue|svelte|map)$/i;

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45;
}

function isQuote(c: string | undefined): boolean {
  return c === '"' || c === "'" || c === "`";
}

/** Is `at` inside a string literal on its line (an odd number of quotes before it)? */
function insideString(text: string, at: number): boolean {
  // Bounded: on a minified bundle's one long line, a search back to the line's start per hit is quadratic.
  const from = lineStartWithin(text, at, 200);
  let dq = 0;
  let sq = 0;
  for (let i = from; i < at; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) dq++;
    else if (c === 39) sq++;
  }
  return dq % 2 === 1 || sq % 2 === 1;
}

/** `quoted`: the value was written between quotes, so it is a literal even when it reads like `a.b` code. */
export function assignmentIsSecret(name: string, value: string, quoted = false): boolean {
  if (!couldBeSecret(value)) return false;
  if (!isSecretName(name)) return false;
  // Credentials are ASCII; a value with accented or CJK letters is a sentence in some language (a UI string).
  if (/[^\x00-\x7f]/.test(value)) return false;
  // A value naming its own kind (`x-csrf-token`, `GEL_PASSWORD`, `libsecret-1`, `Sec-WebSocket-Key`) is a label, not a secret; Nexus
  // Repository's npm tokens (`NpmToken.<uuid>`, in `.npmrc` `_authToken=`) name theirs and are secrets all the same.
  if (NEXUS_NPM_TOKEN.test(value)) return !isPlaceholder(value);
  if (/token|secret|p[a@4]ssw|credential|api[_-]?key|[-_]key$/i.test(value) || /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(value)) return false;
  // An algorithm or mechanism (`SASL/SCRAM-SHA-512`, `AES-256-GCM`), or a pointer (`see-runbook-OPS-12`, `managed-by-okta`)
  // in a credential inventory's cell: what protects the secret or where it is, not the secret.
  if (mechanismName(value) || POINTER_PHRASE.test(value)) return false;
  // Dates and times (`2026-01-10T12:00:00Z`) fill every export's columns.
  if (/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}|$)/.test(value)) return false;
  // JWTs are judged by the JWT detector (an anon key is public); checksummed tokens by theirs (a bad CRC is a fake).
  if (value.startsWith("eyJ") && inspectJwt(value)) return false;
  if (/^(?:gh[pousr]_|npm_)[A-Za-z0-9]{36}$|^ghr_[A-Za-z0-9]{76}$/.test(value)) return false;
  if (isPlaceholder(value) || isReference(value) || isMasked(value) || (isCodeExpression(value) && !quotedLiteral(name, value, quoted))) return false;
  if (isDigest(value, name) || isEncryptedContainer(value) || isPublicByDesign(value)) return false;
  if (/^(?:https?|file|s3|gs):\/\//i.test(value) || (looksLikePath(value) && !/\+|=$/.test(value))) return false;
  // `ENV GPG_KEY A035C8C1…` (every official Python image), `gpg_key: 0x4AEE18F8…`: an OpenPGP fingerprint or key id.
  if (/gpg|pgp/i.test(name) && !/pass|secret|token|private/i.test(name) && OPENPGP_KEY_ID.test(value)) return false;
  // A JCA cipher transformation (`AES/GCM/NoPadding`) or a cookie's name (`__Host-session`): configuration, not a secret.
  if (CIPHER_SPEC.test(value) || /^__(?:Host|Secure)-/.test(value)) return false;
  // A host name (`--password-stdin 123456789012.dkr.ecr.eu-west-1.amazonaws.com`): the next argument, not the secret.
  if (hostName(value)) return false;
  // A generated UUID has letters and digits; `00000000-0000-…` (the nil UUID) is a placeholder.
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return !isIdentifier(value, name) && /[a-f]/i.test(value) && /[0-9]/.test(value);
  return looksRandom(value, name);
}

const NEXUS_NPM_TOKEN = /^NpmToken\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A quoted value with a digit is a string, not member access, where a password is due (under a password's name) or a
 * part mixes upper, lower and digits (`'rSyiMryVg6.p'`); otherwise it is a key path or a file name, of words
 * (`EMRFS_CSE_KEY = 'fs.s3.cse.enabled'`, `--key "Map_Data_June.mp4"`).
 */
function quotedLiteral(name: string, value: string, quoted: boolean): boolean {
  if (!quoted || !/[0-9]/.test(value)) return false;
  return isPasswordName(name) || value.split(/[.()[\]]/).some((part) => /[A-Z]/.test(part) && /[a-z]/.test(part) && /[0-9]/.test(part));
}

/** One segment of a mechanism's name: an upper-case word (perhaps a few digits on the end) or a number. */
const MECHANISM_SEGMENT = /^(?:[A-Z]{2,}\d{0,3}|\d{1,4})$/;

/** Upper-case words and numbers joined by `-`, `_` or `/` (`SASL/SCRAM-SHA-512`): never a mixed segment like `X7K2`. */
function mechanismName(value: string): boolean {
  if (!/^[A-Z]{2}[A-Z0-9/_-]{2,60}$/.test(value)) return false;
  const segments = value.split(/[-_/]/);
  return segments.length >= 2 && segments.every((s) => MECHANISM_SEGMENT.test(s));
}

/** Hyphen- or underscore-joined words that start by saying where the value is, or who handles it. */
const POINTER_PHRASE = /^(?:see|via|ask|stored|managed|kept|lives|check|refer|rotated|rotates|handled|owned|issued|generated)[-_][A-Za-z0-9][\w-]{0,80}$/i;
/** An OpenPGP v4 fingerprint (40 hex), long key id (16 hex) or v5 fingerprint (64 hex), perhaps `0x`-prefixed. */
const OPENPGP_KEY_ID = /^(?:0x)?(?:[0-9A-F]{16}|[0-9A-F]{40}|[0-9A-F]{64}|[0-9a-f]{16}|[0-9a-f]{40})$/;
const CIPHER_SPEC = /^(?:AES(?:_?\d{3})?|DES|DESede|TripleDES|RSA|ECIES|ChaCha20(?:-Poly1305)?|Blowfish|RC4|PBE[A-Za-z0-9]*)\/[A-Za-z0-9]{2,24}\/[A-Za-z0-9]{2,40}$/;
/** Lowercase dotted labels ending in a common top-level or internal domain: a host, never a generated secret. */
const HOST_CHARS = /^[a-z0-9][a-z0-9.-]{2,252}(?::\d{1,5})?$/;
const HOST_SUFFIX = new Set("com net org io dev app cloud ai co internal local localhost lan corp svc".split(" "));

function hostName(value: string): boolean {
  if (!HOST_CHARS.test(value)) return false;
  const labels = value.replace(/:\d+$/, "").split(".");
  return labels.length >= 2 && labels.length <= 9 && labels.every((l) => l.length >= 1 && l.length <= 63) && HOST_SUFFIX.has(labels[labels.length - 1] ?? "");
}

/**
 * Paths and file names (`/var/run/secrets/token`, `./certs/app.pem`). Base64 has `/` too: a `+` or `=` padding says
 * base64 (the caller checks), and a path's segments are words, which random base64 rarely spells.
 */
function looksLikePath(value: string): boolean {
  // A file's name by its extension: `--key my-dir/big-video-file.mp4` names an S3 object, not a key.
  // A dot starts a path (`./certs`, `../x`) or a dotfile's name (`.env`, `.ssh/id_rsa`), not `.7R2…` or `.Qa3#…`:
  // a generated password may start with a dot.
  return /^(?:[/~]|\.\.?\/|\.[A-Za-z_][\w.-]*(?:\/|$))|\/[a-z][a-z_-]+\/|\.(?:pem|json|key|txt|ya?ml|env|crt|p12|pfx|jks|csv|md|pdf|png|jpe?g|gif|svg|mp[34]|mov|wav|zip|tar|t?gz|bz2|xz|log|html?|xml|sql|parquet)$/.test(value);
}

interface Assigned {
  name: string;
  value: string;
  start: number;
}

/** The name around a keyword hit: `[start, end)` over name characters, widened over `API key`-style compounds. */
function nameAround(text: string, at: number): { start: number; end: number; name?: string; sql?: boolean } {
  let start = at;
  while (start > 0 && at - start < 60 && isNameChar(text.charCodeAt(start - 1))) start--;
  // `\nAPI_KEY=…` in text that kept its escapes: the `n` belongs to the escape, not the name.
  if (start > 0 && text[start - 1] === "\\" && /[nrt]/.test(text[start] ?? "")) start++;
  let end = at;
  IDENTIFIED_BY.lastIndex = at;
  if (IDENTIFIED_BY.test(text)) return { start: at, end: IDENTIFIED_BY.lastIndex, name: "password", sql: true };
  while (end < text.length && end - at < 60 && isNameChar(text.charCodeAt(end))) end++;
  if (isBlank(text.charCodeAt(end)) && KEY_PREFIX_WORD.test(text.slice(Math.max(start, end - 12), end))) {
    KEY_SUFFIX.lastIndex = end;
    if (KEY_SUFFIX.test(text)) end = KEY_SUFFIX.lastIndex;
  }
  return { start, end };
}

/** What follows the first word of a quoted value that is prose: a space, then another word. */
const QUOTED_SENTENCE = /^[ \t]+[\p{L}]/u;

/** Where the last value the name grammar read to its cap ends (see blobEnd in assignmentsAt). */
let cappedValueEnd = -1;

/** The value written after a name, by the first grammar that fits: `=`/`:`, next argument, sibling field, space, prose. */
function valueAfter(text: string, start: number, end: number, code: boolean, sql = false): { raw: string; index: number } | undefined {
  // SQL's `IDENTIFIED BY 'value'` has its value next, or none: "identified by a query argument: x=y" is prose.
  if (sql) {
    SPACED_VALUE.lastIndex = end;
    const v = SPACED_VALUE.exec(text);
    // ASN.1 says `IDENTIFIED BY id-hmacWithSHA256` too: an object identifier's name.
    return v && !(v[2] ?? "").startsWith("id-") ? quotedOn(text, v[1], v.index + v[0].length - (v[2] ?? "").length, v[2] ?? "") : undefined;
  }
  const m = execAt(starNear(text, end) ? AFTER_NAME_MARKED : AFTER_NAME, text, end);
  // In code a literal is quoted (or sits inside a string: a DSN), and `|` is an operator, not a table cell.
  if (m) {
    const quote = m[2] ?? m[4];
    let raw = m[3] ?? m[5] ?? "";
    // A quote after a name inside a string literal (`"Enter password: "+x`) closes that string: what follows is code.
    if (m[2] && /[;,]|[\w$]\.[A-Za-z_$]/.test(raw) && /[=(]/.test(raw)) raw = /^[^\s"'`,;<>(){}[\]]*/.exec(raw)?.[0] ?? "";
    const index = m.index + m[0].length - (m[3] ?? m[5] ?? "").length;
    if ((m[3] ?? m[5] ?? "").length >= VALUE_CAP) cappedValueEnd = m.index + m[0].length;
    // `<password>X</password>` is XML; `<username>:<password>@cluster0…` (a URL template) has no closing tag.
    const tagged = closeAngleSign(m[0], (m[3] ?? m[5] ?? "").length) && text[index + (m[3] ?? m[5] ?? "").length] !== "<";
    if (raw.length >= 6 && !tagged && !(code && (m[1] || (!quote && !insideString(text, start))))) {
      // `"pass": "aria-label-attributet finns…"` (a check's message in a locale file): a quoted sentence, not a value.
      return m[4] && QUOTED_SENTENCE.test(text.slice(index + raw.length, index + raw.length + 8)) ? undefined : { raw, index };
    }
  }
  const quoted = isQuote(text[start - 1]);
  // Only a call's first argument: in a plain list (`"md5", "password", "scram-sha-256"`) neighbours are peers.
  if (quoted && text[end] === text[start - 1] && /\([ \t]{0,3}$/.test(text.slice(Math.max(0, start - 5), start - 1))) {
    NEXT_ARGUMENT.lastIndex = end;
    const a = NEXT_ARGUMENT.exec(text);
    if (a) return { raw: a[3] ?? "", index: a.index + a[0].length - 1 - (a[3] ?? "").length };
  }
  if (signBefore(text, start) && NAME_FIELD.test(text.slice(Math.max(0, start - 24), start))) {
    SIBLING_VALUE.lastIndex = end;
    const s = SIBLING_VALUE.exec(text);
    if (s && (s[1] || !code)) return quotedOn(text, s[1], s.index + s[0].length - (s[2] ?? "").length, s[2] ?? "");
  }
  // `--api-key VALUE`, `ENV API_SECRET VALUE`, `WITH PASSWORD 'VALUE'`: a space is the separator only where the
  // syntax says so (a flag, a Dockerfile ENV line) or the value is quoted.
  const sv = execAt(SPACED_VALUE, text, end);
  // A backtick quotes a value in Markdown prose; in code it opens a template literal.
  // An unquoted word after a space is a value only where the place says so; a word assignmentIsSecret would refuse
  // anyway (under 8 characters, or under 12 with no digit: most words of prose) is not worth asking the place about.
  if (sv && ((sv[1] && !(code && sv[1] === "`") && text[SPACED_VALUE.lastIndex] === sv[1]) || (!code && couldBeSecret(sv[2] ?? "") && (spacedName(text, start) || spacedPassword(text.slice(start, end), sv[2] ?? ""))))) return quotedOn(text, sv[1], sv.index + sv[0].length - (sv[2] ?? "").length, sv[2] ?? "");
  if (code) return undefined;
  // `The "api_token" for the status page is X`: the name's closing quote comes before the prose.
  const p = proseValue(text, quoted && text[end] === text[start - 1] ? end + 1 : end);
  return p ? { raw: p[1] ?? "", index: p.index + p[0].length - (p[1] ?? "").length } : undefined;
}

/** Is the sign of an AFTER_NAME match (the match without its value) a bare `>` (a tag's end, not `=>` or `->`)? */
function closeAngleSign(match: string, valueLength: number): boolean {
  const head = match.slice(0, match.length - valueLength);
  const gt = head.lastIndexOf(">");
  return gt !== -1 && head[gt - 1] !== "=" && head[gt - 1] !== "-";
}

/** Does a `:` or `=` (then perhaps blanks and a quote) end right before `start`? NAME_FIELD's last characters. */
function signBefore(text: string, start: number): boolean {
  let j = start - 1;
  if (text[j] === '"' || text[j] === "'") j--;
  j = skipBlanksBack(text, j);
  return text[j] === ":" || text[j] === "=";
}

/** A quoted value read on to its closing quote when the strict grammar stopped early at `(`, `,`, `;`… */
function quotedOn(text: string, quote: string | undefined, index: number, raw: string): { raw: string; index: number } {
  if (!quote || text[index + raw.length] === quote) return { raw, index };
  QUOTED.lastIndex = index;
  const q = QUOTED.exec(text);
  return q && text[QUOTED.lastIndex] === quote ? { raw: q[0], index } : { raw, index };
}

/** What looksRandom would refuse anyway, refused before costlier tests: under 8 characters, or under 12 with no digit. */
function couldBeSecret(value: string): boolean {
  return value.length >= 12 || (value.length >= 8 && /[0-9]/.test(value));
}

function starNear(text: string, end: number): boolean {
  const to = Math.min(text.length, end + 12);
  for (let i = end; i < to; i++) if (text.charCodeAt(i) === 42) return true;
  return false;
}

/** Where a space is the separator: a flag, a Dockerfile `ENV` line, or a place in prose where people write one (spacedProse). */
function spacedName(text: string, start: number): boolean {
  if (text.startsWith("--", start)) return true;
  // `ENV NAME value`: an `V` (or more blanks) before the name's blanks.
  const c = text.charCodeAt(skipBlanksBack(text, start - 1));
  if ((c === 86 || isBlank(c)) && isBlank(text.charCodeAt(start - 1)) && DOCKER_ENV.test(text.slice(Math.max(0, start - 12), start))) return true;
  return spacedProse(text, start);
}

/**
 * "see the wiki — db password X": in prose a password's name may have its value after a blank alone, when the value
 * is a generator's (ten or more characters of three classes, a digit among them, no word).
 */
function spacedPassword(name: string, value: string): boolean {
  // Not words with a number ("reset your password 2FA-enabled", "Password Manager2024"): a sentence goes on there.
  // Nor a path ("man5/passwd.5 man5/proc.5" in a copyright file's list of man pages).
  return isPasswordName(name) && value.length >= 10 && /[0-9]/.test(value) && charClasses(value) >= 3 && !wordy(value) && !humanPassword(value) && !value.includes("/") && !looksLikePath(value);
}

/** `**X**`, `*X*`: the closing emphasis of a value whose opening stars were read as markup. */
function unemphasise(text: string, index: number, raw: string): string {
  let n = 0;
  while (n < 2 && text[index - 1 - n] === "*") n++;
  if (n === 0 || raw.length <= n) return raw;
  return raw.endsWith("*".repeat(n)) ? raw.slice(0, -n) : raw;
}

/** Trims what a value grammar over-reads: escapes of text that kept them, a query string's next parameter. */
function trimValue(raw: string, queryParam: boolean): string {
  let value = raw;
  const escape = value.search(/\\[nrtu]/);
  if (escape !== -1) value = value.slice(0, escape);
  if (queryParam) {
    const amp = value.indexOf("&");
    if (amp !== -1) value = value.slice(0, amp);
  }
  return trimStop(value);
}

/** A sentence's full stop or a label's colon ends a value; an ellipsis stays, so `sk-ant-api03-...` reads as a placeholder. */
function trimStop(value: string): string {
  return /\.\.\.$/.test(value) ? value : value.replace(/[.:]+$/, "");
}

/**
 * `arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf` (IAM policies, Terraform, CloudFormation):
 * `secret` is the ARN's resource type and what follows the secret's name, not its value.
 */
function inArn(text: string, start: number, end: number): boolean {
  if (text.charCodeAt(start - 1) !== 58 /* : */) return false;
  const before = text.slice(Math.max(0, end - 200), end);
  const arn = before.lastIndexOf("arn:");
  return arn !== -1 && /:secret$/.test(before) && !/[\s"'`=]/.test(before.slice(arn));
}

function* assignmentsAt(text: string, hits: readonly number[], path: string): Generator<Assigned> {
  const code = CODE_FILE.test(path);
  let lastName = -1;
  // The end of the last value read to the grammar's cap: a keyword inside such a blob (`password=password=…`) is part
  // of that value, and reading up to the cap again from each one made the work the cap times the text.
  let blobEnd = -1;
  cappedValueEnd = -1;
  for (const hit of hits) {
    if (hit < blobEnd) continue;
    // The bare-word keywords (` key:`) start at the space before the word.
    const bare = text.charCodeAt(hit) <= 32;
    if (bare && (code || otherKindOfKey(text, hit))) continue;
    const at = bare ? hit + 1 : hit;
    const around = nameAround(text, at);
    const { start, end } = around;
    if (start === lastName || inArn(text, start, end)) continue;
    lastName = start;
    const found = valueAfter(text, start, end, code, around.sql);
    blobEnd = Math.max(blobEnd, cappedValueEnd);
    if (!found) continue;
    const name = around.name ?? text.slice(start, end).replace(/^[^A-Za-z_]+/, "").replace(/[ \t]+/g, "_");
    if (bareVerbPass(text, start, end, name)) continue;
    const before = text[start - 1];
    let value = trimValue(unemphasise(text, found.index, found.raw), before === "?" || before === "&");
    let index = found.index;
    // `${DB_PASSWORD:-default}` (compose, shell): the `-` is the operator; the default after it is the value.
    if (before === "{" && text[start - 2] === "$" && value.startsWith("-") && text[index - 1] === ":") {
      value = value.slice(1);
      index++;
    }
    const quoted = isQuote(text[index - 1]) && text[index + value.length] === text[index - 1];
    if (/\|\||&&|\?\.|=>|::/.test(value) || !assignmentIsSecret(name, value, quoted)) continue;
    if (surroundingsDeny(text, start, name, value, { bare, code, path })) continue;
    yield { name, value, start: index };
  }
}

export const genericAssignmentDetector: Detector = {
  id: "generic-secret-assignment",
  provider: "generic",
  kind: "password",
  title: "High-entropy value assigned to a secret-like name",
  severity: "medium",
  keywords: [
    "secret", "token", "passw", "pwd", "passphrase", "api_key", "apikey", "api-key", "api key", "access_key", "access key", "_key", "-key",
    // ` pass `: "user admin, pass X" (spacedProse judges the place; "tests pass now" has no user before it).
    "credential", "_pass", "pass:", " pass ",
    // camelCase compounds (`accessKey`, `signingKey`): no `_key` to wake the detector.
    "accesskey", "signingkey", "encryptionkey", "masterkey", "privatekey", "sessionkey", "authkey", "hmackey",
    // `pw` as a word or a name's last word: `db_pw=…`, "the staging pw is …".
    "_pw", " pw ", " pw:", " pw=", "\tpw", "(pw ", "pw ", "pass=", "pass =", 'pass"', "pass'", "identified by",
    // A table column headed `pass` (`| host | user | pass |`): the tables reader names its cells; this wakes the file.
    "| pass ", "| pass|", "|pass|",
    // A bare word `key` (prose, `Key: …`): spelled out with what follows, so `keys`, `keyboard` never wake the detector.
    ...[" ", "\t", "\n"].flatMap((before) => [" ", ":", "="].map((after) => `${before}key${after}`)),
  ],
  scope: "line",
  before: 0,
  after: 0,
  patterns: [NEXUS_NPM_TOKEN, ASSIGNMENT, AFTER_NAME, AFTER_NAME_MARKED, QUOTED, NEXT_ARGUMENT, SIBLING_VALUE, SPACED_VALUE, KEY_SUFFIX, IDENTIFIED_BY, HOST_CHARS, MECHANISM_SEGMENT, POINTER_PHRASE, OPENPGP_KEY_ID, CIPHER_SPEC, ...PROSE_PATTERNS, ...SURROUNDING_PATTERNS],
  *findAt(text, hits, path) {
    for (const a of assignmentsAt(text, hits, path)) yield genericHit(a.name, a.value, a.start);
  },
  *find(window) {
    ASSIGNMENT.lastIndex = 0;
    for (let m = ASSIGNMENT.exec(window); m; m = ASSIGNMENT.exec(window)) {
      const name = m[1] ?? "";
      const value = trimStop(m[2] ?? "");
      // Re-scan from just after the name so `a=b c=d` pairs are not swallowed.
      ASSIGNMENT.lastIndex = m.index + Math.max(1, name.length);
      if (!assignmentIsSecret(name, value)) continue;
      yield genericHit(name, value, m.index + m[0].lastIndexOf(value));
    }
  },
};

/** An AWS secret access key's shape: 40 characters of base64's alphabet. */
const AWS_SECRET_SHAPE = /^[A-Za-z0-9/+]{40}$/;

function genericHit(name: string, value: string, start: number): DetectorHit {
  const passwordish = isPasswordName(name);
  return {
    start,
    end: start + value.length,
    secret: value,
    confidence: shannonEntropy(value) >= 4 ? "high" : "medium",
    kind: passwordish ? "password" : "api_token",
    // The shape, not the value: lets a bare `secret` beside an access key id be paired with it (refine.ts).
    details: AWS_SECRET_SHAPE.test(value) ? { name, shape: "aws-secret-key" } : { name },
  };
}
