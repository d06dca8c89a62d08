/**
 * Credential import throughput: a generated 100k-row Leash CSV imported into the embedded database and into
 * Postgres (when BENCH_DATABASE_URL or TEST_DATABASE_URL is set), side by side in one run: rows per second and
 * peak RSS. Then the same file again (all unchanged), which must write nothing.
 */
import { Readable } from "node:stream";
import { openDatabase, type OpenedDatabase } from "../db/client";
import { systemViewer } from "../lib/server/cli-viewer";
import { useDatabase } from "../lib/server/db";
import { importCredentials } from "../lib/server/imports";
import { freshPostgres } from "./postgres";

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
    const started = performance.now();
    const run = await importCredentials(viewer, { format: "leash-csv", source: "bench", fileName: "bench.csv", input: csvStream(ROWS) });
    const seconds = (performance.now() - started) / 1000;
    const c = run.counts;
    console.log(
      `${label.padEnd(9)} ${pass.padEnd(22)} ${ROWS} rows in ${seconds.toFixed(1)} s = ${Math.round(ROWS / seconds).toLocaleString("en")} rows/s ` +
        `(created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}, rejected ${c.rejected}; status ${run.status})`,
    );
  }
  clearInterval(timer);
  console.log(`${label.padEnd(9)} peak RSS ${(peak / 1_048_576).toFixed(0)} MB (+${((peak - start) / 1_048_576).toFixed(0)} MB during these imports)`);
}

export async function benchImport(): Promise<void> {
  console.log(`\n## Credential import: ${ROWS.toLocaleString("en")}-row Leash CSV (target ≥ 20k rows/s on Postgres, memory flat)`);
  const embedded = await openDatabase({ engine: "pglite" });
  await measure("embedded", embedded);
  await embedded.close();
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) {
    console.log("postgres  skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to measure on a Postgres server");
    return;
  }
  const { opened, drop } = await freshPostgres(url, "import");
  try {
    await measure("postgres", opened);
  } finally {
    await drop();
  }
}

