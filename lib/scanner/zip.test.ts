import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { fromSpec, TOKEN_SPECS } from "../../bench/scanner/fakes";
import { Rng } from "../../bench/scanner/prng";
import { buildZip } from "../../bench/scanner/zip-writer";
import { scanZip, unsafeEntryName, ZIP_LIMITS } from "./zip";

// Hostile archives beyond scan.test.ts's "../" entry and oversized entry: bombs that pass the size check, headers
// that lie about their size, and every spelling of a path outside the archive.

const KEY = "zip-test-key";
const rng = new Rng(2718);
const gitlab = () => `GITLAB=${fromSpec(TOKEN_SPECS.find((t) => t.id === "gitlab-pat")!, rng)}\n`;
let dir = "";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "leash-zip-"));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function scan(name: string, zip: Buffer) {
  await writeFile(join(dir, name), zip);
  return scanZip(join(dir, name), name, { fingerprintKey: KEY });
}

/** Rewrites an entry's uncompressed size in its local and central headers, as a forged archive would. */
function lieAboutSize(zip: Buffer, entryName: string, size: number): Buffer {
  const out = Buffer.from(zip);
  for (let at = out.indexOf(entryName); at !== -1; at = out.indexOf(entryName, at + 1)) {
    const local = at >= 30 && out.readUInt32LE(at - 30) === 0x04034b50;
    const central = at >= 46 && out.readUInt32LE(at - 46) === 0x02014b50;
    if (local) out.writeUInt32LE(size, at - 30 + 22);
    if (central) out.writeUInt32LE(size, at - 46 + 24);
  }
  return out;
}

test("an entry under the size limit that inflates 1000:1 is refused by its ratio without being inflated", async () => {
  const bomb = buildZip([{ name: "export/huge.txt", data: Buffer.alloc(ZIP_LIMITS.maxEntryBytes / 2) }, { name: "export/ok.env", data: gitlab() }]);
  expect(bomb.length).toBeLessThan(64 * 1024);
  const result = await scan("ratio.zip", bomb);
  expect(result.skipped).toEqual([{ entry: "export/huge.txt", reason: "compression ratio" }]);
  expect(result.findings.map((f) => f.file)).toEqual(["ratio.zip!export/ok.env"]);
});

test("an entry whose header claims a small size but inflates past it is cut off at the claim", async () => {
  const forged = lieAboutSize(buildZip([{ name: "liar.txt", data: `${gitlab()}${"A".repeat(4 * 1024 * 1024)}` }, { name: "after.env", data: gitlab() }]), "liar.txt", 100);
  const result = await scan("liar.zip", forged);
  expect(result.skipped).toEqual([{ entry: "liar.txt", reason: expect.stringMatching(/too many bytes|size/i) }]);
  expect(result.findings.map((f) => f.file)).toEqual(["liar.zip!after.env"]);
});

test("an entry whose name holds a NUL character is skipped, saying so; the others are scanned", async () => {
  const result = await scan("nul.zip", buildZip([{ name: "a\u0000b.env", data: gitlab() }, { name: "ok.env", data: gitlab() }]));
  expect(result.skipped).toEqual([{ entry: "a\u0000b.env", reason: "NUL character in the name" }]);
  expect(result.findings.map((f) => f.file)).toEqual(["nul.zip!ok.env"]);
});

test("traversal, absolute, drive-letter and backslash entry names are refused; nothing is extracted anywhere", async () => {
  const names = ["../up.env", "a/../../up.env", "..\\up.env", "a\\..\\..\\up.env", "/etc/up.env", "C:\\up.env", "c:/up.env", "\\\\server\\share\\up.env"];
  for (const name of names) expect(unsafeEntryName(name), name).toBe(true);
  for (const name of ["a/b.env", "..hidden/x.env", "a/..b/c.env", "dots...env"]) expect(unsafeEntryName(name), name).toBe(false);
  const before = await readdir(dir);
  const result = await scan("names.zip", buildZip(names.map((name) => ({ name, data: gitlab() }))));
  expect(result.findings).toEqual([]);
  expect(result.skipped.map((s) => [s.entry, s.reason])).toEqual(names.map((name) => [name, "path escape"]));
  expect((await readdir(dir)).sort()).toEqual([...before, "names.zip"].sort());
});

test("archives inside archives are scanned as `outer.zip!inner.zip!path`, to a depth of three; Windows `\\` names read as `/`", async () => {
  const deep = buildZip([{ name: "secrets/.env", data: gitlab() }]);
  const level3 = buildZip([{ name: "level4.zip", data: deep }, { name: "notes/.env", data: gitlab() }]);
  const level2 = buildZip([{ name: "Part-1/level3.zip", data: level3 }, { name: "Private & Shared\\keys.env", data: gitlab() }]);
  const result = await scan("export.zip", buildZip([{ name: "Export-Part-1.zip", data: level2 }, { name: "top.env", data: gitlab() }]));
  expect(result.findings.map((f) => [f.file, f.context?.entry])).toEqual([
    ["export.zip!Export-Part-1.zip!Part-1/level3.zip!notes/.env", "Export-Part-1.zip!Part-1/level3.zip!notes/.env"],
    ["export.zip!Export-Part-1.zip!Private & Shared/keys.env", "Export-Part-1.zip!Private & Shared/keys.env"],
    ["export.zip!top.env", "top.env"],
  ]);
  expect(result.skipped).toEqual([{ entry: "Export-Part-1.zip!Part-1/level3.zip!level4.zip", reason: "archive nesting limit" }]);
});

test("entries past the entry limit are not read: the first one is reported as skipped and the archive is closed", async () => {
  const entries = ["a", "b", "c", "d", "e"].map((n) => ({ name: `export/${n}.env`, data: gitlab() }));
  await writeFile(join(dir, "many.zip"), buildZip(entries));
  const result = await scanZip(join(dir, "many.zip"), "many.zip", { fingerprintKey: KEY }, { ...ZIP_LIMITS, maxEntries: 3 });
  expect(result.findings.map((f) => f.file)).toEqual(["many.zip!export/a.env", "many.zip!export/b.env", "many.zip!export/c.env"]);
  expect(result.skipped).toEqual([{ entry: "export/d.env", reason: "entry limit" }]);
});

test("archives inside an archive share its entry budget: a nested archive cannot reset the count", async () => {
  const inner = buildZip(["x", "y", "z"].map((n) => ({ name: `${n}.env`, data: gitlab() })));
  await writeFile(join(dir, "nested-many.zip"), buildZip([{ name: "a.env", data: gitlab() }, { name: "inner.zip", data: inner }]));
  const result = await scanZip(join(dir, "nested-many.zip"), "nested-many.zip", { fingerprintKey: KEY }, { ...ZIP_LIMITS, maxEntries: 3 });
  expect(result.findings.map((f) => f.file)).toEqual(["nested-many.zip!a.env", "nested-many.zip!inner.zip!x.env"]);
  expect(result.skipped).toEqual([{ entry: "inner.zip!y.env", reason: "entry limit" }]);
});
