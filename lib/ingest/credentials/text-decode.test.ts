import { describe, expect, test } from "vitest";
import { bytesOf, collect } from "./test-support";
import { InvalidEncodingError, decodeChunks, readLines, scanUtf8, sniffEncoding } from "./text-decode";

const utf16 = (text: string, bigEndian: boolean): Uint8Array => {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const [hi, lo] = [unit >> 8, unit & 0xff];
    out.set(bigEndian ? [hi, lo] : [lo, hi], 2 + i * 2);
  }
  return out;
};

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...new TextEncoder().encode(p)] : p)));

test.each([
  [[0xef, 0xbb, 0xbf, 0x61], "utf-8", 3],
  [[0xff, 0xfe, 0x61, 0x00], "utf-16le", 2],
  [[0xfe, 0xff, 0x00, 0x61], "utf-16be", 2],
  [[0x61, 0x62], "utf-8", 0],
  [[], "utf-8", 0],
])("sniffEncoding(%j) = %s", (head, encoding, bomLength) => {
  expect(sniffEncoding(new Uint8Array(head))).toEqual({ encoding, bomLength });
});

describe("readLines", () => {
  const text = "a,b\r\nçé,ü\n\nlast";
  const expected = [
    { line: 1, text: "a,b" },
    { line: 2, text: "çé,ü" },
    { line: 3, text: "" },
    { line: 4, text: "last" },
  ];
  test.each([
    ["UTF-8", bytes(text)],
    ["UTF-8 with BOM", bytes([0xef, 0xbb, 0xbf], text)],
    ["UTF-16 LE with BOM", utf16(text, false)],
    ["UTF-16 BE with BOM", utf16(text, true)],
  ])("decodes %s, strips CR and numbers lines", async (_label, input) => {
    for (const chunkSize of [1, 2, 3, 64]) {
      expect(await collect(readLines(bytesOf(input, chunkSize), 1000))).toEqual(expected);
    }
  });

  // Excel for Mac's "Comma Separated Values" ends lines with a carriage return alone, as classic Mac OS did.
  const mixed = "a,b\rçé,ü\r\rlast\r\nnext\r";
  test.each([
    ["UTF-8", bytes(mixed)],
    ["UTF-16 LE with BOM", utf16(mixed, false)],
    ["UTF-16 BE with BOM", utf16(mixed, true)],
  ])("%s: a carriage return alone ends a line too; CRLF is still one end", async (_label, input) => {
    for (const chunkSize of [1, 2, 3, 64]) {
      expect(await collect(readLines(bytesOf(input, chunkSize), 1000))).toEqual([...expected, { line: 5, text: "next" }]);
    }
  });

  test("flags each line holding invalid UTF-8 and keeps going", async () => {
    const input = bytes("ok\n", "caf", [0xe9], "\n", "fine\n", [0xc0, 0xaf], "\n");
    const lines = await collect(readLines(bytesOf(input, 2), 1000));
    expect(lines.map((l) => [l.line, l.problem])).toEqual([
      [1, undefined],
      [2, "encoding"],
      [3, undefined],
      [4, "encoding"],
    ]);
  });

  test("a line longer than the limit is dropped and flagged, the next line is intact", async () => {
    const input = `short\n${"x".repeat(50)}\nafter`;
    for (const chunkSize of [3, 16, 1000]) {
      const lines = await collect(readLines(bytesOf(input, chunkSize), 20));
      expect(lines).toEqual([
        { line: 1, text: "short" },
        { line: 2, text: "", problem: "too_long" },
        { line: 3, text: "after" },
      ]);
    }
  });

  test("an empty upload has no lines", async () => {
    expect(await collect(readLines(bytesOf(""), 10))).toEqual([]);
  });
});

describe("scanUtf8", () => {
  test.each([
    ["ascii", [0x61, 0x62], -1, 0],
    ["2-byte", [0xc3, 0xa9], -1, 0],
    ["4-byte emoji", [0xf0, 0x9f, 0x98, 0x80], -1, 0],
    ["truncated 3-byte at end", [0x61, 0xe2, 0x82], -1, 2],
    ["lone continuation", [0x61, 0x80], 1, 0],
    ["overlong 2-byte", [0xc0, 0xaf], 0, 0],
    ["overlong 3-byte", [0xe0, 0x80, 0xaf], 0, 0],
    ["UTF-16 surrogate", [0xed, 0xa0, 0x80], 0, 0],
    ["above U+10FFFF", [0xf4, 0x90, 0x80, 0x80], 0, 0],
    ["Latin-1 é", [0x63, 0x61, 0x66, 0xe9, 0x20], 3, 0],
  ])("%s", (_label, input, invalidAt, tail) => {
    expect(scanUtf8(new Uint8Array(input))).toEqual({ invalidAt, tail });
  });
});

describe("decodeChunks", () => {
  test("decodes multi-byte characters split across chunks", async () => {
    const text = "[\"é€😀\",\n\"ü\"]";
    for (const size of [1, 2, 3, 5]) expect((await collect(decodeChunks(bytesOf(text, size)))).join("")).toBe(text);
  });

  test("decodes UTF-16 by BOM", async () => {
    expect((await collect(decodeChunks(bytesOf(utf16("[1,\n2]", true), 3)))).join("")).toBe("[1,\n2]");
  });

  test.each([
    ["on line 3", bytes("[\n1,\n\"caf", [0xe9], "\"]"), 3],
    ["on line 1", bytes([0xff, 0x61]), 1],
    ["truncated at end of file, last line", bytes("[\n\"", [0xe2, 0x82]), 2],
  ])("reports invalid UTF-8 %s", async (_label, input, line) => {
    const run = collect(decodeChunks(bytesOf(input, 2)));
    await expect(run).rejects.toBeInstanceOf(InvalidEncodingError);
    await expect(run).rejects.toMatchObject({ line });
  });
});
