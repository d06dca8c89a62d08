/**
 * Evidence package build time and peak memory on a generated workspace (Postgres), evaluated first as a running
 * instance would be. Target (DESIGN §10): 100k credentials + 1M events in ≤ 30 s and ≤ 512 MB, which is the default
 * size (BENCH_EVIDENCE_CREDENTIALS / _EVENTS to change it). The package is built the way a deployment builds it, by
 * a process of its own (`leash evidence export`), so its peak memory is the build's, not this seeding process's.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { useDatabase } from "../lib/server/db";
import { runEvaluation } from "../lib/server/evaluator/run";
import { freshPostgres } from "./databases";
import { rssOf } from "./process-rss";
import { generateWorkspace } from "./workspace";

const CREDENTIALS = Number(process.env.BENCH_EVIDENCE_CREDENTIALS ?? 100_000);
const EVENTS = Number(process.env.BENCH_EVIDENCE_EVENTS ?? 1_000_000);
const FINDINGS = Math.max(1, Math.round(CREDENTIALS / 10));
const HEAP_CAP_MB = 256;

/** Runs the CLI export; wall time and the peak RSS sampled every 50 ms. */
function exportPackage(env: NodeJS.ProcessEnv, out: string): Promise<{ ms: number; peak: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ["cli/leash.mjs", "evidence", "export", "--framework", "soc2", "--out", out], { env, stdio: ["ignore", "ignore", "inherit"] });
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, rssOf(child.pid!))), 50);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => {
      clearInterval(timer);
      if (code === 0) resolve({ ms: performance.now() - started, peak });
      else reject(new Error(`leash evidence export exited with ${code}`));
    });
  });
}

export async function benchEvidence(): Promise<void> {
  console.log(`\n## Evidence package: ${CREDENTIALS.toLocaleString("en")} credentials + ${EVENTS.toLocaleString("en")} events (target: ≤ 30 s, ≤ 512 MB)`);
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) {
    console.log("postgres  skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL)");
    return;
  }
  const { opened, url: target, drop } = await freshPostgres(url, "evidence");
  const dir = mkdtempSync(path.join(tmpdir(), "leash-bench-evidence-"));
  try {
    await opened.migrate();
    useDatabase(opened.db);
    await generateWorkspace({ credentials: CREDENTIALS, events: EVENTS, findings: FINDINGS });
    await runEvaluation({ scope: "full" }, "bench", "bench");
    // Generated per run, never committed: the instance secrets the exporting process signs with.
    const env = { ...process.env, DATABASE_URL: target, AUTH_SECRET: randomBytes(32).toString("base64"), LEASH_FINGERPRINT_KEY: randomBytes(32).toString("base64") };
    // V8 grows its heap lazily when memory is plentiful: the same build again with the heap capped shows what it needs.
    for (const heap of [null, HEAP_CAP_MB]) {
      const out = path.join(dir, `package-${heap ?? "default"}.zip`);
      const { ms, peak } = await exportPackage(heap ? { ...env, NODE_OPTIONS: `--max-old-space-size=${heap}` } : env, out);
      console.log(
        `postgres  SOC 2 package by \`leash evidence export\`${heap ? ` with --max-old-space-size=${heap}` : ""} in ${(ms / 1000).toFixed(2)} s ` +
          `(process start included): ${(statSync(out).size / 1_048_576).toFixed(1)} MB zip; peak RSS of the exporting process ${(peak / 1_048_576).toFixed(0)} MB`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await drop();
  }
}
