import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { readZipEntries } from "./read-zip";
import { zipPackage } from "./zip";

const MTIME = new Date("2026-11-26T10:15:42.000Z");

function entries() {
  const rows = Array.from({ length: 20_000 }, (_, i) => `row ${i},CC6.1,"reason ${i % 7}"\r\n`).join("");
  return [
    { path: "manifest.json", bytes: Buffer.from('{"format":"leash-evidence/1"}\n') },
    { path: "populations/CC6.1.csv", bytes: Buffer.from(rows) },
    { path: "report.pdf", bytes: Buffer.from("%PDF-1.3 stored as is") },
    { path: "ünïcode/naïve.txt", bytes: Buffer.from("names are UTF-8") },
    { path: "empty.txt", bytes: Buffer.alloc(0) },
  ];
}

describe("zip container", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "leash-zip-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const forceZip64 of [false, true]) {
    test(`${forceZip64 ? "with ZIP64 records" : "classic"}: every entry reads back, and Info-ZIP's unzip tests it clean`, async () => {
      const zip = await zipPackage(entries(), MTIME, { forceZip64 });
      // The ZIP64 end of central directory record and its locator, only when asked for (or needed).
      const zip64Records = [0x06064b50, 0x07064b50].map((signature) => zip.includes(Buffer.from(new Uint32Array([signature]).buffer)));
      expect(zip64Records).toEqual([forceZip64, forceZip64]);
      const read = await readZipEntries(zip);
      expect([...read.keys()]).toEqual(entries().map((e) => e.path));
      for (const e of entries()) expect(read.get(e.path)!.equals(e.bytes)).toBe(true);
      const file = path.join(dir, `${forceZip64 ? "zip64" : "classic"}.zip`);
      writeFileSync(file, zip);
      const tested = execFileSync("unzip", ["-t", file], { encoding: "utf8" });
      expect(tested).toContain("No errors detected");
      const listing = execFileSync("unzip", ["-Z", "-l", file], { encoding: "utf8" });
      // Deflated CSV (at the fastest level: "S"), stored PDF, a regular file readable by all, made on Unix to
      // APPNOTE 4.5, with the instant's UTC date and time.
      expect(listing).toMatch(/-rw-r--r-- {2}4\.5 unx .* defS 26-Nov-26 10:15 populations\/CC6\.1\.csv/);
      expect(listing).toMatch(/stor 26-Nov-26 10:15 report\.pdf/);
    });
  }

  test("the same entries give the same bytes, whatever the process's time zone", async () => {
    const a = await zipPackage(entries(), MTIME);
    const b = await zipPackage(entries(), MTIME);
    expect(a.equals(b)).toBe(true);
    const zone = process.env.TZ;
    process.env.TZ = "Pacific/Chatham";
    try {
      expect((await zipPackage(entries(), MTIME)).equals(a)).toBe(true);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});
