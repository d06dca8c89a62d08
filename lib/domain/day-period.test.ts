import { describe, expect, test } from "vitest";
import type { z } from "zod";
import { evidenceRequestSchema } from "./evidence";
import { postureTrendQuerySchema } from "./posture";

describe.each<[string, z.ZodType]>([
  ["an evidence request", evidenceRequestSchema],
  ["a posture trend query", postureTrendQuerySchema],
])("the period of %s", (_, schema) => {
  const problems = (period: object) => schema.safeParse({ framework: "soc2", ...period }).error?.issues.map((i) => [i.path.join("."), i.message]);

  test("half a period is refused as half a period, not as a period that ends before it starts", () => {
    expect(problems({ from: "2026-11-01" })).toEqual([["to", "from and to go together"]]);
    expect(problems({ to: "2026-11-01" })).toEqual([["to", "from and to go together"]]);
  });

  test("a period that ends before it starts is refused; one in order is accepted", () => {
    expect(problems({ from: "2026-11-02", to: "2026-11-01" })).toEqual([["to", "must not be before the first day"]]);
    expect(problems({ from: "2026-11-01", to: "2026-11-01" })).toBeUndefined();
  });
});
