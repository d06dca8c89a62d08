import { expect, test } from "vitest";
import { evidenceRequestSchema } from "./evidence";

const problems = (input: unknown) => evidenceRequestSchema.safeParse(input).error?.issues.map((i) => [i.path.join("."), i.message]);

test("half a period is refused as half a period, not as a period that ends before it starts", () => {
  // The API keeps one message per field: a second one on `to` would replace the first.
  expect(problems({ framework: "soc2", from: "2026-11-01" })).toEqual([["to", "from and to go together"]]);
  expect(problems({ framework: "soc2", to: "2026-11-01" })).toEqual([["to", "from and to go together"]]);
});

test("a period is refused when it ends before it starts, and accepted in order", () => {
  expect(problems({ framework: "soc2", from: "2026-11-02", to: "2026-11-01" })).toEqual([["to", "must not be before the first day"]]);
  expect(problems({ framework: "soc2", from: "2026-11-01", to: "2026-11-01" })).toBeUndefined();
});
