import { expect, test } from "vitest";
import { z } from "zod";
import { issueReason } from "./zod-issue";

const schema = z.object({
  kind: z.enum(["a", "b"]),
  version: z.literal(1),
  label: z.enum(["x", "y"]).optional(),
  nested: z.object({ mode: z.enum(["on", "off"]) }).optional(),
});

const reasons = (input: unknown) => schema.safeParse(input).error?.issues.map((i) => [i.path.join("."), issueReason(i, { schema, input })]);

test("a required enum or literal left out or empty is required, wherever it is", () => {
  expect(reasons({ kind: "", version: null, nested: {} })).toEqual([
    ["kind", "is required"],
    ["version", "is required"],
    ["nested.mode", "is required"],
  ]);
  expect(reasons({ version: 1, nested: { mode: null } })).toEqual([
    ["kind", "is required"],
    ["nested.mode", "is required"],
  ]);
});

test("a value present but wrong, or an optional enum left empty, keeps zod's message listing the allowed values", () => {
  expect(reasons({ kind: "c", version: 1, label: "" })).toEqual([
    ["kind", 'Invalid option: expected one of "a"|"b"'],
    ["label", 'Invalid option: expected one of "x"|"y"'],
  ]);
});
