import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { assemblePackage, readmeText } from "./assemble";
import { countRecords } from "./manifest";
import { readZipEntries } from "./read-zip";
import { generateSigningKeyPair } from "./signing";
import { Spool } from "./spool";
import { verifyPackage } from "./verify";
import { zipPackage } from "./zip";

const current = generateSigningKeyPair();
const retired = generateSigningKeyPair();
const other = generateSigningKeyPair();

const META = {
  package: "0f9b1c44-5d2e-4c7a-9e51-2b7d3c1a8e60",
  generator: { name: "Leash" as const, version: "0.1.0" },
  framework: { id: "soc2", name: "SOC 2" },
  scope: { kind: "as_of" as const, asOf: "2026-11-20T00:00:00.000Z" },
  generatedAt: "2026-11-25T12:00:00.000Z",
  generatedBy: "auditor@example.test",
  rules: { version: "2026.11.1", parametersVersion: 2, parametersHash: "abc123" },
  completeness: { credentials: { inventory: 2, importRuns: 2 } },
};

function files(): { path: string; bytes: Buffer }[] {
  return [
    { path: "README.txt", bytes: Buffer.from(readmeText(META, current.keyId)) },
    { path: "summary/controls.csv", bytes: Buffer.from('control,status\r\nCC6.1,not_effective\r\n"CC6.2","multi\r\nline"\r\n') },
    { path: "audit/audit-log.jsonl", bytes: Buffer.from('{"seq":1}\n{"seq":2}\n{"seq":3}\n') },
    { path: "report.pdf", bytes: Buffer.from("%PDF-1.3 not really a pdf") },
  ];
}

/** A package assembled from spooled files, its zip read back into memory. */
async function build(key = current, extra: { path: string; bytes: Buffer }[] = []) {
  const spool = await Spool.create();
  try {
    const spooled = await Promise.all([...files(), ...extra].map((f) => spool.bytes(f.path, f.bytes)));
    const built = await assemblePackage({ manifest: META, files: spooled, key, spool });
    return { ...built, zip: readFileSync(built.file) };
  } finally {
    await spool.dispose();
  }
}

async function rezip(zip: Buffer, change: (entries: Map<string, Buffer>) => void): Promise<Buffer> {
  const entries = await readZipEntries(zip);
  change(entries);
  return zipPackage([...entries].map(([p, bytes]) => ({ path: p, bytes })), new Date(META.generatedAt));
}

describe("evidence package: signed, hashed, checkable offline", () => {
  test("records are counted per format: CSV rows after the header (quoted line breaks included), JSONL lines", () => {
    expect(countRecords("a.csv", Buffer.from('h\r\n1\r\n"x\r\ny"\r\n'))).toBe(2);
    expect(countRecords("a.csv", Buffer.from("h\r\n"))).toBe(0);
    expect(countRecords("a.jsonl", Buffer.from('{}\n{}\n'))).toBe(2);
    expect(countRecords("report.pdf", Buffer.from("x"))).toBeNull();
  });

  test("the same contents give the same bytes; the manifest lists every file with hash, size and records", async () => {
    const a = await build();
    const b = await build();
    expect(a.sha256).toBe(b.sha256);
    expect(a.manifest.files.map((f) => [f.path, f.records])).toEqual([["README.txt", null], ["summary/controls.csv", 2], ["audit/audit-log.jsonl", 3], ["report.pdf", null]]);
    expect(a.manifest.signature).toEqual({ algorithm: "Ed25519", keyId: current.keyId, file: "manifest.sig" });
    expect(await verifyPackage(a.zip, [current.publicKeyPem])).toMatchObject({ ok: true, keyId: current.keyId, problems: [] });
  });

  test("a flipped byte in one CSV names that file", async () => {
    const tampered = await rezip((await build()).zip, (e) => {
      const csv = Buffer.from(e.get("summary/controls.csv")!);
      csv[10] = csv[10]! ^ 1;
      e.set("summary/controls.csv", csv);
    });
    const result = await verifyPackage(tampered, [current.publicKeyPem]);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(["summary/controls.csv: SHA-256 does not match the manifest"]);
  });

  test("a changed manifest fails the signature; removed and added files are named", async () => {
    const tampered = await rezip((await build()).zip, (e) => {
      e.set("manifest.json", Buffer.from(e.get("manifest.json")!.toString().replace('"SOC 2"', '"SOC 3"')));
      e.delete("report.pdf");
      e.set("extra.txt", Buffer.from("x"));
    });
    const result = await verifyPackage(tampered, [current.publicKeyPem]);
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^manifest\.sig: the signature over manifest\.json does not verify/),
        "report.pdf: missing from the package",
        "extra.txt: in the package but not in the manifest",
      ]),
    );
  });

  test("a package signed by a retired key still verifies against the list of current and retired keys; a stranger's key does not", async () => {
    const old = await build(retired);
    expect(await verifyPackage(old.zip, [current.publicKeyPem, retired.publicKeyPem])).toMatchObject({ ok: true, keyId: retired.keyId });
    expect((await verifyPackage(old.zip, [other.publicKeyPem])).ok).toBe(false);
  });

  test("hostile archives are refused: path escapes and garbage", async () => {
    // zip writers refuse "../" names and duplicates, so names are patched in place (same length) in both headers.
    const safe = await zipPackage([{ path: "xx/evil.txt", bytes: Buffer.from("x") }], new Date(META.generatedAt));
    const escape = Buffer.from(safe.toString("latin1").replaceAll("xx/evil.txt", "../evil.txt"), "latin1");
    expect((await verifyPackage(escape, [current.publicKeyPem])).problems).toEqual([expect.stringMatching(/(unsafe entry name|invalid relative path): \.\.\/evil\.txt/)]);
    expect((await verifyPackage(Buffer.from("not a zip"), [current.publicKeyPem])).problems[0]).toMatch(/^not a zip archive/);
    const distinct = await zipPackage([{ path: "a.txt", bytes: Buffer.from("x") }, { path: "b.txt", bytes: Buffer.from("y") }], new Date(META.generatedAt));
    const twice = Buffer.from(distinct.toString("latin1").replaceAll("b.txt", "a.txt"), "latin1");
    expect((await verifyPackage(twice, [current.publicKeyPem])).problems).toEqual(["duplicate entry: a.txt"]);
  });

  describe("streamed: entries in any order, from a file or from memory, of any size", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "leash-verify-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const EVENTS = 100_000;
    // About 6 MB of JSONL: it inflates in many chunks, so hashes and record counts are carried across them.
    const events = Buffer.from(Array.from({ length: EVENTS }, (_, i) => `{"seq":${i},"note":"event ${i} of ${EVENTS} for control CC6.1"}\n`).join(""));
    const buildLarge = () => build(current, [{ path: "audit/events.jsonl", bytes: events }]);

    test("a package whose manifest.json is the last entry verifies", async () => {
      const reordered = await rezip((await build()).zip, (e) => {
        const manifest = e.get("manifest.json")!;
        e.delete("manifest.json");
        e.set("manifest.json", manifest);
      });
      expect([...(await readZipEntries(reordered)).keys()].at(-1)).toBe("manifest.json");
      expect(await verifyPackage(reordered, [current.publicKeyPem])).toMatchObject({ ok: true, keyId: current.keyId, problems: [] });
    });

    test("a file path gives the same verdict as the bytes, good or tampered", async () => {
      const good = (await buildLarge()).zip;
      const tampered = await rezip(good, (e) => e.set("extra.txt", Buffer.from("x")));
      for (const [name, zip] of [["good.zip", good], ["tampered.zip", tampered]] as const) {
        writeFileSync(path.join(dir, name), zip);
        expect(await verifyPackage(path.join(dir, name), [current.publicKeyPem])).toEqual(await verifyPackage(zip, [current.publicKeyPem]));
      }
      expect(await verifyPackage(path.join(dir, "good.zip"), [current.publicKeyPem])).toMatchObject({ ok: true, problems: [] });
      expect((await verifyPackage(path.join(dir, "tampered.zip"), [current.publicKeyPem])).problems).toEqual(["extra.txt: in the package but not in the manifest"]);
      expect((await verifyPackage(path.join(dir, "absent.zip"), [current.publicKeyPem])).problems).toEqual([expect.stringMatching(/^ENOENT: .*absent\.zip/)]);
    });

    test("a flipped byte deep inside a large entry names that file, and a line break added there changes its record count", async () => {
      const pkg = await buildLarge();
      expect(pkg.manifest.files.find((f) => f.path === "audit/events.jsonl")).toMatchObject({ bytes: events.length, records: EVENTS });
      const at = events.indexOf("event", events.length / 2);
      const withByte = (byte: number) =>
        rezip(pkg.zip, (e) => {
          const changed = Buffer.from(events);
          changed[at] = byte;
          e.set("audit/events.jsonl", changed);
        });
      expect((await verifyPackage(await withByte(events[at]! ^ 1), [current.publicKeyPem])).problems).toEqual(["audit/events.jsonl: SHA-256 does not match the manifest"]);
      expect((await verifyPackage(await withByte(0x0a), [current.publicKeyPem])).problems).toEqual([
        "audit/events.jsonl: SHA-256 does not match the manifest",
        `audit/events.jsonl: ${EVENTS + 1} records, the manifest says ${EVENTS}`,
      ]);
    });

    test("a manifest.json too large to be one is refused by name", async () => {
      const huge = await zipPackage([{ path: "manifest.json", bytes: Buffer.alloc(65 * 1024 * 1024, " ") }], new Date(META.generatedAt));
      expect(await verifyPackage(huge, [current.publicKeyPem])).toEqual({
        ok: false,
        manifest: null,
        keyId: null,
        problems: ["manifest.json: over 64 MB, too large to be a Leash package's manifest.json"],
      });
    });
  });

  describe("with stock tools, exactly as README.txt says", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "leash-evidence-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    test("sha256sum -c SHA256SUMS and openssl pkeyutl -verify -rawin", async () => {
      const pkg = await build();
      const entries = await readZipEntries(pkg.zip);
      for (const [name, bytes] of entries) {
        mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        writeFileSync(path.join(dir, name), bytes);
      }
      writeFileSync(path.join(dir, "leash-public-key.pem"), current.publicKeyPem);
      const readme = entries.get("README.txt")!.toString();
      const sumsCommand = "sha256sum -c SHA256SUMS";
      const opensslCommand = "openssl pkeyutl -verify -pubin -inkey leash-public-key.pem -rawin -in manifest.json -sigfile manifest.sig";
      expect(readme).toContain(sumsCommand);
      expect(readme).toContain(opensslCommand);
      const run = (command: string) => execFileSync("sh", ["-c", command], { cwd: dir, encoding: "utf8" });
      expect(run(sumsCommand)).toContain("summary/controls.csv: OK");
      expect(run(opensslCommand)).toContain("Signature Verified Successfully");
      writeFileSync(path.join(dir, "manifest.json"), Buffer.concat([entries.get("manifest.json")!, Buffer.from(" ")]));
      let refused: { status?: number; stdout?: string } = {};
      try {
        run(opensslCommand);
      } catch (error) {
        refused = error as typeof refused;
      }
      expect(refused).toMatchObject({ status: 1, stdout: expect.stringContaining("Signature Verification Failure") });
    });
  });
});
