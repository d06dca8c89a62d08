/**
 * Credential import throughput: a generated 100k-row Leash CSV imported into the embedded database and into
 * Postgres (when BENCH_DATABASE_URL or TEST_DATABASE_URL is set), side by side in one run: rows per second and
 * peak RSS. Then the same file again (all unchanged), which must write nothing.
 */
import { sql } from "drizzle-orm";
import { Readable } from "node:stream";
import type { OpenedDatabase } from "../db/client";
import { systemViewer } from "../lib/server/cli-viewer";
import { db, useDatabase } from "../lib/server/db";
import { importCredentials } from "../lib/server/imports";
import { onBothEngines } from "./databases";

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const PROVIDERS = ["aws", "gcp", "github", "railway", "openai", "stripe", "vault", "slack"];

function* csvLines(rows: number): Generator<string> {
  yield "external_id,name,provider,kind,principal,principal_type,team,owner_email,environments,agent_accessible,expires_at,storage,tags\n";
  for (let i = 0; i < rows; i++) {
    const provider = PROVIDERS[i % PROVIDERS.length];
    yield `bench-${i},${provider} credential ${i},${provider},api_token,svc-${i % 977},service,Platform,owner${i % 50}@example.com,production,${i % 3 === 0},2027-0${(i % 9) + 1}-15T00:00:00Z,vault,bench;tier-${i % 4}\n`;
  }
}

function csvStream(rows: number): AsyncIterable<Uint8Array> {
  // Generated lazily in chunks: the benchmark measures the importer's memory, not the file's.
  return Readable.from(
    (function* () {
      let buffer = "";
      for (const line of csvLines(rows)) {
        buffer += line;
        if (buffer.length > 64_000) {
          yield Buffer.from(buffer);
          buffer = "";
        }
      }
      if (buffer) yield Buffer.from(buffer);
    })(),
  );
}

/**
 * The import run's own time (started → applied), and the evaluation of what it changed, which follows it and is
 * reported apart: its cost depends on the rules and the rest of the workspace, not on the importer.
 */
async function timingOf(runId: string): Promise<{ seconds: number; evaluation: number | null }> {
  const [row] = ((await db().execute(sql`
    select extract(epoch from r.finished_at - r.started_at)::float8 as seconds,
      (select e.duration_ms::float8 / 1000 from evaluation_runs e where e.started_at >= r.finished_at order by e.started_at limit 1) as evaluation
    from import_runs r where r.id = ${runId}::uuid`)) as unknown as { rows: { seconds: number; evaluation: number | null }[] }).rows;
  return { seconds: Number(row!.seconds), evaluation: row!.evaluation === null ? null : Number(row!.evaluation) };
}

async function measure(label: string, opened: OpenedDatabase): Promise<void> {
  await opened.migrate();
  useDatabase(opened.db);
  const viewer = systemViewer("bench");
  // The process keeps what the embedded database took before (PGlite does not hand its memory back), so the
  // growth during this engine's runs is what tells whether the importer's memory is flat in the file size.
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  for (const pass of ["first import", "re-import (unchanged)"]) {
    const run = await importCredentials(viewer, { format: "leash-csv", source: "bench", fileName: "bench.csv", input: csvStream(ROWS) });
    const { seconds, evaluation } = await timingOf(run.id);
    const c = run.counts;
    console.log(
      `${label.padEnd(9)} ${pass.padEnd(22)} ${ROWS} rows in ${seconds.toFixed(1)} s = ${Math.round(ROWS / seconds).toLocaleString("en")} rows/s ` +
        `(created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}, rejected ${c.rejected}; status ${run.status}); ` +
        `then the evaluation it started ${evaluation === null ? "(none: nothing changed)" : `${evaluation.toFixed(1)} s`}`,
    );
  }
  clearInterval(timer);
  console.log(`${label.padEnd(9)} peak RSS ${(peak / 1_048_576).toFixed(0)} MB (+${((peak - start) / 1_048_576).toFixed(0)} MB during these imports)`);
}

export async function benchImport(): Promise<void> {
  console.log(`\n## Credential import: ${ROWS.toLocaleString("en")}-row Leash CSV (target ≥ 20k rows/s on Postgres, memory flat)`);
  await onBothEngines("import", measure);
}

