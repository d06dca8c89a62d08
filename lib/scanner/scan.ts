import { lstat, readdir } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { scanGitHistory } from "./git";
import { applyIgnore, type IgnoreRules } from "./ignore";
import { ScanPool } from "./pool";
import { scanPathJob, type PathJobResult } from "./scan-path";
import { emptyStats, type Finding, type ScanStats } from "./types";

const SKIP_DIRS = new Set([".git", "node_modules", ".leash", ".next", ".hg", ".svn"]);

export interface ScanProgress {
  files: number;
  bytes: number;
  findings: number;
  elapsedMs: number;
}

export interface ScanOptions {
  fingerprintKey: string | Uint8Array;
  /** Scanning threads including this one; 0 or 1 scans only in this thread. Default: one per core. */
  workers?: number;
  /** Scan git history (every blob once) instead of the working tree. */
  git?: boolean;
  ignore?: IgnoreRules;
  onProgress?: (p: ScanProgress) => void;
}

export interface ScanResult {
  root: string;
  findings: Finding[];
  stats: ScanStats;
  skipped: Array<{ file: string; reason: string }>;
}

/** The directory findings are reported relative to: the single directory given, or the common parent. */
export function scanRoot(paths: string[], isDir: boolean[]): string {
  const abs = paths.map((p) => resolve(p));
  if (abs.length === 1) return isDir[0] ? (abs[0] ?? ".") : dirname(abs[0] ?? ".");
  let common = abs[0] ?? process.cwd();
  while (!abs.every((p) => p === common || p.startsWith(common.endsWith(sep) ? common : common + sep))) common = dirname(common);
  return common;
}

/** Regular files under a path, in a stable order; symlinks are not followed (no escapes, no cycles). */
async function* walk(path: string): AsyncGenerator<string> {
  const info = await lstat(path);
  if (info.isFile()) yield path;
  else if (info.isDirectory()) yield* walkDir(path);
}

async function* walkDir(dir: string): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.isFile()) yield join(dir, e.name);
    else if (e.isDirectory() && !SKIP_DIRS.has(e.name)) yield* walkDir(join(dir, e.name));
  }
}

function merge(total: ScanResult, part: PathJobResult): void {
  total.findings.push(...part.findings);
  total.skipped.push(...part.skipped);
  for (const k of Object.keys(total.stats) as Array<keyof ScanStats>) total.stats[k] += part.stats[k];
}

/** Scans files, directories (recursively) and zip archives, or their git history. */
export async function scanPaths(paths: string[], options: ScanOptions): Promise<ScanResult> {
  const isDir = await Promise.all(paths.map(async (p) => (await lstat(p)).isDirectory()));
  const root = scanRoot(paths, isDir);
  const result: ScanResult = { root, findings: [], stats: emptyStats(), skipped: [] };
  const started = Date.now();
  // `pending`: findings made but not yet in the result (a git history adds its findings when it is done).
  const progress = (pending = 0): void =>
    options.onProgress?.({ files: result.stats.files, bytes: result.stats.bytes, findings: result.findings.length + pending, elapsedMs: Date.now() - started });
  if (options.git) {
    await scanHistories(paths, root, options, result, progress);
  } else {
    await scanTree(paths, root, options, result, progress);
  }
  progress();
  if (options.ignore) applyIgnore(result.findings, options.ignore);
  result.findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  return result;
}

/** Each path's own git history, its paths reported relative to the scanned root as a working-tree scan reports them. */
async function scanHistories(paths: string[], root: string, options: ScanOptions, result: ScanResult, progress: (pending?: number) => void): Promise<void> {
  for (const p of paths) {
    const abs = resolve(p);
    const dir = (await lstat(abs)).isDirectory() ? abs : dirname(abs);
    const prefix = relative(root, dir).split(sep).join("/");
    const rooted = (file: string): string => (prefix ? `${prefix}/${file}` : file);
    const git = await scanGitHistory(abs, { fingerprintKey: options.fingerprintKey, stats: result.stats, onBlob: progress });
    for (const f of git.findings) result.findings.push({ ...f, file: rooted(f.file) });
    for (const s of git.skipped) result.skipped.push({ ...s, file: rooted(s.file) });
  }
}

async function scanTree(paths: string[], root: string, options: ScanOptions, result: ScanResult, progress: () => void): Promise<void> {
  const threads = Math.max(1, options.workers ?? Math.min(availableParallelism(), 8));
  // This thread scans too, whenever every worker already holds its fill: one core is this thread's anyway.
  const pool = threads > 1 ? new ScanPool(options.fingerprintKey, threads - 1) : undefined;
  const inFlight = new Set<Promise<void>>();
  let localBusy = false;
  const local = async (abs: string, rel: string): Promise<PathJobResult> => {
    localBusy = true;
    try {
      const result = await scanPathJob(abs, rel, { fingerprintKey: options.fingerprintKey });
      // A scan here runs synchronously: give the event loop a turn, so the workers' answers are read and they are
      // sent more work before this thread takes another file.
      if (pool) await new Promise((resolve) => setImmediate(resolve));
      return result;
    } finally {
      localBusy = false;
    }
  };
  try {
    for (const p of paths) {
      for await (const abs of walk(resolve(p))) {
        const rel = relative(root, abs).split(sep).join("/") || abs.split(sep).pop() || abs;
        const job = (!pool || (pool.saturated && !localBusy) ? local(abs, rel) : pool.run(abs, rel)).then((r) => {
          merge(result, r);
          progress();
        });
        inFlight.add(job);
        // Both branches handled here; the rejection itself surfaces through Promise.race/all below.
        void job.then(() => inFlight.delete(job), () => inFlight.delete(job));
        // Bounded queue: the walk never runs far ahead of the scan, so memory stays flat.
        if (inFlight.size >= threads * 4) await Promise.race(inFlight);
      }
    }
    await Promise.all(inFlight);
  } finally {
    await pool?.close();
  }
}
