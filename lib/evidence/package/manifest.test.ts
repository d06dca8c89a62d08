import { describe, expect, test } from "vitest";
import { seededRandom } from "@/lib/domain/seeded-random";
import { countRecords, recordCounter } from "./manifest";

/**
 * The count as first defined, on a decoded string: the streamed byte counter must agree with it on every input,
 * or a package built before the change would stop verifying after it.
 */
function countByString(path: string, bytes: Uint8Array): number | null {
  const text = Buffer.from(bytes).toString("utf8");
  if (path.endsWith(".jsonl")) return text.split("\n").filter((l) => l.trim() !== "").length;
  if (!path.endsWith(".csv")) return null;
  let rows = 0;
  let quoted = false;
  let rowHasContent = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (c === "\n" && !quoted) {
      rows++;
      rowHasContent = false;
      continue;
    }
    if (c !== "\r") rowHasContent = true;
  }
  return Math.max(0, rows + (rowHasContent ? 1 : 0) - 1);
}

function countInChunks(path: string, bytes: Buffer, cuts: readonly number[]): number | null {
  const counter = recordCounter(path);
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    // A plain Uint8Array, as a stream might hand over, not only Buffers.
    counter.update(new Uint8Array(bytes.subarray(from, cut)));
    from = cut;
  }
  return counter.count();
}

/** The count of the whole, of the text cut in two at every offset, and of the text fed one byte at a time. */
function everySplit(path: string, bytes: Buffer): Set<number | null> {
  const counts = new Set([countRecords(path, bytes)]);
  for (let cut = 0; cut <= bytes.length; cut++) counts.add(countInChunks(path, bytes, [cut]));
  counts.add(countInChunks(path, bytes, Array.from({ length: bytes.length }, (_, i) => i)));
  return counts;
}

const CSV: [string, number][] = [
  ['control,status\r\nCC6.1,not_effective\r\n"CC6.2","multi\r\nline"\r\n', 2],
  ['h\n"a ""quoted"" cell",x\n"b\n\nc"\nlast row without newline', 3],
  // An empty line ending in a line break is a row (as it always was); only a last line without one needs content.
  ["h\r\n\r\n\r\n1\r\n", 3],
  ["h\r\n1\r\n\r", 1],
  ['h\n"unterminated\nquote', 1],
  ["h\n", 0],
  ["", 0],
  ["\r\n\r\n", 1],
  ["h,ünïcode\n€,😀\n", 1],
];
const JSONL: [string, number][] = [
  ['{"seq":1}\n{"seq":2}\n{"seq":3}\n', 3],
  ['{"seq":1}\n\n   \n\t\r\n{"seq":2}', 2],
  ['{"seq":1}\r\n{"seq":2}\r\n', 2],
  ["\u00a0\u2028\ufeff\u3000\n{}\n", 1],
  ['{"emoji":"😀"}\n\u00a0x\n', 2],
  ["", 0],
  ["\n\n", 0],
];

describe("record counts, fed whole or in chunks cut anywhere", () => {
  test.each(CSV)("CSV %j has %i records however it is cut", (text, records) => {
    expect(everySplit("a.csv", Buffer.from(text))).toEqual(new Set([records]));
    expect(countByString("a.csv", Buffer.from(text))).toBe(records);
  });

  test.each(JSONL)("JSONL %j has %i records however it is cut", (text, records) => {
    expect(everySplit("a.jsonl", Buffer.from(text))).toEqual(new Set([records]));
    expect(countByString("a.jsonl", Buffer.from(text))).toBe(records);
  });

  test("documents have no record count", () => {
    expect(everySplit("report.pdf", Buffer.from("a\nb\n"))).toEqual(new Set([null]));
    expect(countRecords("oscal/poam.json", Buffer.from("{}\n"))).toBeNull();
  });

  test("a JSONL line of one character is blank exactly when trim() removes that character", () => {
    const blankBytes: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const character = String.fromCodePoint(cp);
      const blank = character.trim() === "";
      if (countRecords("a.jsonl", Buffer.from(`${character}\n{}\n`)) !== (blank ? 1 : 2)) blankBytes.push(cp.toString(16));
    }
    expect(blankBytes).toEqual([]);
  });

  test("bytes that are not valid UTF-8 count as the string decoder reads them (as U+FFFD, which is content)", () => {
    const random = seededRandom(4180);
    // Quotes, line breaks, whitespace and the lead and continuation bytes of multibyte whitespace, cut short or not.
    const alphabet = [0x22, 0x0a, 0x0d, 0x20, 0x09, 0x61, 0xc2, 0xa0, 0xe2, 0x80, 0x8a, 0xa8, 0xef, 0xbb, 0xbf, 0xff];
    const disagreements: string[] = [];
    for (let round = 0; round < 2000; round++) {
      const bytes = Buffer.from(Array.from({ length: 1 + Math.floor(random() * 24) }, () => alphabet[Math.floor(random() * alphabet.length)]!));
      for (const path of ["a.csv", "a.jsonl"]) {
        const expected = countByString(path, bytes);
        const cut = Math.floor(random() * (bytes.length + 1));
        if (countRecords(path, bytes) !== expected || countInChunks(path, bytes, [cut]) !== expected) disagreements.push(`${path} ${bytes.toString("hex")}`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});
