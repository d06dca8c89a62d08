/**
 * Evaluation at scale (DESIGN §10): a full evaluation of N credentials + M events + K secret findings, an
 * incremental one after 1k new events, and the posture read under 20 concurrent callers — each next to the time
 * of the same kind of aggregation written as one raw SQL query. Targets: full ≤ 10 s, incremental ≤ 1 s, posture
 * p95 ≤ 100 ms (Postgres). The workspace is generated with SQL (generate_series), so set-up is not measured.
 */
import { sql } from "drizzle-orm";
import { openDatabase, type OpenedDatabase } from "../db/client";
import { systemViewer } from "../lib/server/cli-viewer";
import { db, useDatabase } from "../lib/server/db";
import { runEvaluation } from "../lib/server/evaluator/run";
import { getPosture } from "../lib/server/posture";
import { freshPostgres } from "./postgres";

const CREDENTIALS = Number(process.env.BENCH_EVAL_CREDENTIALS ?? 100_000);
const EVENTS = Number(process.env.BENCH_EVAL_EVENTS ?? 1_000_000);
const FINDINGS = Number(process.env.BENCH_EVAL_FINDINGS ?? 10_000);
const NEW_EVENTS = 1000;
const CLIENTS = 20;
const POSTURE_REQUESTS = 400;

async function populate(): Promise<void> {
  const d = db();
  await d.execute(sql`insert into teams (name, slug) select 'Team ' || g, 'team-' || g from generate_series(1, 5) g`);
  await d.execute(sql`insert into sources (name, format) values ('bench', 'leash-json')`);
  await d.execute(sql`
    insert into credentials (source_id, external_id, team_id, name, provider, kind, principal, principal_type, team, environments,
      agent_accessible, allowed_operations, created_at, expires_at, last_rotated_at, last_used_at, status, storage, provenance)
    select (select id from sources limit 1), 'bench-' || g, (select id from teams order by slug offset (g % 5) limit 1), 'bench credential ' || g,
      (array['aws','github','railway','openai','stripe'])[1 + g % 5], 'api_token', 'svc-' || (g % 300),
      (array['human','service','agent'])[1 + g % 3]::principal_type, 'Team ' || (1 + g % 5),
      case g % 4 when 0 then array['production'] when 1 then array['staging'] when 2 then array['*'] else array[]::text[] end,
      g % 3 = 0, case when g % 2 = 0 then null else array['read'] end,
      now() - (g % 400) * interval '1 day', case when g % 5 = 0 then null else now() + (g % 200) * interval '1 day' end,
      now() - (g % 500) * interval '1 day', now() - (g % 120) * interval '1 day', 'active', (array['vault','plaintext','env_file','ci_secret'])[1 + g % 4]::storage_kind,
      '{"name":"source","provider":"source","kind":"source","principal":"source","principal_type":"source","team":"source","environments":"source","agent_accessible":"source","allowed_operations":"source","created_at":"source","expires_at":"source","last_rotated_at":"source","last_used_at":"source","status":"source","storage":"source"}'::jsonb
    from generate_series(1, ${CREDENTIALS}::int) g`);
  await d.execute(sql`
    insert into credential_versions (credential_id, version, valid_from, data, changed_fields, change_kind, changed_by)
    select id, 1, now() - interval '2 hours', jsonb_build_object('external_id', external_id, 'name', name, 'provider', provider, 'kind', kind,
      'principal', principal, 'principal_type', principal_type, 'team', team, 'environments', to_jsonb(environments), 'agent_accessible', agent_accessible,
      'allowed_operations', to_jsonb(allowed_operations), 'created_at', created_at, 'expires_at', expires_at, 'last_rotated_at', last_rotated_at,
      'last_used_at', last_used_at, 'status', status, 'storage', storage, 'provenance', provenance), array['name'], 'import', 'bench'
    from credentials`);
  await d.execute(sql`create table bench_creds as select row_number() over (order by id) as n, id, team_id from credentials`);
  await d.execute(sql`create index on bench_creds (n)`);
  await insertEvents(1, EVENTS);
  await d.execute(sql`insert into corpora (name, kind, agent_readable) select 'corpus ' || g, 'docs_export', g % 2 = 0 from generate_series(1, 20) g`);
  await d.execute(sql`
    insert into scan_runs (corpus_id, status, origin, scanner_version, started_at, finished_at, requested_by)
    select id, 'completed', 'cli', 'bench', now() - interval '3 hours', now() - interval '3 hours', 'bench' from corpora`);
  await d.execute(sql`
    insert into secret_findings (corpus_id, fingerprint, detector, kind, provider, title, confidence, severity, entropy_milli, preview,
      credential_id, first_seen_at, last_seen_at, last_run_id)
    select r.corpus_id, 'fp-' || g, 'bench', 'api_token', 'aws', 'bench', 'high', 'high', 4000, 'AKIA…0000',
      case when g % 2 = 0 then (select id from bench_creds where n = 1 + (g * 7) % ${CREDENTIALS}) end, now() - interval '3 hours', now() - interval '3 hours', r.id
    from generate_series(1, ${FINDINGS}::int) g join lateral (select id, corpus_id from scan_runs offset (g % 20) limit 1) r on true`);
  await d.execute(sql`analyze`);
}

async function insertEvents(from: number, to: number): Promise<void> {
  await db().execute(sql`
    insert into activity_events (ingest_key, format, occurred_at, ingested_at, credential_id, team_id, credential_key_id, actor, actor_type,
      attribution_reason, operation, raw_operation, destructive, destructive_reason, resource, resource_environment, environment_reason,
      outcome, origin, cross_env, after_expiry, unapproved_destructive, flagged, flag_reasons, payload)
    select 'bench-' || g, 'leash-ndjson', now() - interval '90 minutes' + (g % 3600) * interval '1 second', now() - interval '80 minutes' + (g % 3600) * interval '1 second',
      c.id, c.team_id, 'KEY' || c.n, 'svc-' || (g % 300), (array['human','agent','service','unknown'])[1 + g % 4]::actor_type, 'bench',
      (array['read','write','delete'])[1 + g % 3]::operation, (array['GetObject','PutObject','DeleteObject'])[1 + g % 3], g % 3 = 2, 'bench',
      'arn:aws:s3:::bucket-' || (g % 40), (array['production','staging','development'])[1 + g % 3]::environment, 'bench', 'success',
      '{}'::jsonb, false, false, false, false, '{"crossEnv":"","afterExpiry":"","unapprovedDestructive":""}'::jsonb, '{}'::jsonb
    from generate_series(${from}::int, ${to}::int) g join bench_creds c on c.n = 1 + g % ${CREDENTIALS}`);
}

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
  const [, setupMs] = await timed(populate);
  console.log(`${label.padEnd(9)} workspace generated in ${seconds(setupMs)} (not part of the figures)`);

  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const [first, firstMs] = await timed(() => runEvaluation({ scope: "full" }, "bench", "bench"));
  const [again, againMs] = await timed(() => runEvaluation({ scope: "full" }, "bench", "bench"));
  clearInterval(timer);
  const [, rawMs] = await timed(() => db().execute(RAW_AGGREGATION));
  console.log(
    `${label.padEnd(9)} full evaluation, first (every verdict and finding written): ${seconds(firstMs)} for ${first.subjects.toLocaleString("en")} subjects, ` +
      `${first.evaluations.toLocaleString("en")} evaluations, ${first.failed.toLocaleString("en")} failing`,
  );
  console.log(
    `${label.padEnd(9)} full evaluation, again (only changes written): ${seconds(againMs)} (${again.opened} opened, ${again.resolved} resolved); peak RSS ${(peak / 1_048_576).toFixed(0)} MB; ` +
      `one raw SQL aggregation of the same tables: ${seconds(rawMs)} (evaluation/raw: ${(againMs / rawMs).toFixed(0)}×)`,
  );

  await insertEvents(EVENTS + 1, EVENTS + NEW_EVENTS);
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
    const embedded = await openDatabase({ engine: "pglite" });
    await measure("embedded", embedded);
    await embedded.close();
  } else console.log("embedded  skipped (BENCH_EVAL_EMBEDDED=1 to include it)");
}
