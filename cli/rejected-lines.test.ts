import { expect, test } from "vitest";
import { rejectedLines } from "./rejected-lines";

const errors = (n: number) => Array.from({ length: n }, (_, i) => ({ line: i + 2, reason: "not valid JSON" }));

test("a few rejected lines are listed whole, with the field when there is one", () => {
  expect(rejectedLines([{ line: 3, field: "kind", reason: "unknown kind" }, { line: 7, reason: "truncated" }], 2, "rows")).toEqual(["  line 3 [kind]: unknown kind", "  line 7: truncated"]);
});

test("a row of a JSON file is named by its item too: a minified file is all on line 1", () => {
  expect(rejectedLines([{ line: 1, item: 17, field: "kind", reason: "unknown kind" }], 1, "rows")).toEqual(["  line 1, item 17 [kind]: unknown kind"]);
});

test("past the first fifty, the report says how many more were rejected and what --json holds", () => {
  const all = rejectedLines(errors(80), 80, "lines");
  expect(all).toHaveLength(51);
  expect(all.at(-1)).toBe("  … 30 more rejected lines (--json lists them all)");
  // The run reports the first thousand; the rest are only counted.
  expect(rejectedLines(errors(1000), 78_017, "lines").at(-1)).toBe("  … 77967 more rejected lines (--json lists the first 1000)");
});

test("a reason quoting the rejected input cannot drive the terminal", () => {
  expect(rejectedLines([{ line: 2, field: "\u001b[2J", reason: "unknown field" }], 1, "rows")).toEqual(["  line 2 [\\x1b[2J]: unknown field"]);
});
