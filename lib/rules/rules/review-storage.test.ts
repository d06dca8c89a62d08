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
  test("fails 90 days and an hour: the age is not rounded down to the limit", () => {
    expect(runCredential(R19, goodCredential({ last_review_at: "2026-08-27T11:00:00.000Z" }))).toEqual({
      result: "fail",
      reason: "last_review_at=2026-08-27T11:00:00.000Z: just over 90 days > 90",
    });
  });
  test("a review after the evaluation instant had not happened then", () => {
    expect(runCredential(R19, goodCredential({ last_review_at: "2026-12-04T12:00:00.000Z" }))).toEqual({
      result: "fail",
      reason: "last_review_at=2026-12-04T12:00:00.000Z is after the evaluation instant, so not known then",
    });
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
  test("a revocation or expiry after the evaluation instant leaves it live then, unless it had expired by then", () => {
    const revokedLater = goodCredential({ storage: "plaintext", status: "revoked", revoked_at: "2026-11-26T00:00:00.000Z" });
    expect(runCredential(R20, revokedLater)).toEqual({ result: "fail", reason: "storage=plaintext" });
    const expiredLater = goodCredential({ storage: "plaintext", status: "expired" });
    expect(runCredential(R20, expiredLater)).toEqual({ result: "fail", reason: "storage=plaintext" });
    const expiredFirst = { ...revokedLater, expires_at: "2026-11-25T11:00:00.000Z" };
    expect(runCredential(R20, expiredFirst)).toEqual({
      result: "not_applicable",
      reason: "credential can no longer authenticate (expired at 2026-11-25T11:00:00.000Z)",
    });
  });
});
