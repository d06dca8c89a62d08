/**
 * Load (issue #8): a production build (`next start`) on Postgres seeded with N credentials and M events, under
 * 20, 50 and 100 concurrent clients (autocannon): the Overview page, the Credentials list with filters, the posture
 * API and event ingest — p50/p95/p99 latency, throughput and errors — then a mixed soak with the server's memory
 * sampled throughout. Sizes and durations: BENCH_LOAD_CREDENTIALS (100k), BENCH_LOAD_EVENTS (1M),
 * BENCH_LOAD_SECONDS per step (10), BENCH_SOAK_SECONDS (300). Needs `npm run build` first.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { encode } from "@auth/core/jwt";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import { users } from "../db/schema";
import { db, useDatabase } from "../lib/server/db";
import { runEvaluation } from "../lib/server/evaluator/run";
import { fillPostureHistory } from "../lib/server/posture";
import { rowsOf } from "../lib/server/sql-rows";
import { hashPassword } from "../lib/server/passwords";
import { createToken } from "../lib/server/tokens";
import { loadViewer } from "../lib/server/viewer";
import { freshPostgres } from "./databases";
import { rssOf } from "./process-rss";
import { generateWorkspace } from "./workspace";

const CREDENTIALS = Number(process.env.BENCH_LOAD_CREDENTIALS ?? 100_000);
const EVENTS = Number(process.env.BENCH_LOAD_EVENTS ?? 1_000_000);
const STEP_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 300);
const PORT = Number(process.env.BENCH_LOAD_PORT ?? 3900);
const CONCURRENCY = [20, 50, 100];
const SESSION_COOKIE = "authjs.session-token";

type Target = { name: string; request: (n: number) => autocannon.Request };

const mb = (bytes: number) => `${Math.round(bytes / 1_048_576)} MB`;

/** The deployment the guide describes: a web process that serves and a worker that runs jobs. */
async function startServer(url: string, secrets: Record<string, string>): Promise<ChildProcess[]> {
  const env = { ...process.env, ...secrets, DATABASE_URL: url, NODE_ENV: "production" as const, LEASH_SEED_DEMO: "never", LEASH_WEB_WORKERS: "0" };
  const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(PORT)], { env, stdio: ["ignore", "ignore", "inherit"] });
  const worker = spawn(process.execPath, ["cli/leash.mjs", "worker"], { env, stdio: ["ignore", "ignore", "inherit"] });
  for (let i = 0; i < 600; i++) {
    const ok = await fetch(`http://127.0.0.1:${PORT}/api/v1/health`).then((r) => r.ok, () => false);
    if (ok) return [server, worker];
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  server.kill();
  worker.kill();
  throw new Error("the server did not become healthy");
}

async function hit(target: Target, connections: number, seconds: number): Promise<autocannon.Result> {
  let n = 0;
  return autocannon({
    url: `http://127.0.0.1:${PORT}`,
    connections,
    duration: seconds,
    requests: [{ setupRequest: (req) => ({ ...req, ...target.request(n++) }) }],
  });
}

function line(label: string, r: autocannon.Result): string {
  const errors = r.errors + r.timeouts + r.non2xx;
  return `${label.padEnd(34)} ${String(Math.round(r.requests.average)).padStart(6)} req/s   p50 ${String(r.latency.p50).padStart(5)} ms   p95 ${String(r.latency.p90 >= 0 ? percentile(r, 95) : "-").padStart(5)} ms   p99 ${String(r.latency.p99).padStart(5)} ms   errors ${errors}`;
}

/** autocannon reports p90 and p97.5 but not p95: interpolate between them. */
function percentile(r: autocannon.Result, p: 95): number {
  return Math.round(r.latency.p90 + ((r.latency.p97_5 - r.latency.p90) * (p - 90)) / 7.5);
}

export async function benchLoad(): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) return console.log("\nload: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL to a Postgres server)");
  if (!existsSync(".next/BUILD_ID")) return console.log("\nload: skipped (run `npm run build` first: the load run measures the production build)");
  console.log(`\nload: next start on Postgres, ${CREDENTIALS.toLocaleString("en-US")} credentials, ${EVENTS.toLocaleString("en-US")} events, ${STEP_SECONDS} s per step, ${SOAK_SECONDS} s soak`);
  const { opened, url: target, drop } = await freshPostgres(url, "load");
  // Generated per run, never committed: the server's instance secrets.
  const secrets = { AUTH_SECRET: randomBytes(32).toString("base64"), LEASH_FINGERPRINT_KEY: randomBytes(32).toString("base64") };
  let processes: ChildProcess[] = [];
  try {
    await opened.migrate();
    useDatabase(opened.db);
    const seedStarted = performance.now();
    await generateWorkspace({ credentials: CREDENTIALS, events: EVENTS, findings: 10_000 });
    await runEvaluation({ scope: "full" }, "bench", "bench");
    await fillPostureHistory(90);
    const [admin] = await db().insert(users).values({ email: "load@bench.test", name: "Load", role: "admin", passwordHash: await hashPassword(randomBytes(16).toString("hex")) }).returning();
    const viewer = (await loadViewer(admin!.id, { via: "session" }))!;
    const token = (await createToken(viewer, { name: "load", scopes: ["admin"], expiresInDays: 1 })).token;
    console.log(`  seeded and evaluated in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s`);
    const cookie = `${SESSION_COOKIE}=${await encode({ token: { uid: admin!.id, sub: admin!.id }, secret: secrets.AUTH_SECRET, salt: SESSION_COOKIE })}`;

    processes = await startServer(target.toString(), secrets);
    const server = processes[0]!;
    // The start-up evaluation job runs on the worker first; the load starts on a settled instance.
    for (let jobs = 1; jobs > 0; await new Promise((resolve) => setTimeout(resolve, 1000))) {
      jobs = (await rowsOf<{ n: number }>(db(), sql`select count(*)::int as n from jobs where status not in ('succeeded', 'failed')`))[0]!.n;
    }
    const bearer = { authorization: `Bearer ${token}` };
    const targets: Target[] = [
      { name: "Overview page (session)", request: () => ({ method: "GET", path: "/overview", headers: { cookie } }) },
      { name: "Credentials list, filtered", request: (n) => ({ method: "GET", path: `/api/v1/credentials?provider=${["aws", "github", "railway"][n % 3]}&agent_accessible=true&limit=50`, headers: bearer }) },
      { name: "Posture API (SOC 2)", request: () => ({ method: "GET", path: "/api/v1/posture?framework=soc2", headers: bearer }) },
      {
        name: "Event ingest (10 events/request)",
        request: (n) => ({
          method: "POST",
          path: "/api/v1/events",
          headers: { ...bearer, "content-type": "application/x-ndjson" },
          body: Array.from({ length: 10 }, (_, i) => `{"event_id":"load-${process.pid}-${n}-${i}","occurred_at":"2026-11-20T10:00:00Z","actor":"svc-${n % 50}","operation":"GetObject","resource":"arn:aws:s3:::load/${n}","outcome":"success"}`).join("\n"),
        }),
      },
    ];
    for (const t of targets) {
      const r = t.request(0);
      const started = performance.now();
      const response = await fetch(`http://127.0.0.1:${PORT}${r.path}`, { method: r.method, headers: r.headers as Record<string, string>, body: r.body as string | undefined });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${t.name}: HTTP ${response.status} before any load`);
      console.log(`  first ${t.name}: ${response.status} in ${Math.round(performance.now() - started)} ms`);
    }
    const baseline = rssOf(server.pid!);
    for (const t of targets) {
      await hit(t, 5, 2); // warm the route (compilation caches, connection pool)
      for (const c of CONCURRENCY) console.log(`  ${line(`${t.name} × ${c}`, await hit(t, c, STEP_SECONDS))}`);
    }
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(rssOf(server.pid!)), 5_000);
    const mixed: Target = { name: "soak", request: (n) => targets[n % targets.length]!.request(n) };
    const soak = await hit(mixed, 20, SOAK_SECONDS);
    clearInterval(sampler);
    console.log(`  ${line(`Soak, mixed × 20 for ${SOAK_SECONDS} s`, soak)}`);
    const firstHalf = samples.slice(0, Math.ceil(samples.length / 2));
    const secondHalf = samples.slice(Math.ceil(samples.length / 2));
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    console.log(`  server RSS: ${mb(baseline)} before load, ${mb(Math.max(...samples))} peak in soak, ${mb(avg(firstHalf))} → ${mb(avg(secondHalf))} (first → second half average)`);
  } finally {
    for (const p of processes) p.kill("SIGTERM");
    useDatabase(null);
    await drop();
  }
}
