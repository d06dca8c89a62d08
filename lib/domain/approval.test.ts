import { describe, expect, it } from "vitest";
import { approvalSchema } from "./approval";

const valid = {
  approver: "carol@example.com",
  requester: "alice@example.com",
  operation: "delete",
  resource: "railway:volume/*",
  environment: "production",
  approvedAt: "2026-11-21T13:00:00Z",
  expiresAt: "2026-11-21T15:00:00+00:00",
  reference: "CHG-7",
  channel: "pagerduty",
};

describe("approvalSchema", () => {
  const cases: [string, Record<string, unknown>, string | null][] = [
    ["valid approval", {}, null],
    ["self-approval", { approver: "Alice@example.com" }, "approver"],
    ["expiry before approval", { expiresAt: "2026-11-21T12:00:00Z" }, "expiresAt"],
    ["timestamp without zone", { approvedAt: "2026-11-21T13:00:00" }, "approvedAt"],
    ["unknown channel", { channel: "email" }, "channel"],
    ["missing expiry", { expiresAt: undefined }, "expiresAt"],
    // An id the database cannot hold was a 500; a 10,000-character reference made the approvals table 280,000 px wide.
    ["id that is not a UUID", { id: "CHG-7" }, "id"],
    ["reference of 10,000 characters", { reference: "R".repeat(10_000) }, "reference"],
    ["resource longer than an event's", { resource: "r".repeat(4097) }, "resource"],
    ["approver longer than an email address", { approver: "a".repeat(321) }, "approver"],
    // Who approved, and under which reference, must read as stored: refused like a credential's name.
    ["approver with a right-to-left override", { approver: "carol\u202e@example.com" }, "approver"],
    ["reference with a terminal escape", { reference: "CHG-7\u001b[2J" }, "reference"],
  ];
  for (const [name, over, failingField] of cases) {
    it(name, () => {
      const result = approvalSchema.safeParse({ ...valid, ...over });
      expect(result.success ? null : result.error.issues[0]?.path.join(".")).toBe(failingField);
    });
  }
});

it("an unknown environment is refused with the ones an approval may name", () => {
  const result = approvalSchema.safeParse({ ...valid, environment: "prod" });
  expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["environment", 'Invalid option: expected one of "production"|"staging"|"development"|"*"']]);
  expect(approvalSchema.safeParse({ ...valid, environment: "*" }).success).toBe(true);
});
