/**
 * Activity ingest throughput: N generated Leash NDJSON events (default 1M) into the embedded database and into
 * Postgres (BENCH_DATABASE_URL or TEST_DATABASE_URL), side by side in one run: events per second and peak RSS.
 * Targets: ≥ 50k events/s on Postgres, ≥ 10k/s embedded, memory flat.
 */
import { Readable } from "node:stream";
import type { OpenedDatabase } from "../db/client";
import { ingestEvents } from "../lib/server/activity-ingest";
import { systemViewer } from "../lib/server/cli-viewer";
import { sql } from "drizzle-orm";
import { db, useDatabase } from "../lib/server/db";
import { onBothEngines } from "./databases";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const OPS = ["SELECT", "GetObject", "PutObject", "serviceInstanceRedeploy", "DeleteObject", "DescribeInstances"];
const AGENTS = ["claude-cli/1.0.98", "aws-cli/2.15", "Mozilla/5.0", "python-requests/2.31", "cursor/0.42"];

function ndjson(count: number): AsyncIterable<Uint8Array> {
  const base = Date.UTC(2026, 9, 1);
  return Readable.from(
    (function* () {
      let chunk = "";
      for (let i = 0; i < count; i++) {
        const op = OPS[i % OPS.length]!;
        chunk += `{"event_id":"bench-${i}","occurred_at":"${new Date(base + i * 1000).toISOString()}","credential":{"key_id":"BENCHKEY${i % 5000}"},"actor":"svc-${i % 300}","operation":"${op}","resource":"arn:aws:s3:::bucket-${i % 40}/obj-${i}","scope":{"aws_account_id":"1111222233${i % 10}"},"outcome":"success","origin":{"ip":"10.0.${i % 250}.${i % 200}","user_agent":"${AGENTS[i % AGENTS.length]}"}}\n`;
        if (chunk.length > 256_000) {
          yield Buffer.from(chunk);
          chunk = "";
        }
      }
      if (chunk) yield Buffer.from(chunk);
    })(),
  );
}

async function measure(label: string, opened: OpenedDatabase): Promise<void> {
  await opened.migrate();
  useDatabase(opened.db);
  // The process keeps what an engine measured before took (PGlite does not hand its memory back, nor does malloc
  // always), so the growth during this ingest is what tells whether memory is flat in the number of events.
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const started = performance.now();
  const report = await ingestEvents(systemViewer("bench"), { format: "leash-ndjson", fileName: "bench.ndjson", input: ndjson(EVENTS) });
  const total = (performance.now() - started) / 1000;
  clearInterval(timer);
  // The ingest is followed by the evaluation of what it stored; the two are reported apart.
  const [timing] = ((await db().execute(sql`
    select extract(epoch from r.finished_at - r.started_at)::float8 as ingest,
      coalesce((select sum(duration_ms) from evaluation_runs), 0)::float8 / 1000 as evaluation
    from ingest_runs r where r.id = ${report.runId}::uuid`)) as unknown as { rows: { ingest: number; evaluation: number }[] }).rows;
  const seconds = Number(timing?.ingest ?? total);
  console.log(
    `${label.padEnd(9)} ${EVENTS.toLocaleString("en")} events in ${seconds.toFixed(1)} s = ${Math.round(EVENTS / seconds).toLocaleString("en")} events/s ` +
      `(accepted ${report.accepted}, duplicate ${report.duplicate}, rejected ${report.rejected}; ${report.status}); then their evaluation ${Number(timing?.evaluation ?? 0).toFixed(1)} s; ` +
      `peak RSS ${(peak / 1_048_576).toFixed(0)} MB (+${((peak - start) / 1_048_576).toFixed(0)} MB during the ingest and its evaluation)`,
  );
}

export async function benchIngest(): Promise<void> {
  console.log(`\n## Activity ingest: ${EVENTS.toLocaleString("en")} Leash NDJSON events (targets: ≥ 50k/s Postgres, ≥ 10k/s embedded)`);
  await onBothEngines("ingest", measure);
}
