import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "../db";
import { describeEachEngine } from "../testing/test-db";
import { storedPackageChunks, storePackageFile } from "./storage";

describeEachEngine("evidence package storage", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "leash-storage-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("a file stored in many chunks reads back byte for byte, in order", async () => {
    const bytes = randomBytes(1_000_003);
    const file = path.join(dir, "package.zip");
    writeFileSync(file, bytes);
    const id = "6f1d0c3e-8a4b-4c2d-9e1f-0a1b2c3d4e5f";
    await db().execute(sql`insert into evidence_keys (key_id, public_key_pem, private_key_encrypted) values ('storage-test', 'pem', 'sealed')`);
    const chunks = await db().transaction(async (tx) => {
      await tx.execute(sql`insert into evidence_packages (id, framework, scope, key_id, sha256, bytes, files, created_by)
        values (${id}, 'soc2', '{"kind":"as_of","asOf":"2026-11-26T00:00:00.000Z"}', 'storage-test', 'x', ${bytes.length}, 1, 'test')`);
      return storePackageFile(tx, id, file, 65_536);
    });
    expect(chunks).toBe(Math.ceil(bytes.length / 65_536));
    const read = async (packageId: string) => {
      const all: Buffer[] = [];
      for await (const chunk of storedPackageChunks(packageId)) all.push(chunk);
      return all;
    };
    const stored = await read(id);
    expect(stored).toHaveLength(chunks);
    expect(Buffer.concat(stored).equals(bytes)).toBe(true);
    expect(await read("00000000-0000-4000-8000-000000000000")).toEqual([]);
  });
});
