import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Command } from "commander";
import { parseIgnore, type IgnoreRules } from "@/lib/scanner/ignore";
import { failingFindings, toJson, toSarif, toTable } from "@/lib/scanner/report";
import { scanPaths, scanRoot, type ScanProgress } from "@/lib/scanner/scan";
import { remoteFrom, type Remote } from "../remote";
import { assertSameKey, uploadScan } from "../scan-upload";

interface ScanFlags {
  git?: boolean;
  format: string;
  fingerprintKey?: string;
  upload?: boolean;
  server?: string;
  token?: string;
  corpus?: string;
  progress?: boolean;
  workers?: string;
}

class UsageError extends Error {}

async function loadKey(file: string | undefined): Promise<{ key: Uint8Array; random: boolean }> {
  if (!file) return { key: randomBytes(32), random: true };
  const raw = await readFile(file).catch(() => {
    throw new UsageError(`cannot read fingerprint key file ${file}`);
  });
  // A text key file (hex, base64, passphrase) is used without surrounding whitespace; a binary one byte for byte.
  const text = raw.toString("utf8");
  const isText = Buffer.from(text, "utf8").equals(raw) && !/[\u0000-\u0008]/.test(text);
  const key = new Uint8Array(isText ? Buffer.from(text.trim(), "utf8") : raw);
  if (key.length < 16) throw new UsageError("fingerprint key must be at least 16 bytes");
  return { key, random: false };
}

async function loadIgnore(root: string): Promise<IgnoreRules | undefined> {
  const text = await readFile(join(root, ".leashignore"), "utf8").catch(() => undefined);
  return text === undefined ? undefined : parseIgnore(text);
}

/**
 * Progress is for a person watching a terminal: `--progress`/`--no-progress` decide when given; otherwise only a
 * terminal on stderr outside CI (CI runners often give a TTY, and their logs keep every `\r` redraw).
 */
export function wantsProgress(flag: boolean | undefined, stderrIsTty: boolean, env: Record<string, string | undefined>): boolean {
  if (flag !== undefined) return flag;
  const ci = env.CI;
  return stderrIsTty && (ci === undefined || ci === "" || ci === "false" || ci === "0");
}

function progressPrinter(): (p: ScanProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 250) return;
    last = now;
    const mb = p.bytes / 1e6;
    const rate = p.elapsedMs > 0 ? mb / (p.elapsedMs / 1000) : 0;
    process.stderr.write(`\r${p.files} files, ${mb.toFixed(1)} MB, ${p.findings} findings, ${rate.toFixed(1)} MB/s   `);
  };
}

function uploadTarget(flags: ScanFlags, randomKey: boolean): Remote {
  if (!flags.server || !flags.corpus) throw new UsageError("--upload needs --server URL and --corpus NAME (and --token T or LEASH_TOKEN)");
  if (randomKey) throw new UsageError("--upload needs --fingerprint-key FILE holding this instance's fingerprint key, or nothing would match its inventory");
  const remote = remoteFrom(flags);
  if (!remote) throw new UsageError("--upload needs --server URL");
  return remote;
}

async function runScan(paths: string[], flags: ScanFlags): Promise<number> {
  if (!["json", "sarif", "table"].includes(flags.format)) throw new UsageError(`unknown format ${flags.format} (json, sarif, table)`);
  const { key, random } = await loadKey(flags.fingerprintKey);
  const remote = flags.upload ? uploadTarget(flags, random) : null;
  if (remote) await assertSameKey(remote, key);
  if (random) process.stderr.write("leash: no --fingerprint-key given; fingerprints use a random per-run key and will not match the inventory\n");
  const startedAt = new Date().toISOString();
  const { lstat } = await import("node:fs/promises");
  const isDir = await Promise.all(
    paths.map((p) =>
      lstat(p).then(
        (s) => s.isDirectory(),
        () => {
          throw new UsageError(`no such path: ${p}`);
        },
      ),
    ),
  );
  const root = scanRoot(paths, isDir);
  const showProgress = wantsProgress(flags.progress, process.stderr.isTTY === true, process.env);
  const result = await scanPaths(paths, {
    fingerprintKey: key,
    git: flags.git === true,
    ignore: await loadIgnore(root),
    ...(flags.workers !== undefined ? { workers: Number(flags.workers) } : {}),
    ...(showProgress ? { onProgress: progressPrinter() } : {}),
  });
  if (showProgress) {
    const { files, bytes } = result.stats;
    process.stderr.write(`\n${files} files, ${(bytes / 1e6).toFixed(1)} MB scanned; ${result.skipped.length} skipped (binary, lock files, archive limits)\n`);
  }
  const out = flags.format === "sarif" ? toSarif(result.findings) : flags.format === "table" ? toTable(result.findings) : toJson(result.findings);
  process.stdout.write(out.endsWith("\n") ? out : `${out}\n`);
  if (remote) {
    const run = await uploadScan(remote, flags.corpus!, key, { startedAt, files: result.stats.files, bytes: result.stats.bytes, findings: result.findings });
    process.stderr.write(`leash: uploaded to corpus "${run.corpus.name}": ${run.findings} secret(s), ${run.opened} newly open, ${run.resolved} resolved (run ${run.id})\n`);
  }
  return failingFindings(result.findings).length > 0 ? 1 : 0;
}

/** `leash scan PATH…`: exit 1 when unaccepted findings exist, 0 when clean, 2 on error. */
export function registerScan(program: Command): void {
  program
    .command("scan")
    .description("scan files, directories, zip archives or git history for exposed credentials")
    .argument("<paths...>", "files or directories to scan")
    .option("--git", "scan every blob in the git history of the given paths instead of their working tree")
    .option("--format <format>", "json | sarif | table", "json")
    .option("--fingerprint-key <file>", "file holding the HMAC key for fingerprints (the instance key)")
    .option("--upload", "record the results as a scan of --corpus on a Leash server (fingerprints and previews only)")
    .option("--server <url>", "Leash server URL for --upload")
    .option("--token <token>", "API token for --upload")
    .option("--corpus <name>", "corpus name for --upload")
    .option("--progress", "show progress on stderr even when not on a terminal")
    .option("--no-progress", "never show progress")
    .option("--workers <n>", "worker threads (default: one per core)")
    .action(async (paths: string[], flags: ScanFlags) => {
      try {
        process.exitCode = await runScan(paths, flags);
      } catch (e) {
        process.stderr.write(`leash scan: ${e instanceof Error ? e.message : "failed"}\n`);
        process.exitCode = 2;
      }
    });
}
