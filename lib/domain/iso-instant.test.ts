import { expect, test } from "vitest";
import { z } from "zod";
import { issueReason } from "./zod-issue";
import { approvalSchema } from "./approval";
import { evidenceRequestSchema } from "./evidence";
import { postureQuerySchema } from "./posture";

const reasons = (schema: z.ZodType, input: unknown) => schema.safeParse(input).error?.issues.map((i) => [i.path.join("."), issueReason(i)]);
const SAYS = "must be an ISO 8601 instant with a time zone, such as 2026-11-01T00:00:00Z";

test("a day, or a time without a zone, where an instant is wanted is refused with what an instant looks like", () => {
  expect(reasons(postureQuerySchema, { as_of: "2026-11-01" })).toEqual([["as_of", SAYS]]);
  expect(reasons(evidenceRequestSchema, { framework: "soc2", asOf: "2026-11-01T10:00:00" })).toEqual([["asOf", SAYS]]);
  expect(postureQuerySchema.safeParse({ as_of: "2026-11-01T00:00:00+02:00" }).success).toBe(true);
});

test("a required instant left out is still named as required", () => {
  expect(reasons(approvalSchema, {})).toContainEqual(["approvedAt", "is required"]);
});
