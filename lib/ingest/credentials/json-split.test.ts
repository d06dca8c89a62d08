import { describe, expect, test } from "vitest";
import { type JsonPiece, splitJson } from "./json-split";
import { collect } from "./test-support";

async function* chunksOf(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

const split = async (text: string, opts: { listKey?: string; max?: number } = {}): Promise<JsonPiece[]> => {
  const results = await Promise.all(
    [1, 3, 1000].map((size) => collect(splitJson(chunksOf(text, size), { maxElementChars: opts.max ?? 1000, listKey: opts.listKey }))),
  );
  // Chunk boundaries must never change the result.
  expect(results[1]).toEqual(results[0]);
  expect(results[2]).toEqual(results[0]);
  return results[0] as JsonPiece[];
};

describe("splitting", () => {
  test.each([
    ["a top-level array", '[{"a":1},\n {"b":[2,3]}]', [{ line: 1, text: '{"a":1}' }, { line: 2, text: '{"b":[2,3]}' }]],
    ["an empty array", "[ ]", []],
    ["scalars in an array", '[1, "x", null]', [{ line: 1, text: "1" }, { line: 1, text: '"x"' }, { line: 1, text: "null" }]],
    [
      "brackets, commas and escaped quotes inside strings",
      '[{"s":"],[{\\"}"},{"t":"\\\\"}]',
      [{ line: 1, text: '{"s":"],[{\\"}"}' }, { line: 1, text: '{"t":"\\\\"}' }],
    ],
    ["one top-level object", '\n{"data":{"x":[1]}}\n', [{ line: 2, text: '{"data":{"x":[1]}}' }]],
    ["NDJSON", '{"a":1}\n{"a":2}\n', [{ line: 1, text: '{"a":1}' }, { line: 2, text: '{"a":2}' }]],
    ["several arrays in a row", "[1]\n[2,\n3]", [{ line: 1, text: "1" }, { line: 2, text: "2" }, { line: 3, text: "3" }]],
  ])("%s", async (_label, text, expected) => {
    expect(await split(text)).toEqual(expected);
  });

  test("a List's items are streamed and the wrapper's other keys ignored", async () => {
    const text = '{"apiVersion":"v1","items":[\n{"n":1},\n{"n":"items"}\n],"kind":"List","metadata":{"items":[9]}}';
    expect(await split(text, { listKey: "items" })).toEqual([
      { line: 2, text: '{"n":1}' },
      { line: 3, text: '{"n":"items"}' },
    ]);
  });

  test("without listKey a List is one object; with it, an object lacking the key is still one element", async () => {
    expect(await split('{"items":[1]}')).toEqual([{ line: 1, text: '{"items":[1]}' }]);
    expect(await split("{[1]}")).toEqual([{ line: 1, text: "{[1]}" }]);
    expect(await split('{"kind":"Secret","x":[1]}', { listKey: "items" })).toEqual([
      { line: 1, text: '{"kind":"Secret","x":[1]}' },
    ]);
  });
});

describe("pages (gh api --paginate --slurp)", () => {
  const pages = async (text: string): Promise<JsonPiece[]> => {
    const results = await Promise.all(
      [1, 3, 1000].map((size) => collect(splitJson(chunksOf(text, size), { maxElementChars: 1000, pages: true }))),
    );
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    return results[0] as JsonPiece[];
  };
  test.each<[string, string, JsonPiece[]]>([
    ["an array of pages", '[[{"a":1},{"a":2}],\n[{"a":3}]]', [{ line: 1, text: '{"a":1}' }, { line: 1, text: '{"a":2}' }, { line: 2, text: '{"a":3}' }]],
    ["empty pages", "[[],[]]", []],
    ["a plain array is still read as one", '[{"a":1},[2]]', [{ line: 1, text: '{"a":1}' }, { line: 1, text: "[2]" }]],
    ["slurped outputs back to back", "[[1]][[2]]", [{ line: 1, text: "1" }, { line: 1, text: "2" }]],
    ["a trailing comma inside a page", "[[1,]]", [{ line: 1, text: "1" }, { line: 1, error: "trailing comma before ']'" }]],
    ["an object among the pages", '[[1],{"a":2}]', [{ line: 1, text: "1" }, { line: 1, error: "an array of pages holds only arrays (as gh api --paginate --slurp prints)", fatal: true }]],
    ["a scalar among the pages", "[[1],2]", [{ line: 1, text: "1" }, { line: 1, error: "an array of pages holds only arrays (as gh api --paginate --slurp prints)", fatal: true }]],
  ])("%s", async (_label, text, expected) => {
    expect(await pages(text)).toEqual(expected);
  });

  test("without the option an array of arrays is an array of array elements", async () => {
    expect(await split("[[1],[2]]")).toEqual([{ line: 1, text: "[1]" }, { line: 1, text: "[2]" }]);
  });
});

describe("malformed JSON", () => {
  test.each([
    ["a trailing comma", "[1,\n2,\n]", [{ line: 1, text: "1" }, { line: 2, text: "2" }, { line: 3, error: "trailing comma before ']'" }]],
    ["an empty element", "[1,,2]", [{ line: 1, text: "1" }, { line: 1, error: "empty element (two commas in a row)" }, { line: 1, text: "2" }]],
    ["a mismatched bracket", '[{"a":1]\n,2]', [{ line: 1, error: "']' does not close the open bracket", fatal: true }]],
    ["a top-level scalar", "\n42", [{ line: 2, error: "expected a JSON array or object at the top level", fatal: true }]],
    ["a file cut short", '[{"a":1},\n{"b":', [{ line: 1, text: '{"a":1}' }, { line: 2, error: "unexpected end of file: 2 bracket(s) never closed", fatal: true }]],
  ])("%s", async (_label, text, expected) => {
    expect(await split(text)).toEqual(expected);
  });

  test("an element over the size limit is rejected alone and the next one still parses", async () => {
    const text = `[{"big":"${"x".repeat(200)}"},\n{"ok":1}]`;
    expect(await split(text, { max: 50 })).toEqual([
      { line: 1, error: "element larger than 50 characters" },
      { line: 2, text: '{"ok":1}' },
    ]);
  });

  test("invalid JSON inside an element is left for JSON.parse (the element text is passed through)", async () => {
    expect(await split("[{a:1}]")).toEqual([{ line: 1, text: "{a:1}" }]);
  });
});

test("a JSON array of 1M objects streams: elements arrive before the source is read further", async () => {
  const total = 1_000_000;
  const perChunk = 5_000;
  let chunksProduced = 0;
  async function* source(): AsyncGenerator<string> {
    yield "[";
    for (let start = 0; start < total; start += perChunk) {
      chunksProduced++;
      const items = Array.from({ length: perChunk }, (_, k) => `{"external_id":"id-${start + k}","n":${start + k}}`);
      yield `${start === 0 ? "" : ",\n"}${items.join(",\n")}`;
    }
    yield "]";
  }
  let count = 0;
  let chunksAtFirst = -1;
  let last: JsonPiece | undefined;
  for await (const piece of splitJson(source(), { maxElementChars: 1000 })) {
    if (count === 0) chunksAtFirst = chunksProduced;
    count++;
    last = piece;
  }
  expect(chunksAtFirst).toBe(1);
  expect(count).toBe(total);
  expect(last).toEqual({ line: total, text: `{"external_id":"id-${total - 1}","n":${total - 1}}` });
});
