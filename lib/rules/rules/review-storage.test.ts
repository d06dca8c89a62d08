import { describe, expect, test } from "vitest";
import { goodCredential, pocketOsToken, runCredential } from "../test-fixtures";
import { R19, R20 } from "./review-storage";

describe("R19 review — prevents an agent's standing access going unquestioned because only its owner ever looked", () => {
  test("passes a recent review by someone other than the owner", () => {
    expect(runCredential(R19, goodCredential())).toEqual({ result: "pass", reason: "reviewed 24.5 days ago by reviewer@example.com" });
  });
  test("fails a self-review and a review older than 90 days", () => {
    expect(runCredential(R19, goodCredential({ reviewer: "Owner@example.com" })).reason).toBe("reviewer=Owner@example.com is the owner");
    expect(runCredential(R19, goodCredential({ last_review_at: "2026-06-01T00:00:00.000Z" })).reason).toBe(
      "last_review_at=2026-06-01T00:00:00.000Z: 177.5 days > 90",
    );
  });
  test("does not apply to a human credential agents cannot use", () => {
    expect(runCredential(R19, goodCredential({ principal_type: "human", agent_accessible: false })).result).toBe("not_applicable");
  });
});

describe("R20 storage — prevents the PocketOS token sitting in plaintext where an agent could read it", () => {
  test("fails plaintext (PocketOS) and env files", () => {
    expect(runCredential(R20, pocketOsToken())).toEqual({ result: "fail", reason: "storage=plaintext" });
    expect(runCredential(R20, goodCredential({ storage: "env_file" })).result).toBe("fail");
  });
  test("passes a vault", () => {
    expect(runCredential(R20, goodCredential())).toEqual({ result: "pass", reason: "storage=vault" });
  });
  test("does not apply to a revoked credential", () => {
    expect(runCredential(R20, goodCredential({ storage: "plaintext", status: "revoked" })).result).toBe("not_applicable");
  });
});
