import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import type { Approval } from "../domain/approval";
import { approvalContentKey, readApprovalBatch, type ApprovalLine } from "./approvals";

const approval: Approval = {
  approver: "lead@x.test",
  requester: "dev@x.test",
  operation: "delete",
  resource: "railway:volume/*",
  environment: "production",
  approvedAt: "2026-11-20T10:00:00Z",
  expiresAt: "2026-11-20T12:00:00Z",
  reference: "CHG-1",
  channel: "ticket",
};

async function read(text: string, form: "ndjson" | "json-array"): Promise<ApprovalLine[]> {
  async function* bytes() {
    yield new TextEncoder().encode(text);
  }
  const out: ApprovalLine[] = [];
  for await (const line of readApprovalBatch(bytes(), form, 10_000)) out.push(line);
  return out;
}

describe("approvalContentKey", () => {
  test("is stored in a unique column, so the text it hashes never changes: these fields, sorted, instants in UTC with milliseconds", () => {
    const canonical =
      '{"approved_at":"2026-11-20T10:00:00.000Z","approver":"lead@x.test","channel":"ticket","environment":"production",' +
      '"expires_at":"2026-11-20T12:00:00.000Z","operation":"delete","reference":"CHG-1","requester":"dev@x.test","resource":"railway:volume/*"}';
    expect(approvalContentKey(approval)).toBe(`content:${createHash("sha256").update(canonical).digest("hex")}`);
  });

  test("is what the approval states: instants in any zone alike, a client's id aside, any other field apart", () => {
    const key = approvalContentKey(approval);
    expect(approvalContentKey({ ...approval, approvedAt: "2026-11-20T11:00:00.000+01:00", id: "6f1c1c8e-2b0a-4d1e-9a51-5d1d3c1f7a10" })).toBe(key);
    for (const field of ["approver", "requester", "operation", "resource", "reference"] as const) {
      expect(approvalContentKey({ ...approval, [field]: `${approval[field]}x` }), field).not.toBe(key);
    }
    expect(approvalContentKey({ ...approval, environment: "staging" })).not.toBe(key);
    expect(approvalContentKey({ ...approval, channel: "slack" })).not.toBe(key);
    expect(approvalContentKey({ ...approval, expiresAt: "2026-11-20T12:00:01Z" })).not.toBe(key);
  });
});

describe("readApprovalBatch", () => {
  test("NDJSON: blank lines skipped, each bad line rejected with its number and every bad field", async () => {
    const lines = await read([JSON.stringify(approval), "", "[1]", JSON.stringify({ ...approval, operation: "", environment: "prod" })].join("\n"), "ndjson");
    expect(lines).toEqual([
      { line: 1, approval },
      { line: 3, error: { line: 3, reason: "an approval must be a JSON object" } },
      { line: 4, error: { line: 4, field: "operation, environment", reason: "operation: is required; environment: must be one of production, staging, development, *" } },
    ]);
  });

  test("a JSON array: each element with its line and item; one that is not an object rejected where it stands", async () => {
    const lines = await read(`[\n  ${JSON.stringify(approval)},\n  "CHG-2",\n  ${JSON.stringify({ ...approval, reference: "a\u202Eb" })}\n]`, "json-array");
    expect(lines).toEqual([
      { line: 2, item: 1, approval },
      { line: 3, item: 2, error: { line: 3, item: 2, reason: "expected a JSON object" } },
      { line: 4, item: 3, error: { line: 4, item: 3, field: "reference", reason: "must not contain control characters or bidirectional overrides" } },
    ]);
  });
});
