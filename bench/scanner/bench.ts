import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { writeBenchCorpus } from "./bench-corpus";

const run = promisify(execFile);
const repo = fileURLToPath(new URL("../..", import.meta.url));

interface Figures {
  tool: string;
  bytes: number;
  findings: number;
  ms: number;
  maxRssMB: number;
}

/** Each tool runs in its own process so that its peak memory (max RSS) is its own. */
async function measure(tool: string, dir: string, limit?: number): Promise<Figures> {
  const args = ["cli/run-ts.mjs", "bench/scanner/bench-run.ts", tool, dir, ...(limit ? [String(limit)] : [])];
  const { stdout } = await run("node", args, { cwd: repo, maxBuffer: 1 << 24 });
  const last = stdout.trim().split("\n").pop() ?? "{}";
  return JSON.parse(last) as Figures;
}

const mbps = (f: Figures): number => f.bytes / 1e6 / (f.ms / 1000);

/**
 * Scanner throughput: Leash vs secretlint (recommended preset) on the same generated mixed corpus.
 * LEASH_BENCH_MB sets the corpus size (default 100); secretlint reads the first LEASH_BENCH_SECRETLINT_MB
 * (default 20) of it because at its speed the whole corpus takes minutes; MB/s are compared, not totals.
 * LEASH_BENCH_DIR benchmarks an existing directory (a real repository or export) instead of a generated one.
 */
export async function benchScanner(): Promise<void> {
  const size = Number(process.env.LEASH_BENCH_MB ?? 100);
  const slLimit = Number(process.env.LEASH_BENCH_SECRETLINT_MB ?? 20) * 1024 * 1024;
  const given = process.env.LEASH_BENCH_DIR;
  const dir = given ?? (await mkdtemp(join(tmpdir(), "leash-bench-")));
  try {
    if (!given) {
      const bytes = await writeBenchCorpus(dir, size);
      console.log(`scanner corpus: ${(bytes / 1e6).toFixed(1)} MB generated in ${dir}`);
    } else console.log(`scanner corpus: ${dir}`);
    const leash = await measure("leash", dir);
    const secretlint = await measure("secretlint", dir, slLimit);
    for (const f of [leash, secretlint]) {
      console.log(`${f.tool.padEnd(10)} ${(f.bytes / 1e6).toFixed(1).padStart(7)} MB  ${mbps(f).toFixed(2).padStart(8)} MB/s  peak RSS ${f.maxRssMB.toFixed(0).padStart(5)} MB  findings ${f.findings}`);
    }
    console.log(`throughput ratio leash/secretlint: ${(mbps(leash) / mbps(secretlint)).toFixed(1)}x (target >= 50x); leash peak ${leash.maxRssMB.toFixed(0)} MB (target <= 256 MB)`);
  } finally {
    if (!given) await rm(dir, { recursive: true, force: true });
  }
}

// Run directly (`node cli/run-ts.mjs bench/scanner/bench.ts`), not when bench/index.ts imports benchScanner.
if (process.env.LEASH_RUN_TS_ENTRY?.endsWith("bench/scanner/bench.ts")) {
  await benchScanner();
}
