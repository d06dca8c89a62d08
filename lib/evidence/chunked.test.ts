import { expect, test } from "vitest";
import { joinToBuffer, jsonToBuffer } from "./chunked";

test("piecewise JSON equals JSON.stringify for plain data, including escapes, nulls and dates", () => {
  const value = { a: [1, "two", null, undefined, { b: true, c: undefined }], "k\"ey": "line\nbreak <b>", when: new Date(0), n: -1.5e-7, empty: {} };
  expect(jsonToBuffer(value).toString()).toBe(`${JSON.stringify(value)}\n`);
});

test("a large document (walked at the top, its small parts stringified whole) still equals JSON.stringify", () => {
  const finding = (i: number) => ({ uuid: `f-${i}`, props: [{ name: "rule", value: `R${i % 22}` }], seen: new Date(i * 1000), gone: undefined, note: i % 3 ? null : "x\ty" });
  const value = { results: [{ findings: Array.from({ length: 3000 }, (_, i) => finding(i)), skipped: undefined, list: [undefined, 1] }], meta: { n: 3000 } };
  expect(jsonToBuffer(value).toString()).toBe(`${JSON.stringify(value)}\n`);
});

test("pieces larger than one chunk are joined in order", () => {
  const pieces = Array.from({ length: 3000 }, (_, i) => `${i}:${"x".repeat(700)}\n`);
  expect(joinToBuffer(pieces).toString()).toBe(pieces.join(""));
});
