import { crc32Base62Valid } from "../checksum";
import { charClasses, shannonEntropy } from "../entropy";
import { wordy } from "../suppress";
import type { Confidence, DetectorHit, SecretKind, Segment, Severity } from "../types";

/** Character sets of published token formats; the corpus generator draws from the same alphabets. */
export const CHARSETS = {
  b62: "A-Za-z0-9",
  hex: "0-9a-f",
  HEX: "0-9A-F",
  hexAny: "0-9a-fA-F",
  b64: "A-Za-z0-9+/",
  b64url: "A-Za-z0-9_\\-",
  /** Base64 of either alphabet with padding, for tokens that embed encoded JSON plus a signature. */
  b64any: "A-Za-z0-9+/=_\\-",
  digits: "0-9",
  upper: "A-Z",
  lower: "a-z",
  alpha: "A-Za-z",
  upNum: "A-Z0-9",
  lowNum: "a-z0-9",
  b32: "A-Z2-7",
  azure: "A-Za-z0-9_~.\\-",
  dotted: "A-Za-z0-9_.\\-",
} as const;
export type Charset = keyof typeof CHARSETS;

/** A token shape: literals and runs of one charset, `[charset, min, max?]`. No nesting, so no backtracking blow-up. */
export type Part = string | readonly [Charset, number, number?];

export interface FindContext {
  /** Whole scanned text of the segment (key prepended), for detectors that look around their window. */
  segment: Segment;
  path: string;
}

export interface Detector {
  id: string;
  provider: string;
  kind: SecretKind;
  title: string;
  severity: Severity;
  /** Lowercase literals; the prefilter runs this detector only near one of them. */
  keywords: readonly string[];
  /** `token`: a window around the hit; `line`: the hit's line (names beside values). */
  scope: "token" | "line";
  /** Token windows stop at the end of the keyword's line (a name only vouches for values on its own line). */
  sameLine?: boolean;
  before: number;
  after: number;
  find(window: string, ctx: FindContext): Iterable<DetectorHit>;
  /**
   * Optional hit-anchored search: given the whole text and keyword offsets, look only at each hit. Used by the
   * generic name = value detector, whose keywords are common words, so that a line is never re-scanned.
   */
  findAt?(text: string, hits: readonly number[], path: string): Iterable<DetectorHit>;
  /** Every regex the detector runs, exposed so a test can check none of them can backtrack catastrophically. */
  patterns: readonly RegExp[];
  /** Present on shape-built detectors, so the corpus generator can make matching fakes. */
  spec?: TokenSpec;
}

export interface TokenSpec {
  id: string;
  provider: string;
  kind: SecretKind;
  title: string;
  severity?: Severity;
  parts: readonly Part[];
  /** Defaults to the first literal part, lowercased. */
  keywords?: readonly string[];
  /** Names that must be on the same line (bare hex/UUID values that only their name identifies). */
  context?: readonly string[];
  checksum?: "crc32-base62";
  minEntropy?: number;
  confidence?: Confidence;
  /** Literal prefix used in previews; defaults to the first literal part. */
  prefix?: string;
  /** A literal the token may be glued to, where a word character would otherwise refuse it (`/bot<token>/`). */
  after?: string;
  /** Several tokens joined by this literal are one credential (Fly.io's `FlyV1 fm2_…,fm2_…`): reported once, whole. */
  joinedBy?: string;
}

export function escapeRegex(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

function partSource(part: Part): string {
  if (typeof part === "string") return escapeRegex(part);
  const [set, min, max] = part;
  return `[${CHARSETS[set]}]{${min}${max === undefined ? "" : max === min ? "" : `,${max}`}}`;
}

function guardClass(part: Part | undefined): string {
  if (part === undefined || typeof part === "string") return "A-Za-z0-9_";
  return `A-Za-z0-9_${CHARSETS[part[0]]}`;
}

export function compileShape(parts: readonly Part[], after?: string): RegExp {
  const first = parts[0];
  // Text that kept its escapes (a log line printing `"…\nghp_…"`) still starts a token right after the `\n`.
  const glued = after ? `|(?<=${escapeRegex(after)})` : "";
  const lead = typeof first === "string" && /^[^A-Za-z0-9]/.test(first) ? "" : `(?:(?<![${guardClass(typeof first === "string" ? undefined : first)}])|(?<=\\\\[nrt])${glued})`;
  const body = parts.map(partSource).join("");
  return new RegExp(`${lead}${body}(?![${guardClass(parts[parts.length - 1])}])`, "g");
}

export function maxShapeLength(parts: readonly Part[]): number {
  return parts.reduce((n, p) => n + (typeof p === "string" ? p.length : (p[2] ?? p[1])), 0);
}

export function specPrefix(spec: TokenSpec): string {
  const first = spec.parts[0];
  return spec.prefix ?? (typeof first === "string" ? first : "");
}

/** Builds a detector from a token shape. */
export function tokenDetector(spec: TokenSpec): Detector {
  const pattern = compileShape(spec.parts, spec.after);
  const prefix = specPrefix(spec);
  const keywords = spec.context ?? spec.keywords ?? [prefix.toLowerCase()];
  const length = maxShapeLength(spec.parts);
  const defaultConfidence: Confidence = spec.confidence ?? (spec.context ? "medium" : "high");
  return {
    id: spec.id,
    provider: spec.provider,
    kind: spec.kind,
    title: spec.title,
    severity: spec.severity ?? defaultSeverity(spec.kind),
    keywords: keywords.map((k) => k.toLowerCase()),
    // Contextual values sit just after their name (`RAILWAY_TOKEN=…`, "railway token for prod: …").
    scope: "token",
    sameLine: spec.context !== undefined,
    // A keyword inside or after the token (`-us`, `.atlasv1.`) needs the window to reach back over the token.
    before: spec.context ? 8 : keywords.every((k) => prefix.toLowerCase().startsWith(k)) ? 16 : length + 16,
    after: spec.context ? length + 120 : length + 16,
    spec,
    patterns: [pattern],
    *find(window) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(window); m; m = pattern.exec(window)) {
        const secret = spec.joinedBy ? joinedToken(pattern, window, m, spec.joinedBy) : m[0];
        const body = secret.slice(prefix.length);
        if (shannonEntropy(body) < (spec.minEntropy ?? 2.8)) continue;
        if (spec.context && !contextualValueIsRandom(secret, window, m.index, hexShaped(spec.parts))) continue;
        const confidence = defaultConfidence;
        const details: Record<string, string> = {};
        if (spec.checksum === "crc32-base62") {
          // The format carries its own CRC32: a token that fails it is a documentation sample or a hand-edited
          // fake, not a credential the provider issued.
          if (!crc32Base62Valid(secret, prefix)) continue;
          details.checksum = "valid";
        }
        yield { start: m.index, end: m.index + secret.length, secret, confidence, details };
      }
    },
  };
}

/**
 * The match extended over every further token written right after `separator`; the pattern resumes after the last.
 * Each step is one anchored match, so the whole stays linear.
 */
function joinedToken(pattern: RegExp, window: string, first: RegExpExecArray, separator: string): string {
  let end = first.index + first[0].length;
  while (window.startsWith(separator, end)) {
    pattern.lastIndex = end + separator.length;
    const next = pattern.exec(window);
    if (!next || next.index !== end + separator.length) break;
    end = next.index + next[0].length;
  }
  pattern.lastIndex = end;
  return window.slice(first.index, end);
}

/**
 * A bare value found only by the name beside it must look machine-made: hex with letters and digits, or (other
 * charsets) upper, lower and digits; never a path segment (`/cloudflare/workerd/blob/<sha>`) or an identifier.
 */
const IDENTIFIER_NAME = /(?:^|[_.-])(?:id|ids|uuid|guid|sid|url|uri|host|region|zone|account|org|project|tenant|app|name|user|email|team|workspace|env|environment|service)$/i;

function contextualValueIsRandom(value: string, window: string, at: number, hexFormat: boolean): boolean {
  const before = window[at - 1];
  // A format wider than hex that yields only hex digits is a commit SHA or digest, not its token.
  if (!hexFormat && /^[0-9a-f]+$/.test(value)) return false;
  // `RAILWAY_PROJECT_ID=<uuid>`, `heroku app id: <uuid>`: the name beside the value says identifier.
  const name = /([A-Za-z_][\w.-]{0,60})["'\]]{0,2}[ \t]{0,3}[:=][ \t]{0,3}["'`]?$/.exec(window.slice(Math.max(0, at - 90), at))?.[1];
  if (name && IDENTIFIER_NAME.test(name.replace(/([a-z0-9])([A-Z])/g, "$1_$2"))) return false;
  if (before === "/" || before === "." || before === "#" || before === "@" || before === "-") return false;
  if (/^[0-9a-f-]+$/i.test(value)) return /[0-9]/.test(value) && /[a-f]/i.test(value);
  if (wordy(value)) return false;
  return charClasses(value) >= 3 || shannonEntropy(value) >= 4 || (/[0-9]/.test(value) && /[a-z]/i.test(value) && shannonEntropy(value) >= 3.8);
}

function hexShaped(parts: readonly Part[]): boolean {
  return parts.every((p) => typeof p === "string" || p[0] === "hex" || p[0] === "HEX" || p[0] === "hexAny");
}

export function defaultSeverity(kind: SecretKind): Severity {
  switch (kind) {
    case "private_key":
    case "service_account_key":
    case "access_key":
    case "ssh_key":
      return "critical";
    case "jwt":
    case "password":
    case "other":
      return "medium";
    default:
      return "high";
  }
}
