import { describe, expect, test } from "vitest";
import { type CsvRow, readCsvRows } from "./csv-rows";
import { bytesOf, collect } from "./test-support";
import { readLines } from "./text-decode";

const rows = async (text: string, max = 1000): Promise<CsvRow[]> =>
  collect(readCsvRows(readLines(bytesOf(text, 5), max), max));

describe("well-formed CSV", () => {
  test.each([
    ["plain cells", "a,b,c\n1,2,3\n", [{ line: 1, cells: ["a", "b", "c"] }, { line: 2, cells: ["1", "2", "3"] }]],
    ["CRLF and no final newline", "a,b\r\n1,2", [{ line: 1, cells: ["a", "b"] }, { line: 2, cells: ["1", "2"] }]],
    ["empty cells", ",,\n", [{ line: 1, cells: ["", "", ""] }]],
    ["quoted comma and doubled quote", 'x,"a, ""b"""\n', [{ line: 1, cells: ["x", 'a, "b"'] }]],
    ["empty quoted cell", '"",x\n', [{ line: 1, cells: ["", "x"] }]],
    ["blank lines are skipped", "a\n\n\nb\n", [{ line: 1, cells: ["a"] }, { line: 4, cells: ["b"] }]],
    [
      "a quoted newline keeps the record's first line and counts lines after it",
      'h\n"multi\r\nline",x\nnext\n',
      [{ line: 1, cells: ["h"] }, { line: 2, cells: ["multi\nline", "x"] }, { line: 4, cells: ["next"] }],
    ],
  ])("%s", async (_label, text, expected) => {
    expect(await rows(text)).toEqual(expected);
  });
});

describe("malformed CSV rejects exactly the broken record", () => {
  test.each([
    ["quote inside an unquoted cell", 'ok\nab"c,d\nok2\n', 2, 0, /quote inside an unquoted cell/],
    ["text after a closing quote", 'ok\nx,"ab"c\nok2\n', 2, 1, /text after a closing quote/],
    ["space before an opening quote", 'ok\nx, "b"\nok2\n', 2, 1, /quote inside an unquoted cell/],
  ])("%s", async (_label, text, line, cell, reason) => {
    const out = await rows(text);
    expect(out).toHaveLength(3);
    expect(out[0]).toEqual({ line: 1, cells: ["ok"] });
    expect(out[1]).toMatchObject({ line, error: { cell, reason: expect.stringMatching(reason) } });
    expect(out[2]).toEqual({ line: 3, cells: ["ok2"] });
  });

  test("a quote never closed is reported on the line it opened", async () => {
    expect(await rows('a\n"open,b\nc\n')).toEqual([
      { line: 1, cells: ["a"] },
      { line: 2, error: { reason: "quote opened on line 2 is never closed" } },
    ]);
  });

  test("an unclosed quote cannot swallow the file: the record is cut at the size limit and parsing resumes", async () => {
    const text = `h\n"open\n${"filler line\n".repeat(10)}after,1\n`;
    const out = await rows(text, 60);
    expect(out[1]).toEqual({ line: 2, error: { reason: "record longer than 60 characters (unclosed quote?)" } });
    expect(out.at(-1)).toEqual({ line: 13, cells: ["after", "1"] });
  });

  test("invalid UTF-8 rejects the record and names the line, even inside a quoted cell", async () => {
    const enc = new TextEncoder();
    const input = new Uint8Array([...enc.encode('h\n"a\nb'), 0xe9, ...enc.encode('",x\nok\n')]);
    const out = await collect(readCsvRows(readLines(bytesOf(input, 3), 100), 100));
    expect(out).toEqual([
      { line: 1, cells: ["h"] },
      { line: 2, error: { reason: "invalid UTF-8 on line 3 (save the file as UTF-8)" } },
      { line: 4, cells: ["ok"] },
    ]);
  });

  test("an over-long unquoted line is rejected by itself", async () => {
    const out = await rows(`a\n${"y".repeat(80)}\nb\n`, 40);
    expect(out).toEqual([
      { line: 1, cells: ["a"] },
      { line: 2, error: { reason: "line 2 is longer than 40 characters" } },
      { line: 3, cells: ["b"] },
    ]);
  });
});
