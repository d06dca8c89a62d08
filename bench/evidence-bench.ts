/**
 * Evidence package build time and peak memory on a generated workspace (Postgres), evaluated first as a running
 * instance would be. Target (DESIGN §10): 100k credentials + 1M events in ≤ 30 s and ≤ 512 MB, which is the default
 * size (BENCH_EVIDENCE_CREDENTIALS / _EVENTS to change it).
 */
import { systemViewer } from "../lib/server/cli-viewer";
import { useDatabase } from "../lib/server/db";
import { buildEvidencePackage } from "../lib/server/evidence";
import { runEvaluation } from "../lib/server/evaluator/run";
import { freshPostgres } from "./postgres";
import { generateWorkspace } from "./workspace";

const CREDENTIALS = Number(process.env.BENCH_EVIDENCE_CREDENTIALS ?? 100_000);
const EVENTS = Number(process.env.BENCH_EVIDENCE_EVENTS ?? 1_000_000);
const FINDINGS = Math.max(1, Math.round(CREDENTIALS / 10));

export async function benchEvidence(): Promise<void> {
  console.log(`\n## Evidence package: ${CREDENTIALS.toLocaleString("en")} credentials + ${EVENTS.toLocaleString("en")} events (target at 100k + 1M: ≤ 30 s, ≤ 512 MB)`);
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) {
    console.log("postgres  skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL)");
    return;
  }
  const { opened, drop } = await freshPostgres(url, "evidence");
  try {
    await opened.migrate();
    useDatabase(opened.db);
    await generateWorkspace({ credentials: CREDENTIALS, events: EVENTS, findings: FINDINGS });
    await runEvaluation({ scope: "full" }, "bench", "bench");
    const base = process.memoryUsage().rss;
    let peak = base;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const started = performance.now();
    const built = await buildEvidencePackage(systemViewer("bench"), { framework: "soc2" });
    const ms = performance.now() - started;
    clearInterval(timer);
    console.log(
      `postgres  SOC 2 package in ${(ms / 1000).toFixed(2)} s: ${(built.bytes / 1_048_576).toFixed(1)} MB zip, ${built.files} files; ` +
        `peak RSS ${(peak / 1_048_576).toFixed(0)} MB (${((peak - base) / 1_048_576).toFixed(0)} MB above the process before the build)`,
    );
  } finally {
    await drop();
  }
}
