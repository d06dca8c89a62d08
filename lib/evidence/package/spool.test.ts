import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { crc32, inflateRawSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { countRecords } from "./manifest";
import { Spool, type SpooledFile } from "./spool";

/** What the zip will carry for this file, inflated back. */
function content(f: SpooledFile): Buffer {
  const data = Buffer.isBuffer(f.entry.data) ? f.entry.data : readFileSync(f.entry.data.file);
  return f.entry.method === 8 ? inflateRawSync(data) : data;
}

describe("spool", () => {
  let spool: Spool;
  beforeEach(async () => {
    spool = await Spool.create();
  });
  afterEach(async () => {
    await spool.dispose();
  });

  test("a file written in many pieces: hash, size, CRC-32 and records describe exactly the bytes the zip carries", async () => {
    const file = spool.file("populations/CC6.1.csv");
    const written: string[] = ["rule_id,subject,reason\r\n"];
    file.write(written[0]!);
    // Several megabytes, with quoted line breaks, non-ASCII text (2, 3 and 4 bytes a character) and a record larger
    // than a piece, so pieces and deflate chunks split rows.
    for (let i = 0; i < 60_000; i++) {
      const row = i === 30_000 ? `R0,huge,${"€🔑".repeat(400_000)}\r\n` : `R${i % 22},subject ${i},"reason ${i}: naïve ${"€🔑".repeat(i % 3)}\r\nsecond line"\r\n`;
      file.record(row);
      written.push(row);
      if (i % 10_000 === 0) await spool.settle();
    }
    const spooled = await file.close();
    const bytes = content(spooled);
    expect(bytes.equals(Buffer.from(written.join("")))).toBe(true);
    expect(spooled.entry.method).toBe(8);
    expect(spooled.entry.compressedSize).toBeLessThan(bytes.length / 4);
    expect(spooled).toMatchObject({ bytes: bytes.length, records: 60_000, sha256: createHash("sha256").update(bytes).digest("hex") });
    expect(spooled.entry).toMatchObject({ size: bytes.length, crc32: crc32(bytes) });
    expect(countRecords(spooled.path, bytes)).toBe(spooled.records);
  });

  test("small files written whole count their records; a PDF is stored, not deflated; documents have no record count", async () => {
    const csv = await spool.bytes("summary/controls.csv", "control,status\r\nCC6.1,effective\r\nCC6.2,not_effective\r\n");
    expect(csv.records).toBe(2);
    const pdf = await spool.bytes("report.pdf", Buffer.from("%PDF-1.3 compressed inside"));
    expect(pdf.entry).toMatchObject({ method: 0, compressedSize: pdf.bytes });
    expect(content(pdf).toString()).toBe("%PDF-1.3 compressed inside");
    expect((await spool.bytes("README.txt", "read me\n")).records).toBeNull();
  });

  test("a document splices its parts where their placeholders stand, and removes them", async () => {
    const risks = spool.part();
    const items = spool.part();
    for (let i = 0; i < 50_000; i++) {
      risks.item(JSON.stringify({ uuid: `risk-${i}`, statement: "ü".repeat(i % 5) }));
      items.item(JSON.stringify({ uuid: `item-${i}` }));
    }
    const skeleton = { doc: { title: `literal ${risks.placeholder.slice(0, 10)}`, risks: risks.placeholder, nested: [{ items: items.placeholder }] } };
    const spooled = await spool.document("oscal/poam.json", skeleton, [risks, items]);
    const parsed = JSON.parse(content(spooled).toString("utf8"));
    expect(parsed.doc.title).toBe("literal leash-part");
    expect(parsed.doc.risks).toHaveLength(50_000);
    expect(parsed.doc.risks[49_999]).toEqual({ uuid: "risk-49999", statement: "üüüü" });
    expect(parsed.doc.nested[0].items.map((i: { uuid: string }) => i.uuid).slice(0, 2)).toEqual(["item-0", "item-1"]);
    expect(spooled.records).toBeNull();
    expect(existsSync(risks.file) || existsSync(items.file)).toBe(false);
  });

  test("a file that cannot be written fails its writer and its close, and never crashes the process", async () => {
    await spool.dispose();
    const file = spool.file("populations/CC6.1.csv");
    file.record("row\r\n");
    await expect(file.close()).rejects.toMatchObject({ code: "ENOENT" });
    const next = spool.file("findings/findings.csv");
    await expect(spool.settle().then(() => next.close())).rejects.toMatchObject({ code: "ENOENT" });
    expect(() => next.record("x".repeat(2 << 20))).toThrow(/ENOENT/);
  });

  test("dispose removes everything it wrote", async () => {
    await spool.bytes("a.csv", "h\r\n1\r\n");
    await spool.dispose();
    expect(existsSync(spool.dir)).toBe(false);
  });
});
