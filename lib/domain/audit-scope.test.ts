import { expect, test } from "vitest";
import { auditScopeSchema } from "./audit-scope";
import { issueFields } from "./zod-issue";

// The window's length was checked on a first day that was no day at all: new Date(NaN).toISOString() threw, so an
// auditor created with an empty or mistyped first day was a 500 (and the user dialog's submit threw) instead of a field error.
test.each([
  [{ framework: "soc2", from: "", to: "2026-01-31" }, { from: "is required" }],
  [{ framework: "soc2", from: "2026-13-01", to: "2026-01-31" }, { from: "must be a calendar day as YYYY-MM-DD" }],
  [{ framework: "soc2", from: "2026-01-01", to: "soon" }, { to: "must be a calendar day as YYYY-MM-DD" }],
])("a scope whose days are not days is refused, naming the day: %j", (input, fields) => {
  const parsed = auditScopeSchema.safeParse(input);
  expect(parsed.success).toBe(false);
  expect(issueFields(parsed.error!, { schema: auditScopeSchema, input })).toEqual(fields);
});
