import type { SourceMap } from "./source-map";

/** Shared scanner types. A finding never carries the secret value: only a preview and a keyed fingerprint. */

export type SecretKind =
  | "access_key"
  | "pat"
  | "api_token"
  | "service_account_key"
  | "db_password"
  | "oauth_client_secret"
  | "ssh_key"
  | "private_key"
  | "webhook_secret"
  | "jwt"
  | "password"
  | "other";

export type Confidence = "high" | "medium" | "low";
export type Severity = "critical" | "high" | "medium" | "low";

/** Where a finding sits beyond file/line: the structure a format-aware reader understood. */
export interface FindingContext {
  keyPath?: string;
  channel?: string;
  messageTs?: string;
  user?: string;
  commit?: string;
  cell?: number;
  entry?: string;
}

export interface Finding {
  file: string;
  line: number;
  column: number;
  detector: string;
  kind: SecretKind;
  provider: string;
  title: string;
  confidence: Confidence;
  severity: Severity;
  /** Shannon entropy of the secret, bits per character. */
  entropy: number;
  /** e.g. `ghp_…9fQ2`: enough to recognise, never enough to use. */
  preview: string;
  /** HMAC-SHA-256 of the secret under the instance or CLI key. */
  fingerprint: string;
  /** A provider's non-secret identifier (AWS access key id, Twilio SID), when one is beside the secret. */
  publicId?: string;
  context?: FindingContext;
  details?: Record<string, string | boolean | number>;
  /** True when `.leashignore` or an inline `leash:allow` accepts it: still reported, not failing. */
  allowed?: boolean;
  allowReason?: string;
  /** Found under a test/fixture folder: severity lowered, never silenced. */
  inTestPath?: boolean;
}

/** A piece of text handed to the engine, with where its first character sits in the real file. */
export interface Segment {
  text: string;
  /** 1-based line and column of text[0]. */
  line: number;
  column: number;
  /** Decoded values (JSON strings, base64) map every offset to `line`: their newlines were escapes. */
  singleLine?: boolean;
  /**
   * Where the text's pieces sit when its newlines are not the file's (a folded or multi-line YAML scalar, whose line
   * breaks became spaces): `[offset in text, line, column]`, by offset. An offset maps to the last piece at or before it.
   */
  pieces?: Array<[number, number, number]>;
  /** Where a reader's decoding changed lengths, so an offset in `text` is not one in the file (see source-map.ts). */
  map?: SourceMap;
  /**
   * Decoded from base64 (a Kubernetes Secret's `data`, a docker `auth`): no character of it has a place in the file,
   * so every offset maps to the start of the encoded value, `line` and `column`.
   */
  encoded?: boolean;
  /** The name the value was assigned to (JSON/YAML key, env name), for context-needing detectors. */
  key?: string;
  context?: FindingContext;
}

/** What a detector reports before the engine adds location, preview and fingerprint. */
export interface DetectorHit {
  /** Offsets of the secret within the scanned window. */
  start: number;
  end: number;
  secret: string;
  confidence: Confidence;
  publicId?: string;
  /** Preview override for secrets whose tail is not telling (PEM bodies, URL passwords). */
  preview?: string;
  details?: Record<string, string | boolean | number>;
  /** Override of the detector's defaults (e.g. PEM inside a GCP service-account file). */
  detector?: string;
  kind?: SecretKind;
  provider?: string;
  severity?: Severity;
}

export interface ScanStats {
  files: number;
  bytes: number;
  skipped: number;
  /** Regex executions and characters handed to regexes: the step budget adversarial tests check. */
  regexExecs: number;
  charsExamined: number;
}

export function emptyStats(): ScanStats {
  return { files: 0, bytes: 0, skipped: 0, regexExecs: 0, charsExamined: 0 };
}
