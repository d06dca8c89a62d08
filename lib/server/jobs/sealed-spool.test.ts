import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { sealedSpool } from "./sealed-spool";
import { folderSpool } from "./uploads";

// Uploads wait for their worker encrypted: what lands on disk (or in job_uploads) is never the plaintext, and only
// a complete, untouched upload of the same job under the same instance key reads back.

const folder = mkdtempSync(path.join(tmpdir(), "leash-sealed-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const instanceKey = randomBytes(32).toString("base64");
const spool = sealedSpool(folderSpool(folder), () => instanceKey);
const file = (jobId: string) => path.join(folder, `${jobId}.upload`);
let jobs = 0;
const nextJob = () => `00000000-0000-4000-8000-${String(++jobs).padStart(12, "0")}`;

async function* inChunks(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.byteLength; i += size) yield bytes.subarray(i, i + size);
}

async function readAll(jobId: string, onBytes?: (n: number) => void): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of spool.read(jobId, onBytes)) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

async function refusal(jobId: string): Promise<string> {
  return readAll(jobId).then(
    () => "read",
    (error: Error) => error.message,
  );
}

describe("sealed upload spool", () => {
  test.each([
    ["empty", 0, 1024],
    ["one byte", 1, 1024],
    ["exactly one record", 1_048_576, 65_536],
    ["records and a tail, in odd chunks", 2_621_447, 333_333],
    ["one huge chunk", 3_500_000, 3_500_000],
  ])("%s reads back byte for byte, and progress counts plaintext", async (_label, size, chunk) => {
    const plain = randomBytes(size);
    const jobId = nextJob();
    expect(await spool.write(jobId, inChunks(plain, chunk), size)).toBe(size);
    const seen: number[] = [];
    expect((await readAll(jobId, (n) => seen.push(n))).equals(plain)).toBe(true);
    expect(seen.at(-1) ?? 0).toBe(size);
  });

  test("the stored bytes do not contain what was sent", async () => {
    // A secret-shaped value generated here, never committed: it must not be found at rest.
    const secret = `sk_test_${randomBytes(24).toString("hex")}`;
    const plain = Buffer.from(`external_id,secret\nk-1,${secret}\n`.repeat(1000));
    const jobId = nextJob();
    await spool.write(jobId, inChunks(plain, 4096), plain.byteLength);
    const stored = readFileSync(file(jobId));
    expect(stored.includes(secret)).toBe(false);
    expect(stored.includes("external_id")).toBe(false);
    expect((await readAll(jobId)).equals(plain)).toBe(true);
  });

  test("the size limit is on what was sent, and past it nothing is kept", async () => {
    const plain = randomBytes(10_000);
    const jobId = nextJob();
    expect(await spool.write(jobId, inChunks(plain, 1000), 10_000)).toBe(10_000);
    const over = nextJob();
    await expect(spool.write(over, inChunks(plain, 1000), 9_999)).rejects.toMatchObject({ code: "too_large" });
    expect(await refusal(over)).toMatch(/no longer stored/);
  });

  describe("tampering is refused", () => {
    const plain = randomBytes(2_500_000);
    const stored = async () => {
      const jobId = nextJob();
      await spool.write(jobId, inChunks(plain, 65_536), plain.byteLength);
      return { jobId, bytes: readFileSync(file(jobId)) };
    };

    test("a flipped byte", async () => {
      const { jobId, bytes } = await stored();
      bytes[bytes.byteLength >> 1]! ^= 0x01;
      writeFileSync(file(jobId), bytes);
      expect(await refusal(jobId)).toMatch(/cannot be read back/);
    });

    test("a cut-short upload, mid-record and at a record boundary", async () => {
      const { jobId, bytes } = await stored();
      writeFileSync(file(jobId), bytes.subarray(0, bytes.byteLength - 100));
      expect(await refusal(jobId)).toMatch(/cannot be read back/);
      const firstRecord = 4 + bytes.readUInt32BE(0);
      writeFileSync(file(jobId), bytes.subarray(0, firstRecord));
      expect(await refusal(jobId)).toMatch(/cannot be read back/);
    });

    test("an upload moved to another job", async () => {
      const { jobId } = await stored();
      const other = nextJob();
      renameSync(file(jobId), file(other));
      expect(await refusal(other)).toMatch(/cannot be read back/);
    });

    test("an upload sealed under another instance key", async () => {
      const { jobId } = await stored();
      const otherInstance = sealedSpool(folderSpool(folder), () => randomBytes(32).toString("base64"));
      const read = async () => {
        for await (const chunk of otherInstance.read(jobId)) void chunk;
      };
      await expect(read()).rejects.toThrow(/cannot be read back/);
    });
  });
});
