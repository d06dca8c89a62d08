import { spawn, type ChildProcess } from "node:child_process";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { OpenedDatabase } from "@/db/client";
import { db, useDatabase } from "../db";
import { authSecret, fingerprintKey } from "../instance-secrets";
import { rowsOf } from "../sql-rows";
import { seedIdentity, type IdentityFixture } from "../testing/fixtures";
import { waitFor } from "../testing/wait-for";
import { openTestDatabase } from "../testing/test-db";
import { PgBossJobQueue } from "./queue";
import { submitJob, useJobQueue } from "./submit";

// Fault test on Postgres: two `leash worker` processes drain a queue of mixed jobs; one is killed with SIGKILL
// while it holds a job. Every job must still complete exactly once in effect.

const IMPORTS = 4;
const ROWS_PER_IMPORT = 1_000;
const INGESTS = 3;
const EVENTS_PER_INGEST = 5_000;

async function* text(body: string): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < body.length; i += 65_536) yield Buffer.from(body.slice(i, i + 65_536));
}

function credentialsCsv(job: number): string {
  const rows = Array.from({ length: ROWS_PER_IMPORT }, (_, i) => `w${job}-${i},Worker key ${i},aws,access_key,Team A,production,${i % 2 === 0}`);
  return ["external_id,name,provider,kind,team,environments,agent_accessible", ...rows].join("\n") + "\n";
}

function eventsNdjson(job: number): string {
  const base = Date.UTC(2026, 9, 1);
  let out = "";
  for (let i = 0; i < EVENTS_PER_INGEST; i++) {
    out += `{"event_id":"w${job}-${i}","occurred_at":"${new Date(base + i * 1000).toISOString()}","credential":{"external_id":"w${job}-${i % ROWS_PER_IMPORT}"},"actor":"svc-${i % 50}","operation":"${i % 7 === 0 ? "DeleteObject" : "GetObject"}","resource":"arn:aws:s3:::bucket-${i % 9}/o-${i}","outcome":"success"}\n`;
  }
  return out;
}

const output: string[] = [];

function startWorker(url: string, secrets: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ["cli/leash.mjs", "worker", "--concurrency", "2"], {
    env: { ...process.env, ...secrets, DATABASE_URL: url, LEASH_JOB_HEARTBEAT_SECONDS: "10", LEASH_JOB_SUPERVISE_SECONDS: "1", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Kept to explain a failure: what each worker said.
  child.stdout!.on("data", (d: Buffer) => output.push(`[${child.pid}] ${d}`));
  child.stderr!.on("data", (d: Buffer) => output.push(`[${child.pid}] ${d}`));
  return child;
}

describe.skipIf(!process.env.TEST_DATABASE_URL)("two workers, one killed mid-job [postgres]", () => {
  let opened: OpenedDatabase & { url?: string };
  let queue: PgBossJobQueue;
  let f: IdentityFixture;
  const workers: ChildProcess[] = [];
  // The instance keys every process of an instance shares: this process seals uploads, the worker opens them.
  const secrets = { AUTH_SECRET: authSecret(), LEASH_FINGERPRINT_KEY: fingerprintKey() };

  beforeAll(async () => {
    opened = await openTestDatabase("postgres");
    useDatabase(opened.db);
    f = await seedIdentity();
    queue = new PgBossJobQueue(databaseUrl());
    await queue.start(0, "test");
    useJobQueue(queue);
  });

  afterAll(async () => {
    for (const w of workers) w.kill("SIGKILL");
    await queue?.stop();
    useJobQueue(null);
    useDatabase(null);
    await opened?.close();
  });

  const databaseUrl = () => opened.url!;

  test("every job succeeds once: no duplicate events, findings or packages, no half-written import", { timeout: 240_000 }, async () => {
    const ids: string[] = [];
    for (let i = 0; i < IMPORTS; i++) {
      ids.push((await submitJob(f.admin, { kind: "import", input: { format: "leash-csv", source: `worker-${i}`, fileName: `w${i}.csv` }, upload: { stream: text(credentialsCsv(i)), maxBytes: 1e8 } }))!);
    }
    for (let i = 0; i < INGESTS; i++) {
      ids.push((await submitJob(f.admin, { kind: "ingest", input: { format: "leash-ndjson", fileName: `w${i}.ndjson` }, upload: { stream: text(eventsNdjson(i)), maxBytes: 1e9 } }))!);
    }
    ids.push((await submitJob(f.admin, { kind: "evaluation", input: { trigger: "manual" } }))!);
    ids.push((await submitJob(f.admin, { kind: "evidence", input: { framework: "soc2" } }))!);

    const doomed = startWorker(databaseUrl(), secrets);
    workers.push(doomed, startWorker(databaseUrl(), secrets));
    // Freeze the first worker as soon as it holds a job, note what it holds, and kill it: mid-way through.
    await waitFor(
      "the first worker to start a job",
      async () => ((await rowsOf<{ n: number }>(db(), sql`select count(*)::int as n from jobs where status = 'running' and worker like ${`% %:${doomed.pid}`}`))[0]!.n > 0 ? true : null),
      90_000,
    );
    doomed.kill("SIGSTOP");
    const held = (await rowsOf<{ id: string }>(db(), sql`select id from jobs where status = 'running' and worker like ${`% %:${doomed.pid}`}`)).map((r) => r.id);
    doomed.kill("SIGKILL");
    expect(held.length).toBeGreaterThan(0);

    await waitFor(
      "every job to finish",
      async () => ((await rowsOf<{ n: number }>(db(), sql`select count(*)::int as n from jobs where status not in ('succeeded', 'failed')`))[0]!.n === 0 ? true : null),
      200_000,
    ).catch(async (error: Error) => {
      const states = await rowsOf(db(), sql`select kind, status, attempts, worker, error from jobs order by created_at`);
      throw new Error(`${error.message}\njobs: ${JSON.stringify(states)}\nworkers:\n${output.join("").slice(-4000)}`);
    });
    const jobs = await rowsOf<{ id: string; kind: string; status: string; attempts: number; error: unknown }>(db(), sql`select id, kind, status, attempts, error from jobs`);
    expect(jobs.filter((j) => j.status !== "succeeded")).toEqual([]);
    expect(jobs).toHaveLength(ids.length);
    for (const id of held) expect(jobs.find((j) => j.id === id)!.attempts).toBeGreaterThanOrEqual(2);

    const one = async (statement: ReturnType<typeof sql>) => (await rowsOf<{ n: number }>(db(), statement))[0]!.n;
    expect(await one(sql`select count(*)::int as n from activity_events`)).toBe(INGESTS * EVENTS_PER_INGEST);
    expect(await one(sql`select count(*)::int as n from import_runs where status = 'applied'`)).toBe(IMPORTS);
    expect(await one(sql`select count(*)::int as n from import_runs`)).toBe(IMPORTS);
    expect(await one(sql`select count(*)::int as n from credentials`)).toBe(IMPORTS * ROWS_PER_IMPORT);
    expect(await one(sql`select count(*)::int as n from credential_versions`)).toBe(IMPORTS * ROWS_PER_IMPORT);
    expect(await one(sql`select count(*)::int as n from evidence_packages`)).toBe(1);
    expect(await one(sql`select count(*)::int as n from (select rule_id, subject_kind, subject_id from findings group by 1, 2, 3 having count(*) > 1) d`)).toBe(0);
    expect(await one(sql`select count(*)::int as n from job_uploads`)).toBe(0);
  });
});
