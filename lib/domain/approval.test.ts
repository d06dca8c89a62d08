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
  ];
  for (const [name, over, failingField] of cases) {
    it(name, () => {
      const result = approvalSchema.safeParse({ ...valid, ...over });
      expect(result.success ? null : result.error.issues[0]?.path.join(".")).toBe(failingField);
    });
  }
});
