import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { InputError, openInput } from "./byte-input";
import { splitLines } from "./line-splitter";
import { bytesOf, collect } from "./test-helpers";

async function lines(text: string | Uint8Array, chunkSize: number, max = 100) {
  return collect(splitLines(bytesOf(text, chunkSize), max));
}

describe("splitLines", () => {
  const cases: { name: string; input: string; expected: unknown[] }[] = [
    { name: "plain lines", input: "a\nbb\n", expected: [{ line: 1, text: "a" }, { line: 2, text: "bb" }] },
    { name: "no final newline", input: "a\nbb", expected: [{ line: 1, text: "a" }, { line: 2, text: "bb" }] },
    { name: "CRLF", input: "a\r\nb\r\n", expected: [{ line: 1, text: "a" }, { line: 2, text: "b" }] },
    { name: "blank lines keep numbering", input: "a\n\nc\n", expected: [{ line: 1, text: "a" }, { line: 2, text: "" }, { line: 3, text: "c" }] },
    { name: "multi-byte characters", input: "é€\n😀\n", expected: [{ line: 1, text: "é€" }, { line: 2, text: "😀" }] },
  ];
  for (const chunkSize of [1, 2, 3, 1024]) {
    for (const c of cases) {
      it(`${c.name} (chunks of ${chunkSize})`, async () => {
        expect(await lines(c.input, chunkSize)).toEqual(c.expected);
      });
    }
  }

  it("rejects an over-long line by number and continues at the next line", async () => {
    const input = `ok\n${"x".repeat(250)}\nafter\n`;
    for (const chunkSize of [1, 7, 4096]) {
      const out = await lines(input, chunkSize, 100);
      expect(out).toEqual([
        { line: 1, text: "ok" },
        { line: 2, error: { line: 2, reason: "line is longer than the 100-byte limit" } },
        { line: 3, text: "after" },
      ]);
    }
  });

  it("accepts a line of exactly the limit, with or without CR", async () => {
    const exact = "y".repeat(100);
    expect(await lines(`${exact}\r\n${exact}\n`, 9, 100)).toEqual([
      { line: 1, text: exact },
      { line: 2, text: exact },
    ]);
    expect((await lines(`${exact}y\n`, 9, 100))[0]).toHaveProperty("error");
  });

  it("reports invalid UTF-8 on its line", async () => {
    const bytes = new Uint8Array([0x61, 0x0a, 0xff, 0xfe, 0x0a, 0x62]);
    expect(await lines(bytes, 2)).toEqual([
      { line: 1, text: "a" },
      { line: 2, error: { line: 2, reason: "line is not valid UTF-8" } },
      { line: 3, text: "b" },
    ]);
  });

  it("never buffers an over-long line: a 12 MB line streams through a 10 MB limit", async () => {
    async function* huge(): AsyncGenerator<Uint8Array> {
      const block = new Uint8Array(1024 * 1024).fill(0x61);
      yield new TextEncoder().encode("first\n");
      for (let i = 0; i < 12; i++) yield block;
      yield new TextEncoder().encode("\nlast\n");
    }
    const out = await collect(splitLines(huge(), 10 * 1024 * 1024));
    expect(out).toEqual([
      { line: 1, text: "first" },
      { line: 2, error: { line: 2, reason: "line is longer than the 10485760-byte limit" } },
      { line: 3, text: "last" },
    ]);
  });
});

describe("openInput", () => {
  const text = "line one\nline two\n";

  it("passes plain bytes through unchanged", async () => {
    const chunks = await collect(openInput(bytesOf(text, 1), 1000));
    expect(Buffer.concat(chunks).toString("utf8")).toBe(text);
  });

  it("gunzips input that starts with the gzip magic, even split into 1-byte chunks", async () => {
    for (const chunkSize of [1, 5, 1 << 16]) {
      const chunks = await collect(openInput(bytesOf(gzipSync(text), chunkSize), 1000));
      expect(Buffer.concat(chunks).toString("utf8")).toBe(text);
    }
  });

  it("stops a gzip bomb at the decompressed-size limit with a clear error", async () => {
    const bomb = gzipSync(Buffer.alloc(5 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(10 * 1024);
    const read = collect(openInput(bytesOf(bomb), 1024 * 1024));
    await expect(read).rejects.toThrow(InputError);
    await expect(collect(openInput(bytesOf(bomb), 1024 * 1024))).rejects.toThrow(
      "gzip input expands beyond the 1048576-byte decompressed-size limit; stopped reading",
    );
  });

  it("reports a truncated gzip stream", async () => {
    const whole = gzipSync(Buffer.from(text.repeat(100)));
    const truncated = whole.subarray(0, whole.length - 12);
    await expect(collect(openInput(bytesOf(truncated, 16), 1_000_000))).rejects.toThrow("gzip input is corrupt or truncated");
  });

  it("handles empty input", async () => {
    expect(await collect(openInput(bytesOf(""), 10))).toEqual([]);
  });
});
