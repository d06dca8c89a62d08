import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, expect, test } from "vitest";
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
