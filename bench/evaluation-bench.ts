/**
 * Evaluation at scale (DESIGN §10): a full evaluation of N credentials + M events + K secret findings, an
 * incremental one after 1k new events, and the posture read under 20 concurrent callers — each next to the time
 * of the same kind of aggregation written as one raw SQL query. Targets: full ≤ 10 s, incremental ≤ 1 s, posture
 * p95 ≤ 100 ms (Postgres). The workspace is generated with SQL (generate_series), so set-up is not measured.
 */
import { sql } from "drizzle-orm";
import type { OpenedDatabase } from "../db/client";
import { systemViewer } from "../lib/server/cli-viewer";
import { db, useDatabase } from "../lib/server/db";
import { runEvaluation } from "../lib/server/evaluator/run";
import { getPosture } from "../lib/server/posture";
import { freshEmbedded, freshPostgres } from "./databases";
import { measurePopulationPages } from "./population-pages";
import { generateWorkspace, insertEvents } from "./workspace";

const CREDENTIALS = Number(process.env.BENCH_EVAL_CREDENTIALS ?? 100_000);
const EVENTS = Number(process.env.BENCH_EVAL_EVENTS ?? 1_000_000);
const FINDINGS = Number(process.env.BENCH_EVAL_FINDINGS ?? 10_000);
const NEW_EVENTS = 1000;
const CLIENTS = 20;
const POSTURE_REQUESTS = 400;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
}

/** The same kind of aggregation as one hand-written query over the flags and columns (no per-subject reasons). */
const RAW_AGGREGATION = sql`
  select
    count(*) filter (where owner_email is null and team is null) as r01_fail,
    count(*) filter (where environments is null or cardinality(environments) = 0) as r02_fail,
    count(*) filter (where agent_accessible and (expires_at is null or expires_at - created_at > interval '24 hours')) as r04_fail,
    count(*) filter (where agent_accessible and (environments is null or cardinality(environments) <> 1 or '*' = any(environments))) as r08_fail,
    count(*) filter (where agent_accessible and allowed_operations is null) as r09_fail,
    count(*) filter (where storage in ('plaintext', 'env_file')) as r20_fail,
    (select count(*) from activity_events where cross_env) as r15_fail,
    (select count(*) from activity_events where unapproved_destructive) as r16_fail,
    (select count(*) from activity_events where after_expiry) as r18_fail,
    (select count(*) from secret_findings sf join credentials c2 on c2.id = sf.credential_id where sf.resolved_at is null and c2.revoked_at is null) as r12_fail
  from credentials`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(label: string, opened: OpenedDatabase): Promise<void> {
  await opened.migrate();
  useDatabase(opened.db);
  const [, setupMs] = await timed(() => generateWorkspace({ credentials: CREDENTIALS, events: EVENTS, findings: FINDINGS }));
  console.log(`${label.padEnd(9)} workspace generated in ${seconds(setupMs)} (not part of the figures)`);

  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const firstCpu = process.cpuUsage();
  const [first, firstMs] = await timed(() => runEvaluation({ scope: "full" }, "bench", "bench"));
  const againCpu = process.cpuUsage();
  const [again, againMs] = await timed(() => runEvaluation({ scope: "full" }, "bench", "bench"));
  // This process's CPU time next to the wall time tells Node's share from the time spent waiting on the database.
  const cpuSeconds = (since: NodeJS.CpuUsage, until: NodeJS.CpuUsage) => seconds((until.user - since.user + until.system - since.system) / 1000);
  const done = process.cpuUsage();
  clearInterval(timer);
  const [, rawMs] = await timed(() => db().execute(RAW_AGGREGATION));
  console.log(
    `${label.padEnd(9)} full evaluation, first (every verdict and finding written): ${seconds(firstMs)} (this process's CPU ${cpuSeconds(firstCpu, againCpu)}) for ${first.subjects.toLocaleString("en")} subjects, ` +
      `${first.evaluations.toLocaleString("en")} evaluations, ${first.failed.toLocaleString("en")} failing`,
  );
  console.log(
    `${label.padEnd(9)} full evaluation, again (only changes written): ${seconds(againMs)} (this process's CPU ${cpuSeconds(againCpu, done)}; ${again.opened} opened, ${again.resolved} resolved); peak RSS ${(peak / 1_048_576).toFixed(0)} MB; ` +
      `one raw SQL aggregation of the same tables: ${seconds(rawMs)} (evaluation/raw: ${(againMs / rawMs).toFixed(0)}×)`,
  );

  await insertEvents(EVENTS + 1, EVENTS + NEW_EVENTS, CREDENTIALS);
  const fresh = (await db().execute(sql`select id, credential_id from activity_events where ingest_key in (select 'bench-' || g from generate_series(${EVENTS + 1}::int, ${EVENTS + NEW_EVENTS}::int) g)`)) as unknown as { rows: { id: string; credential_id: string }[] };
  const [incremental, incMs] = await timed(() =>
    runEvaluation({ scope: "incremental", subjects: { events: fresh.rows.map((r) => Number(r.id)), credentials: [...new Set(fresh.rows.map((r) => r.credential_id))] } }, "bench", "bench"),
  );
  console.log(`${label.padEnd(9)} incremental after ${NEW_EVENTS} new events: ${seconds(incMs)} (${incremental.subjects} subjects re-evaluated)`);

  const viewer = systemViewer("bench");
  const latencies: number[] = [];
  let next = 0;
  const [, wallMs] = await timed(() =>
    Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next++ < POSTURE_REQUESTS) {
          const [, ms] = await timed(() => getPosture(viewer, { framework: next % 2 ? "soc2" : "pci" }));
          latencies.push(ms);
        }
      }),
    ),
  );
  latencies.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(9)} posture read, ${CLIENTS} concurrent callers, ${latencies.length} reads in ${seconds(wallMs)}: ` +
      `p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms ` +
      `(in-process data function; the HTTP load run comes with the load benchmark)`,
  );
  await measurePopulationPages(label);
}

export async function benchEvaluation(): Promise<void> {
  console.log(
    `\n## Evaluation: ${CREDENTIALS.toLocaleString("en")} credentials + ${EVENTS.toLocaleString("en")} events + ${FINDINGS.toLocaleString("en")} secret findings ` +
      "(targets on Postgres: full ≤ 10 s, incremental ≤ 1 s, posture p95 ≤ 100 ms)",
  );
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) {
    const { opened, drop } = await freshPostgres(url, "evaluation");
    try {
      await measure("postgres", opened);
    } finally {
      await drop();
    }
  } else console.log("postgres  skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL)");
  if (process.env.BENCH_EVAL_EMBEDDED === "1") {
    const embedded = await freshEmbedded("evaluation");
    try {
      await measure("embedded", embedded.opened);
    } finally {
      await embedded.drop();
    }
  } else console.log("embedded  skipped (BENCH_EVAL_EMBEDDED=1 to include it)");
}
