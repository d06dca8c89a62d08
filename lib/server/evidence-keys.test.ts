import { beforeEach, expect, test } from "vitest";
import { sql } from "drizzle-orm";
import { systemViewer } from "./cli-viewer";
import { db } from "./db";
import { resetEnvForTests } from "./env";
import { currentSigningKey, publicKeys, rotateSigningKey } from "./evidence-keys";
import { rowsOf } from "./sql-rows";
import { prepareDatabase } from "./startup";
import { describeEachEngine } from "./testing/test-db";

type KeyRow = { key_id: string; retired: boolean };

const keyRows = () => rowsOf<KeyRow>(db(), sql`select key_id, retired_at is not null as retired from evidence_keys order by created_at, key_id`);
const currentIds = async () => (await keyRows()).filter((k) => !k.retired).map((k) => k.key_id);

describeEachEngine("evidence signing keys", ({ database }) => {
  const admin = systemViewer("key test");

  // Each test starts as a new instance does: no key at all (no package here refers to one).
  beforeEach(async () => {
    await db().execute(sql`delete from evidence_keys`);
  });

  test("concurrent first uses on an instance without a key create exactly one, and all of them name it", async () => {
    // On Postgres, open the pool's connections first, so the uses run side by side rather than one after the other.
    await Promise.all([1, 2, 3, 4].map(() => db().execute(sql`select pg_sleep(0.02)`)));
    const [listedA, signing, listedB, signingAgain] = await Promise.all([publicKeys(), currentSigningKey(), publicKeys(), currentSigningKey()]);
    const current = await currentIds();
    expect(current).toHaveLength(1);
    expect((await keyRows()).length).toBe(1);
    expect([signing.keyId, signingAgain.keyId]).toEqual([current[0], current[0]]);
    for (const listed of [listedA, listedB]) expect(listed.map((k) => [k.keyId, k.current])).toEqual([[current[0], true]]);
  });

  test("the server's start creates the key, and a later start keeps it", async () => {
    process.env.LEASH_SEED_DEMO = "never"; // the embedded test database is an empty workspace: no demo load here
    resetEnvForTests();
    try {
      await prepareDatabase(database());
      const created = await currentIds();
      expect(created).toHaveLength(1);
      await prepareDatabase(database());
      expect(await keyRows()).toEqual([{ key_id: created[0], retired: false }]);
    } finally {
      delete process.env.LEASH_SEED_DEMO;
      resetEnvForTests();
    }
  });

  test("rotations interleaved with each other and with first uses leave one current key, the rest retired", async () => {
    const rotated = await Promise.all([rotateSigningKey(admin), publicKeys(), rotateSigningKey(admin), currentSigningKey(), rotateSigningKey(admin)]);
    const rows = await keyRows();
    const current = rows.filter((k) => !k.retired).map((k) => k.key_id);
    expect(current).toHaveLength(1);
    // Each rotation made a key of its own, and the one left current is one of them: the last to run.
    const made = new Set([rotated[0], rotated[2], rotated[4]].map((k) => k.keyId));
    expect(made.size).toBe(3);
    expect(made.has(current[0]!)).toBe(true);
    expect((await currentSigningKey()).keyId).toBe(current[0]);
  });

  test("an instance left with several current keys keeps the oldest and retires the others, still published", async () => {
    // What concurrent first uses produced before creation took the lock: three keys, all current.
    await rotateSigningKey(admin);
    await rotateSigningKey(admin);
    await rotateSigningKey(admin);
    await db().execute(sql`update evidence_keys set retired_at = null`);
    const all = (await keyRows()).map((k) => k.key_id);
    expect(all).toHaveLength(3);

    const listed = await publicKeys();
    expect(listed.map((k) => [k.keyId, k.current])).toEqual([[all[0], true], [all[1], false], [all[2], false]]);
    expect((await currentSigningKey()).keyId).toBe(all[0]);
    const [audited] = await rowsOf<{ details: { kept: string; retired: string[] } }>(db(), sql`select details from audit_log where action = 'evidence.retire_extra_keys' order by seq desc limit 1`);
    expect(audited?.details).toEqual({ kept: all[0], retired: [all[1], all[2]] });
  });
});
