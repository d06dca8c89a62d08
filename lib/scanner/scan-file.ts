import { closeSync, createReadStream, fstatSync, openSync, readSync } from "node:fs";
import { ScanEngine } from "./engine";
import { detectFormat, isBinaryPath, isLockFile, looksBinary, readSegments, secretFileName } from "./readers";
import { refineFindings } from "./refine";
import { emptyStats, type Finding, type ScanStats, type Segment } from "./types";

/** Files up to this size are parsed whole by their format reader; larger ones stream as text in chunks. */
export const WHOLE_FILE_LIMIT = 16 * 1024 * 1024;
const CHUNK = 2 * 1024 * 1024;
/** Longer than any token or PEM block, so a secret across a chunk boundary is seen whole in one chunk. */
const OVERLAP = 64 * 1024;

export interface ContentScanOptions {
  fingerprintKey: string | Uint8Array;
  engine?: ScanEngine;
  stats?: ScanStats;
}

/**
 * Text with no keyword that a reader may still turn into a named secret: escaped or encoded values (JSON, HTML,
 * base64 `data`/`auth`/`_auth`), and a bare `key` that its section or parent object names (`[b2]` / `key = …`).
 */
const READER_HINT = /\\\/|\\u00|\\_|&(?:amp|#\d+|#x[0-9a-f]+);|(?:^|\s|")(?:data|auth|[\w-]+-data|key)["']?\s*[:=]|:_auth=/i;

let sharedEngine: ScanEngine | undefined;
export function defaultEngine(): ScanEngine {
  sharedEngine ??= new ScanEngine();
  return sharedEngine;
}

export type SkipReason = "binary" | "lock-file";

export function skipReason(path: string, bytes?: Uint8Array): SkipReason | undefined {
  if (isLockFile(path)) return "lock-file";
  if (isBinaryPath(path) || (bytes && looksBinary(bytes))) return "binary";
  return undefined;
}

function scanSegments(path: string, segments: Segment[], options: ContentScanOptions): Finding[] {
  const engine = options.engine ?? defaultEngine();
  const findings: Finding[] = [];
  for (const segment of segments) {
    findings.push(...engine.scanSegment(segment, { path, fingerprintKey: options.fingerprintKey, stats: options.stats }));
  }
  return findings;
}

/** Scans one in-memory file (already known to be text). `path` is what findings report. */
export function scanContent(path: string, content: string | Uint8Array, options: ContentScanOptions): Finding[] {
  const stats = options.stats ?? emptyStats();
  const text = typeof content === "string" ? content : Buffer.from(content).toString("utf8");
  stats.files++;
  stats.bytes += typeof content === "string" ? Buffer.byteLength(content) : content.length;
  // Most files hold no keyword at all; unless a reader may name or decode a value, stop here.
  // A `.pgpass` names its passwords by position alone: no keyword need be in the file.
  if (!(options.engine ?? defaultEngine()).anyKeyword(text) && !READER_HINT.test(text) && !secretFileName(path) && detectFormat(path) !== "pgpass") return [];
  const findings = scanSegments(path, readSegments(path, text), { ...options, stats });
  return markInlineAllows(refineFindings(findings, text), text);
}

/**
 * `leash:allow` on a finding's line, or alone on the line above it, accepts the finding. Checked against the raw
 * file because format readers separate values from their comments.
 */
export function markInlineAllows(findings: Finding[], text: string, firstLine = 1): Finding[] {
  if (!findings.length || !text.includes("leash:allow")) return findings;
  const allowed = new Set<number>();
  let line = firstLine;
  let from = 0;
  for (let at = text.indexOf("leash:allow"); at !== -1; at = text.indexOf("leash:allow", at + 1)) {
    line += countLines(text.slice(from, at), at - from);
    from = at;
    const start = text.lastIndexOf("\n", at) + 1;
    const ownLine = /^\s*(?:#|\/\/|<!--|--|;|\*)\s*leash:allow/.test(text.slice(start, at + 11));
    allowed.add(ownLine ? line + 1 : line);
  }
  for (const f of findings) {
    if (!f.allowed && allowed.has(f.line)) Object.assign(f, { allowed: true, allowReason: "inline leash:allow" });
  }
  return findings;
}

/** Scans a file on disk: whole when small, streamed in overlapping line-aligned chunks when large. */
export async function scanFile(absPath: string, relPath: string, options: ContentScanOptions): Promise<Finding[] | SkipReason> {
  const stats = options.stats ?? emptyStats();
  const early = skipReason(relPath);
  if (early) return early;
  const bytes = readSmallFile(absPath);
  if (bytes) {
    if (looksBinary(bytes)) return "binary";
    return scanContent(relPath, bytes, { ...options, stats });
  }
  return scanTextStream(relPath, createReadStream(absPath, { encoding: "utf8", highWaterMark: 1024 * 1024 }), { ...options, stats });
}

/**
 * Whole contents when the file is at most WHOLE_FILE_LIMIT, else undefined. Synchronous on purpose: scanning is
 * CPU-bound in this thread anyway, and one open/fstat/read/close beats four thread-pool round trips per file.
 */
function readSmallFile(absPath: string): Buffer | undefined {
  const fd = openSync(absPath, "r");
  try {
    const size = fstatSync(fd).size;
    if (size > WHOLE_FILE_LIMIT) return undefined;
    const buf = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buf, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return buf.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * Scans a large text as it arrives, in overlapping line-aligned chunks: memory stays flat whatever its size, and a
 * secret across a chunk boundary is seen whole in one chunk. `chunks` is a file read stream or a git blob's bytes;
 * a NUL in the first chunk marks the whole as binary.
 */
export async function scanTextStream(relPath: string, chunks: AsyncIterable<string>, options: ContentScanOptions & { stats: ScanStats }): Promise<Finding[] | SkipReason> {
  const format = detectFormat(relPath);
  // Whole-document formats cannot be parsed in pieces; as text their values are still found, with true lines.
  const chunkFormat = format === "jsonl" || format === "log" || format === "markdown" ? format : "text";
  const findings: Finding[] = [];
  let buffer = "";
  let baseLine = 1;
  let first = true;
  const flush = (final: boolean): void => {
    const shift = (line: number): number => line + baseLine - 1;
    const segments = readSegments(relPath, buffer, chunkFormat).map((s) => ({ ...s, line: shift(s.line), ...(s.pieces ? { pieces: s.pieces.map(([o, l, c]): [number, number, number] => [o, shift(l), c]) } : {}) }));
    findings.push(...markInlineAllows(scanSegments(relPath, segments, options), buffer, baseLine));
    if (final) return;
    let keepFrom = buffer.indexOf("\n", buffer.length - OVERLAP);
    keepFrom = keepFrom === -1 ? buffer.length - OVERLAP : keepFrom + 1;
    baseLine += countLines(buffer, keepFrom);
    buffer = buffer.slice(keepFrom);
  };
  // Leaving the loop early ends the source: a read stream is destroyed, a generator's `finally` runs.
  for await (const chunk of chunks) {
    if (first && chunk.includes("\u0000")) return "binary";
    first = false;
    options.stats.bytes += Buffer.byteLength(chunk);
    buffer += chunk;
    if (buffer.length >= CHUNK + OVERLAP) flush(false);
  }
  flush(true);
  options.stats.files++;
  return refineFindings(findings);
}

function countLines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) n++;
  return n;
}
