import { spawn } from "node:child_process";
import { lstat } from "node:fs/promises";
import { basename, dirname } from "node:path";
import { createInterface } from "node:readline";
import { StringDecoder } from "node:string_decoder";
import { GitBlobReader } from "./git-blob-reader";
import { looksBinary } from "./readers";
import { scanContent, scanTextStream, skipReason, WHOLE_FILE_LIMIT, type ContentScanOptions } from "./scan-file";
import { emptyStats, type Finding } from "./types";

/** A large blob is handed to the chunk scanner in pieces of about this size, as a file read stream would be. */
const STREAM_PIECE = 1024 * 1024;

export interface GitBlob {
  sha: string;
  /** Relative to the scanned directory, `/`-separated. */
  path: string;
  /** The first commit (oldest first) that introduced this blob. */
  commit: string;
}

export interface GitScanOptions extends ContentScanOptions {
  /** Called after each blob, scanned or skipped, with the findings so far: a long history shows progress. */
  onBlob?: (findings: number) => void;
}

export interface GitScanResult {
  findings: Finding[];
  blobs: number;
  /** Blobs not scanned, once per path and reason: binary, lock-file, or missing (a partial clone). */
  skipped: Array<{ file: string; reason: string }>;
}

/**
 * Where to run git and what to limit it to: a directory is its own history only (not the rest of its repository),
 * a file its own path's; a symlink is not followed, as the tree walk does not. Paths come back relative to `cwd`,
 * as a scan of the working tree reports them.
 */
async function gitTarget(path: string): Promise<{ cwd: string; pathspec: string }> {
  return (await lstat(path)).isDirectory() ? { cwd: path, pathspec: "." } : { cwd: dirname(path), pathspec: basename(path) };
}

/** Every blob under `pathspec` reachable from any ref, once, with the path and commit that first introduced it. */
export async function listGitBlobs(cwd: string, pathspec = "."): Promise<GitBlob[]> {
  // --relative limits the diff to `cwd` and names paths from there; --full-history keeps a side branch whose change
  // a merge later undid (history simplification would drop it, and with it the commit that added a secret).
  const args = ["-c", "core.quotepath=false", "--literal-pathspecs", "-C", cwd, "log", "--all", "--reverse", "--raw", "--no-abbrev", "--no-renames", "--relative", "--full-history", "--format=commit %H", "--", pathspec];
  const child = spawn("git", args, { stdio: ["ignore", "pipe", "pipe"] });
  const blobs = new Map<string, GitBlob>();
  let commit = "";
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    if (line.startsWith("commit ")) commit = line.slice(7);
    else if (line.startsWith(":")) {
      const tab = line.indexOf("\t");
      const fields = line.slice(1, tab).split(" ");
      const sha = fields[3] ?? "";
      const mode = fields[1] ?? "";
      if (!/^0+$/.test(sha) && mode.startsWith("100") && !blobs.has(sha)) blobs.set(sha, { sha, path: line.slice(tab + 1), commit });
    }
  }
  const code = await new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`git log failed in ${cwd} (exit ${code})`);
  return [...blobs.values()];
}

/** A blob's bytes as text in pieces of about STREAM_PIECE, never split inside a UTF-8 character. */
async function* blobText(bytes: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  let parts: Buffer[] = [];
  let held = 0;
  for await (const part of bytes) {
    parts.push(part);
    held += part.length;
    if (held < STREAM_PIECE) continue;
    yield decoder.write(Buffer.concat(parts, held));
    parts = [];
    held = 0;
  }
  yield decoder.write(Buffer.concat(parts, held)) + decoder.end();
}

/** Scans one blob: whole when small, streamed in overlapping chunks when large (as a large file is). */
async function scanBlob(reader: GitBlobReader, blob: GitBlob, options: ContentScanOptions & { stats: NonNullable<ContentScanOptions["stats"]> }): Promise<Finding[] | string> {
  const size = await reader.open(blob.sha);
  if (size === undefined) return "missing";
  if (size > WHOLE_FILE_LIMIT) return scanTextStream(blob.path, blobText(reader.content(size)), options);
  const bytes = await reader.whole(size);
  return looksBinary(bytes) ? "binary" : scanContent(blob.path, bytes, options);
}

/** Scans the history of a directory (or file); a finding names the path and the commit that added it. */
export async function scanGitHistory(path: string, options: GitScanOptions): Promise<GitScanResult> {
  const stats = options.stats ?? emptyStats();
  const { cwd, pathspec } = await gitTarget(path);
  const blobs = await listGitBlobs(cwd, pathspec);
  const findings: Finding[] = [];
  const skipped = new Map<string, { file: string; reason: string }>();
  const reader = new GitBlobReader(cwd);
  try {
    for (const blob of blobs) {
      const result = skipReason(blob.path) ?? (await scanBlob(reader, blob, { ...options, stats }));
      if (typeof result === "string") {
        stats.skipped++;
        skipped.set(`${result}\u0000${blob.path}`, { file: blob.path, reason: result });
      } else {
        for (const f of result) findings.push({ ...f, context: { ...f.context, commit: blob.commit } });
      }
      options.onBlob?.(findings.length);
    }
  } finally {
    reader.close();
  }
  return { findings, blobs: blobs.length, skipped: [...skipped.values()] };
}
