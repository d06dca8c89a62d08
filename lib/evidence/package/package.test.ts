import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { assemblePackage, contentHash, readmeText } from "./assemble";
import { countRecords } from "./manifest";
import { readZipEntries } from "./read-zip";
import { generateSigningKeyPair, signBytes } from "./signing";
import { Spool } from "./spool";
import { DATA_HASH_COMMAND, PUBLIC_KEY_FILE, STOCK_CHECK_STEPS } from "./stock-check";
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
    expect(a.manifest.signature).toEqual({ algorithm: "Ed25519", keyId: current.keyId, file: "manifest.sig", sums: "SHA256SUMS.sig" });
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
        "SHA256SUMS: its hash for manifest.json is not that of manifest.json in the package",
        "report.pdf: missing from the package",
        "extra.txt: in the package but not in the manifest",
      ]),
    );
  });

  test("a manifest that no longer parses still has its signature checked, and every file against SHA256SUMS", async () => {
    const tampered = await rezip((await build()).zip, (e) => {
      e.set("manifest.json", Buffer.from(e.get("manifest.json")!.toString().slice(0, -20)));
      const csv = Buffer.from(e.get("summary/controls.csv")!);
      csv[10] = csv[10]! ^ 1;
      e.set("summary/controls.csv", csv);
    });
    const result = await verifyPackage(tampered, [current.publicKeyPem]);
    expect(result).toMatchObject({ ok: false, manifest: null, keyId: null });
    expect(result.problems).toEqual([
      "manifest.json: not a Leash evidence manifest",
      "manifest.sig: the signature over manifest.json does not verify with the given public key",
      "summary/controls.csv: SHA-256 does not match SHA256SUMS",
      "manifest.json: SHA-256 does not match SHA256SUMS",
    ]);
    const untouchedFiles = await rezip((await build()).zip, (e) => e.set("manifest.json", Buffer.from("{")));
    expect((await verifyPackage(untouchedFiles, [current.publicKeyPem])).problems).toEqual([
      "manifest.json: not a Leash evidence manifest",
      "manifest.sig: the signature over manifest.json does not verify with the given public key",
      "manifest.json: SHA-256 does not match SHA256SUMS",
    ]);
  });

  test("a changed file with SHA256SUMS rewritten to match fails SHA256SUMS.sig; a missing SHA256SUMS.sig is named", async () => {
    const pkg = await build();
    const rewritten = await rezip(pkg.zip, (e) => {
      const csv = Buffer.from(e.get("summary/controls.csv")!);
      csv[10] = csv[10]! ^ 1;
      e.set("summary/controls.csv", csv);
      const sum = createHash("sha256").update(csv).digest("hex");
      e.set("SHA256SUMS", Buffer.from(e.get("SHA256SUMS")!.toString().replace(/^[0-9a-f]{64}(?=  summary\/controls\.csv$)/m, sum)));
    });
    expect((await verifyPackage(rewritten, [current.publicKeyPem])).problems).toEqual([
      "summary/controls.csv: SHA-256 does not match the manifest",
      expect.stringMatching(/^SHA256SUMS\.sig: the signature over SHA256SUMS does not verify/),
      "SHA256SUMS: its hash for summary/controls.csv is not the manifest's",
    ]);
    const unsigned = await rezip(pkg.zip, (e) => e.delete("SHA256SUMS.sig"));
    expect((await verifyPackage(unsigned, [current.publicKeyPem])).problems).toEqual(["SHA256SUMS.sig: missing"]);
  });

  test("a package of format 1 (no SHA256SUMS.sig yet) still verifies", async () => {
    const v1 = await rezip((await build()).zip, (e) => {
      const manifest = JSON.parse(e.get("manifest.json")!.toString()) as { format: string; signature: Record<string, string> };
      manifest.format = "leash-evidence/1";
      delete manifest.signature.sums;
      const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
      const signature = signBytes(bytes, current.privateKeyPem);
      const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
      const sums = e.get("SHA256SUMS")!.toString().replace(/^[0-9a-f]{64}(?=  manifest\.json$)/m, sha(bytes)).replace(/^[0-9a-f]{64}(?=  manifest\.sig$)/m, sha(signature));
      e.set("manifest.json", bytes);
      e.set("manifest.sig", signature);
      e.set("SHA256SUMS", Buffer.from(sums));
      e.delete("SHA256SUMS.sig");
    });
    expect(await verifyPackage(v1, [current.publicKeyPem])).toMatchObject({ ok: true, keyId: current.keyId, problems: [] });
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

    test("openssl pkeyutl -verify -rawin and sha256sum -c SHA256SUMS, each step as README.txt prints it", async () => {
      const pkg = await build();
      const entries = await readZipEntries(pkg.zip);
      const write = (name: string, bytes: Buffer) => {
        mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        writeFileSync(path.join(dir, name), bytes);
      };
      for (const [name, bytes] of entries) write(name, bytes);
      writeFileSync(path.join(dir, PUBLIC_KEY_FILE), current.publicKeyPem);
      const readme = entries.get("README.txt")!.toString();
      const [sumsSignature, sumsCheck, manifestSignature] = STOCK_CHECK_STEPS.map((step) => step.command);
      for (const step of STOCK_CHECK_STEPS) expect(readme).toContain(step.command);
      const run = (command: string) => execFileSync("sh", ["-c", command], { cwd: dir, encoding: "utf8" });
      const refusal = (command: string) => {
        try {
          run(command);
        } catch (error) {
          return error as { status?: number; stdout?: string };
        }
        return null;
      };
      expect(run(sumsSignature!)).toContain("Signature Verified Successfully");
      expect(run(sumsCheck!)).toContain("summary/controls.csv: OK");
      expect(run(sumsCheck!)).toContain("manifest.json: OK");
      expect(run(manifestSignature!)).toContain("Signature Verified Successfully");
      // The report's data hash, as README.txt shows how to reproduce it.
      expect(readme).toContain(DATA_HASH_COMMAND);
      const dataFiles = pkg.manifest.files.filter((f) => f.path.startsWith("summary/") || f.path.startsWith("audit/"));
      expect(run(DATA_HASH_COMMAND).slice(0, 64)).toBe(contentHash(dataFiles));

      // A changed file fails step 2; SHA256SUMS rewritten to match it then passes step 2 but fails step 1.
      const csv = Buffer.from(entries.get("summary/controls.csv")!);
      csv[csv.length - 3] = csv[csv.length - 3]! ^ 1;
      write("summary/controls.csv", csv);
      expect(refusal(sumsCheck!)).toMatchObject({ status: 1, stdout: expect.stringContaining("summary/controls.csv: FAILED") });
      const rewritten = entries.get("SHA256SUMS")!.toString().replace(/^[0-9a-f]{64}(?=  summary\/controls\.csv$)/m, createHash("sha256").update(csv).digest("hex"));
      write("SHA256SUMS", Buffer.from(rewritten));
      expect(run(sumsCheck!)).toContain("summary/controls.csv: OK");
      expect(refusal(sumsSignature!)).toMatchObject({ status: 1, stdout: expect.stringContaining("Signature Verification Failure") });

      write("manifest.json", Buffer.concat([entries.get("manifest.json")!, Buffer.from(" ")]));
      expect(refusal(manifestSignature!)).toMatchObject({ status: 1, stdout: expect.stringContaining("Signature Verification Failure") });
    });
  });
});
