import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe } from "vitest";
import pg from "pg";
import { openDatabase, type OpenedDatabase } from "@/db/client";
import { useDatabase } from "../db";
import { LocalJobQueue } from "../jobs/queue";
import { useJobQueue } from "../jobs/submit";

export type Engine = "pglite" | "postgres";

/** PGlite always; a Postgres server too when TEST_DATABASE_URL is set (CI sets it). */
export function testEngines(): Engine[] {
  return process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

export const TEST_DATABASE_PREFIX = "leash_test_";

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A migrated, empty database of its own: in memory for PGlite, a fresh database on the server for Postgres. */
export async function openTestDatabase(engine: Engine): Promise<OpenedDatabase & { url?: string }> {
  if (engine === "pglite") {
    const opened = await openDatabase({ engine: "pglite" });
    await opened.migrate();
    return opened;
  }
  const name = `${TEST_DATABASE_PREFIX}${process.env.LEASH_TEST_RUN ?? "run"}_${randomBytes(4).toString("hex")}`;
  await adminQuery(`create database "${name}"`);
  const url = withDatabase(process.env.TEST_DATABASE_URL!, name);
  const opened = await openDatabase({ engine: "postgres", url, poolSize: 4 });
  await opened.migrate();
  return {
    ...opened,
    url,
    close: async () => {
      await opened.close();
      await adminQuery(`drop database if exists "${name}" with (force)`);
    },
  };
}

/**
 * Runs a suite once per engine, each on its own fresh database installed as the process's database.
 * `ready` resolves to the opened database for tests that need raw access.
 */
export function describeEachEngine(name: string, suite: (ctx: { engine: Engine; database: () => OpenedDatabase }) => void): void {
  for (const engine of testEngines()) {
    describe(`${name} [${engine}]`, () => {
      let opened: OpenedDatabase | null = null;
      let queue: LocalJobQueue | null = null;
      beforeAll(async () => {
        opened = await openTestDatabase(engine);
        useDatabase(opened.db);
        // Routes that submit jobs run them in this process, as on the embedded database (retries 10 ms apart).
        queue = new LocalJobQueue(path.join(tmpdir(), `leash-test-uploads-${randomBytes(4).toString("hex")}`), 10);
        useJobQueue(queue);
      });
      afterAll(async () => {
        await queue?.stop(); // a job still running finishes before its database closes
        useJobQueue(null);
        useDatabase(null);
        await opened?.close();
      });
      suite({
        engine,
        database: () => {
          if (!opened) throw new Error("database not open yet");
          return opened;
        },
      });
    });
  }
}
