import { describe, expect, test } from "vitest";
import { triageChange, triageDraftOf, UNASSIGNED } from "./triage";

const alice = { id: "8f6c2f0e-5f43-4a57-9d7c-1f3f0f3b6a11", name: "Alice", email: "alice@example.test" };
const bob = "2b1f7a7e-0c2d-4e57-8f8a-6b4b0a4c9d22";

describe("triageChange", () => {
  test("the stored values as picked change nothing: there is nothing to save", () => {
    for (const finding of [{ assignee: null, status: "open" as const }, { assignee: alice, status: "in_progress" as const }]) {
      expect(triageChange(finding, triageDraftOf(finding))).toBeNull();
    }
  });

  test("a field picked back to its stored value changes nothing", () => {
    const finding = { assignee: alice, status: "open" as const };
    expect(triageChange(finding, { assignee: alice.id, status: "open" })).toBeNull();
  });

  test("only the fields that differ are sent", () => {
    const finding = { assignee: alice, status: "open" as const };
    expect(triageChange(finding, { assignee: bob, status: "open" })).toEqual({ assigneeId: bob });
    expect(triageChange(finding, { assignee: alice.id, status: "in_progress" })).toEqual({ status: "in_progress" });
    expect(triageChange(finding, { assignee: UNASSIGNED, status: "in_progress" })).toEqual({ assigneeId: null, status: "in_progress" });
  });

  test("a resolved finding's status is not a person's to change", () => {
    const finding = { assignee: null, status: "resolved" as const };
    expect(triageChange(finding, { assignee: UNASSIGNED, status: "open" })).toBeNull();
    expect(triageChange(finding, { assignee: bob, status: "resolved" })).toEqual({ assigneeId: bob });
  });
});
