import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase, type OpenedDatabase } from "../db/client";

/** A throwaway database on the Postgres server for one benchmark, dropped afterwards. */
export async function freshPostgres(url: string, label: string): Promise<{ opened: OpenedDatabase; url: string; drop: () => Promise<void> }> {
  const name = `leash_bench_${label}_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.query(`create database "${name}"`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const opened = await openDatabase({ engine: "postgres", url: target.toString() });
  return {
    opened,
    url: target.toString(),
    drop: async () => {
      await opened.close();
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

/**
 * A throwaway embedded database in a data folder of its own, removed afterwards: on disk as an installation keeps
 * it, so the process's memory is the work's and not the stored data's (an in-memory PGlite holds every row in RAM).
 */
export async function freshEmbedded(label: string): Promise<{ opened: OpenedDatabase; drop: () => Promise<void> }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `leash-bench-${label}-`));
  const opened = await openDatabase({ engine: "pglite", dataDir, holder: "bench" });
  return {
    opened,
    drop: async () => {
      await opened.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs `measure` on a fresh embedded database, then on a fresh database of the Postgres server named by
 * BENCH_DATABASE_URL (or TEST_DATABASE_URL) when one is, side by side in one run; each is dropped afterwards.
 */
export async function onBothEngines(label: string, measure: (engine: "embedded" | "postgres", opened: OpenedDatabase) => Promise<void>): Promise<void> {
  const embedded = await freshEmbedded(label);
  try {
    await measure("embedded", embedded.opened);
  } finally {
    await embedded.drop();
  }
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) {
    console.log("postgres  skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to measure on a Postgres server");
    return;
  }
  const postgres = await freshPostgres(url, label);
  try {
    await measure("postgres", postgres.opened);
  } finally {
    await postgres.drop();
  }
}
