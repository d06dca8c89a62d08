import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { cliTest, leash, migratedDataDir } from "./testing/leash-process";

// Evidence signing keys, export and verification, through the CLI as a user runs it.

cliTest("leash evidence rotate-key retires the signing key; both keys stay published, the new one is current", async () => {
  const dir = await migratedDataDir("leash-cli-keys-");
  const before = await leash(dir, ["evidence", "public-key"]);
  expect(before.code).toBe(0);
  const rotated = await leash(dir, ["evidence", "rotate-key"]);
  expect(rotated.code).toBe(0);
  expect(rotated.stdout).toMatch(/^New signing key \S+; the previous key is retired/);
  const current = await leash(dir, ["evidence", "public-key"]);
  const all = await leash(dir, ["evidence", "public-key", "--all"]);
  expect(current.stdout).not.toBe(before.stdout);
  expect(rotated.stdout).toContain(current.stdout);
  expect(all.stdout).toContain(before.stdout);
  expect(all.stdout).toContain(current.stdout);
  // A package names its key id: that key is printed alone, after it is retired too.
  const rotatedId = /^New signing key (\S+);/.exec(rotated.stdout)![1]!;
  expect((await leash(dir, ["evidence", "rotate-key"])).code).toBe(0);
  const retired = await leash(dir, ["evidence", "public-key", "--key-id", rotatedId]);
  expect([retired.code, retired.stdout]).toEqual([0, current.stdout]);
  const unknown = await leash(dir, ["evidence", "public-key", "--key-id", "no-such-key"]);
  expect(unknown.code).not.toBe(0);
  expect(unknown.stderr).toContain(`--key-id no-such-key: no such evidence signing key here; the keys are `);
  expect(unknown.stderr).toContain(rotatedId);
});

cliTest("leash evidence export writes the stored package as it streams; leash evidence verify checks it from the file", async () => {
  const dir = await migratedDataDir("leash-cli-evidence-");
  expect((await leash(dir, ["seed", "demo"])).code).toBe(0);
  const zip = path.join(dir, "package.zip");
  const exported = await leash(dir, ["evidence", "export", "--framework", "soc2", "--out", zip]);
  expect(exported.code, exported.stderr).toBe(0);
  const [, bytes, sha256] = /, (\d+) bytes, sha256 ([0-9a-f]{64}),/.exec(exported.stdout)!;
  const written = readFileSync(zip);
  expect(written.length).toBe(Number(bytes));
  expect(createHash("sha256").update(written).digest("hex")).toBe(sha256);
  writeFileSync(path.join(dir, "key.pem"), (await leash(dir, ["evidence", "public-key"])).stdout);
  const verified = await leash(dir, ["evidence", "verify", zip, "--public-key", path.join(dir, "key.pem")]);
  expect(verified.code, verified.stdout).toBe(0);
  expect(verified.stdout).toMatch(/: OK — signed by key \S+, \d+ files match the manifest/);
  // A wrong key file or a missing package is an error of the check (exit 2), never a "signature does not verify" (exit 1).
  writeFileSync(path.join(dir, "notes.txt"), "not a key\n");
  const wrongFile = await leash(dir, ["evidence", "verify", zip, "--public-key", path.join(dir, "notes.txt")]);
  expect(wrongFile).toMatchObject({ code: 2, stdout: "" });
  expect(wrongFile.stderr).toMatch(/--public-key \S+notes\.txt: not a PEM public key/);
  const missing = await leash(dir, ["evidence", "verify", path.join(dir, "nowhere.zip"), "--public-key", path.join(dir, "key.pem")]);
  expect(missing).toMatchObject({ code: 2, stderr: expect.stringMatching(/no such file: \S+nowhere\.zip/) });
  // A period's end may be given as the instant its day begins (UTC); any other instant is refused naming the flag.
  const midnight = await leash(dir, ["evidence", "export", "--framework", "soc2", "--from", "2026-11-20T00:00:00Z", "--to", "2026-11-19", "--out", zip]);
  expect([midnight.code, midnight.stderr]).toEqual([2, expect.stringContaining("must not be before the first day")]);
  expect(midnight.stderr).not.toContain("from");
  const morning = await leash(dir, ["evidence", "export", "--framework", "soc2", "--from", "2026-11-20T05:00:00Z", "--to", "2026-11-21", "--out", zip]);
  expect([morning.code, morning.stderr]).toEqual([2, expect.stringContaining('--from must be a day, YYYY-MM-DD (a period is whole UTC days), not "2026-11-20T05:00:00Z"')]);
});
