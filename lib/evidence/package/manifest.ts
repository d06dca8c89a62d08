import { z } from "zod";

/**
 * manifest.json: what the package is (framework, instant or period, who and when, which rules and parameters),
 * every other file with its SHA-256, size and record count, and how complete the populations are. Its bytes are
 * what manifest.sig signs.
 */

export const MANIFEST_FORMAT = "leash-evidence/2";
/**
 * Formats `leash evidence verify` still reads, so a package built earlier keeps verifying. Version 1 had no signature
 * over SHA256SUMS, no parameter values and no populations instant.
 */
const READABLE_FORMATS = ["leash-evidence/1", MANIFEST_FORMAT] as const;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const manifestFileSchema = z.object({
  path: z.string().min(1),
  sha256,
  bytes: z.number().int().min(0),
  /** CSV rows after the header, or JSONL lines; null for documents (PDF, JSON, text). */
  records: z.number().int().min(0).nullable(),
});
export type ManifestFile = z.infer<typeof manifestFileSchema>;

export const manifestSchema = z.object({
  format: z.enum(READABLE_FORMATS),
  package: z.uuid(),
  generator: z.object({ name: z.literal("Leash"), version: z.string() }),
  framework: z.object({ id: z.string(), name: z.string() }),
  scope: z.union([z.object({ kind: z.literal("as_of"), asOf: z.string() }), z.object({ kind: z.literal("period"), from: z.string(), to: z.string() })]),
  generatedAt: z.string(),
  generatedBy: z.string(),
  /** The instant the populations, findings and inventory were read at: the as-of instant, or the period's last moment (or the build's, for a period not over yet). */
  populationsAsOf: z.string().optional(),
  rules: z.object({
    version: z.string(),
    parametersVersion: z.number().int(),
    parametersHash: z.string(),
    /** Every rule's parameter values the evaluation used, defaults included. */
    parameters: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  }),
  signature: z.object({
    algorithm: z.literal("Ed25519"),
    keyId: z.string(),
    file: z.literal("manifest.sig"),
    /** The signature over SHA256SUMS (format 2 on). */
    sums: z.literal("SHA256SUMS.sig").optional(),
  }),
  files: z.array(manifestFileSchema),
  /** Population counts per source, reconciled with what the import runs said they imported. */
  completeness: z.record(z.string(), z.unknown()),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** The manifest's bytes: stable key order (as built), two-space indent, trailing newline. */
export function manifestBytes(manifest: Manifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
}

/** Records in a data file, counted the way the manifest states them. */
export function countRecords(path: string, bytes: Uint8Array): number | null {
  const counter = recordCounter(path);
  counter.update(bytes);
  return counter.count();
}

export type RecordCounter = { update(chunk: Uint8Array): void; count(): number | null };

/** Whether a file has a record count: CSV (rows after the header) and JSONL (lines); documents have none. */
export function hasRecords(path: string): boolean {
  return path.endsWith(".csv") || path.endsWith(".jsonl");
}

/**
 * The same count fed chunk by chunk, so a file of several GB is counted as it streams past. JSONL: lines that are not
 * blank (whitespace only). CSV: RFC 4180 rows after the header. Anything else: null. It scans bytes, never a string:
 * in UTF-8 the bytes of `"`, `\n` and `\r` never occur inside a multibyte character, and a string could not hold a
 * file past V8's ~512 MB limit anyway.
 */
export function recordCounter(path: string): RecordCounter {
  if (path.endsWith(".jsonl")) return jsonlLineCounter();
  if (path.endsWith(".csv")) return csvRowCounter();
  return { update() {}, count: () => null };
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Buffer's indexOf is a native byte search; a plain Uint8Array's is not, so view it (without copying) as a Buffer. */
const asBuffer = (chunk: Uint8Array) => (Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));

/** Rows of an RFC 4180 text minus the header: line breaks inside quoted cells do not end a row, `\r` alone is no content. */
function csvRowCounter(): RecordCounter {
  let rows = 0;
  let quoted = false;
  // A quote marks its row as content, so while quoted this is always true.
  let rowHasContent = false;
  return {
    update(chunk) {
      const bytes = asBuffer(chunk);
      // Each search runs again only once the scan has passed its last hit: one pass over the chunk, however the
      // quotes and line breaks interleave.
      let nextQuote = -2;
      let nextLf = -2;
      for (let i = 0; i < bytes.length; ) {
        if (nextQuote !== -1 && nextQuote < i) nextQuote = bytes.indexOf(QUOTE, i);
        if (quoted) {
          if (nextQuote === -1) return;
          quoted = false;
          i = nextQuote + 1;
          continue;
        }
        if (nextLf !== -1 && nextLf < i) nextLf = bytes.indexOf(LF, i);
        const stop = Math.min(nextQuote === -1 ? bytes.length : nextQuote, nextLf === -1 ? bytes.length : nextLf);
        for (let j = i; j < stop && !rowHasContent; j++) if (bytes[j] !== CR) rowHasContent = true;
        if (stop === bytes.length) return;
        if (stop === nextLf) {
          rows++;
          rowHasContent = false;
        } else {
          quoted = true;
          rowHasContent = true;
        }
        i = stop + 1;
      }
    },
    count: () => Math.max(0, rows + (rowHasContent ? 1 : 0) - 1),
  };
}

/**
 * The multibyte characters that String.prototype.trim() removes (U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029,
 * U+202F, U+205F, U+3000, U+FEFF), as their UTF-8 bytes read big-endian: a line of only these and ASCII whitespace
 * was never a record. Any other non-ASCII byte decodes to a character or to U+FFFD, which is content.
 */
const MULTIBYTE_WHITESPACE = new Set([
  0xc2a0, 0xe19a80, 0xe28080, 0xe28081, 0xe28082, 0xe28083, 0xe28084, 0xe28085, 0xe28086, 0xe28087, 0xe28088, 0xe28089, 0xe2808a,
  0xe280a8, 0xe280a9, 0xe280af, 0xe2819f, 0xe38080, 0xefbbbf,
]);
/** How many continuation bytes follow a lead byte that can start one of those characters. */
const WHITESPACE_LEADS = new Map([[0xc2, 1], [0xe1, 2], [0xe2, 2], [0xe3, 2], [0xef, 2]]);
const isAsciiWhitespace = (b: number) => b === 0x20 || (b >= 0x09 && b <= 0x0d);

/** Lines that are not blank: the same count as splitting the text on "\n" and dropping lines that trim() to "". */
function jsonlLineCounter(): RecordCounter {
  let lines = 0;
  let lineHasContent = false;
  // A multibyte character begun but not finished (it may straddle chunks): its bytes so far, and how many are left.
  let pending = 0;
  let left = 0;
  return {
    update(chunk) {
      const bytes = asBuffer(chunk);
      for (let i = 0; i < bytes.length; ) {
        if (lineHasContent) {
          // The rest of the line cannot change the count: jump to its end.
          left = 0;
          const lf = bytes.indexOf(LF, i);
          if (lf === -1) return;
          lines++;
          lineHasContent = false;
          i = lf + 1;
          continue;
        }
        const b = bytes[i++]!;
        if (left > 0) {
          if (b >= 0x80 && b <= 0xbf) {
            pending = pending * 256 + b;
            if (--left === 0 && !MULTIBYTE_WHITESPACE.has(pending)) lineHasContent = true;
            continue;
          }
          // A character cut short decodes to U+FFFD; the byte that cut it is read on its own below.
          left = 0;
          lineHasContent = true;
        }
        if (b === LF) {
          if (lineHasContent) lines++;
          lineHasContent = false;
        } else if (b < 0x80) {
          if (!isAsciiWhitespace(b)) lineHasContent = true;
        } else if (WHITESPACE_LEADS.has(b)) {
          pending = b;
          left = WHITESPACE_LEADS.get(b)!;
        } else lineHasContent = true;
      }
    },
    count: () => lines + (lineHasContent || left > 0 ? 1 : 0),
  };
}

/** GNU coreutils format ("<hex>  <path>"), so `sha256sum -c SHA256SUMS` checks every file. */
export function sha256Sums(files: readonly { path: string; sha256: string }[]): string {
  return files.map((f) => `${f.sha256}  ${f.path}\n`).join("");
}
