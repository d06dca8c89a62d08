import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, expect, test, vi } from "vitest";
import { TEST_DATABASE_PREFIX } from "@/lib/server/testing/test-db";
import { openDatabase } from "./client";

const folders: string[] = [];
const freshFolder = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "leash-client-"));
  folders.push(dir);
  return dir;
};
afterAll(() => Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true }))));

/** Memory outside V8's heap: where PGlite's WebAssembly memories are counted. */
const external = () => process.memoryUsage().external;

test("a new embedded data folder is created in another process: the memory creating it takes never enters this one", async () => {
  const start = external();
  const opened = await openDatabase({ engine: "pglite", dataDir: await freshFolder(), holder: "test" });
  const viaOpen = external() - start;
  try {
    await opened.migrate();
    const client = (opened.db as unknown as { $client: PGlite }).$client;
    expect((await client.query<{ one: number }>("select 1 as one")).rows).toEqual([{ one: 1 }]);
  } finally {
    await opened.close();
  }

  // An instance that creates the cluster itself, as the server's did: it holds the creation's memory as well.
  const before = external();
  const creator = await PGlite.create(path.join(await freshFolder(), "pgdata"));
  const viaCreate = external() - before;
  await creator.close();
  expect(viaOpen).toBeLessThan(viaCreate - 200 * 1_048_576);
  // Two clusters created and one migrated: on a loaded two-core machine that alone can pass the default 30 s.
}, 120_000);

test("a folder that cannot hold a cluster is named in the error", async () => {
  const dir = await freshFolder();
  // A file where the cluster's folder would go.
  await writeFile(path.join(dir, "pgdata"), "not a folder");
  await expect(openDatabase({ engine: "pglite", dataDir: dir, holder: "test" })).rejects.toThrow(`could not create the embedded database in ${path.join(dir, "pgdata")}`);
});

test.skipIf(!process.env.TEST_DATABASE_URL)("a Postgres database's close returns once its connections have closed, so the database can be dropped at once", async () => {
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  const name = `${TEST_DATABASE_PREFIX}close_${randomBytes(4).toString("hex")}`;
  await admin.query(`create database "${name}"`);
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  const lost = vi.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    const opened = await openDatabase({ engine: "postgres", url: url.toString(), poolSize: 8 });
    const pool = (opened.db as unknown as { $client: pg.Pool }).$client;
    const sockets: { destroyed: boolean }[] = [];
    pool.on("connect", (client) => sockets.push((client as unknown as { connection: { stream: { destroyed: boolean } } }).connection.stream));
    // Eight connections at once, each busy until all have started.
    await Promise.all(Array.from({ length: 8 }, () => opened.db.execute(sql`select pg_sleep(0.05)`)));
    await opened.close();
    expect(sockets.length).toBeGreaterThan(1);
    expect(sockets.filter((socket) => !socket.destroyed)).toEqual([]);
    // Dropping the database at once cuts nothing off: a connection still closing would report itself lost.
    await admin.query(`drop database "${name}" with (force)`);
    expect(lost.mock.calls.map(([message]) => String(message))).toEqual([]);
  } finally {
    lost.mockRestore();
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
});
