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

  test("a day is YYYY-MM-DD or the instant that begins it in UTC; any other instant is refused as not a day", () => {
    expect(schema.parse({ framework: "soc2", from: "2026-11-20T00:00:00Z", to: "2026-11-21T00:00:00.000+00:00" })).toMatchObject({ from: "2026-11-20", to: "2026-11-21" });
    const message = "must be a day, YYYY-MM-DD (a period is whole UTC days)";
    expect(problems({ from: "2026-11-20T05:00:00Z", to: "2026-11-21" })).toEqual([["from", message]]);
    expect(problems({ from: "2026-11-20", to: "2026-11-21T00:00:00+02:00" })).toEqual([["to", message]]);
    expect(problems({ from: "2026-02-31", to: "2026-03-01" })).toEqual([["from", message]]);
  });
});
