import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { OpenedDatabase } from "@/db/client";
import { useDatabase } from "../db";
import { openTestDatabase } from "../testing/test-db";
import { EVALUATION_LOCK, runEvaluation } from "./run";

// Web processes and workers share one Postgres: an evaluation in one process must wait for a run another process
// holds, or both would compute tallies from half of each other's work. Here the other process is a plain connection
// holding the lock.

async function waiters(client: pg.Client): Promise<number> {
  const result = await client.query("select count(*)::int as n from pg_locks where locktype = 'advisory' and objid = $1 and not granted", [EVALUATION_LOCK]);
  return result.rows[0].n;
}

describe.skipIf(!process.env.TEST_DATABASE_URL)("evaluations across processes [postgres]", () => {
  let opened: OpenedDatabase & { url?: string };
  const other = () => new pg.Client({ connectionString: opened.url });

  beforeAll(async () => {
    opened = await openTestDatabase("postgres");
    useDatabase(opened.db);
  });
  afterAll(async () => {
    useDatabase(null);
    await opened?.close();
  });

  test("a run waits while another process holds the evaluation lock, and starts when it lets go", async () => {
    const holder = other();
    await holder.connect();
    await holder.query("select pg_advisory_lock($1)", [EVALUATION_LOCK]);
    let finished = false;
    const run = runEvaluation({ scope: "full" }, "test", "test").then((r) => ((finished = true), r));
    for (let i = 0; i < 200 && (await waiters(holder)) === 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(await waiters(holder)).toBe(1);
    expect(finished).toBe(false);
    await holder.query("select pg_advisory_unlock($1)", [EVALUATION_LOCK]);
    expect((await run).status).toBe("completed");
    // And it let go in turn: another process can take the lock at once.
    expect((await holder.query("select pg_try_advisory_lock($1) as got", [EVALUATION_LOCK])).rows[0].got).toBe(true);
    await holder.end();
  });
});
