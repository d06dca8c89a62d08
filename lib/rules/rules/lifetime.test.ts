import { describe, expect, test } from "vitest";
import { goodCredential, pocketOsToken, runCredential } from "../test-fixtures";
import { R04, R05, R06, R07 } from "./lifetime";

const human = (over: Parameters<typeof goodCredential>[0] = {}) =>
  goodCredential({ agent_accessible: false, principal_type: "human", environments: ["development"], ...over });

describe("R04 agent-ttl — prevents the PocketOS token that never expired from staying usable by an agent", () => {
  test("passes for a 20-hour agent token", () => {
    expect(runCredential(R04, goodCredential())).toEqual({ result: "pass", reason: "lifetime 20 h ≤ 24 h" });
  });
  test("fails the PocketOS token (no expiry) and a 48-hour token", () => {
    expect(runCredential(R04, pocketOsToken())).toEqual({ result: "fail", reason: "expires_at is null; agent_accessible=true" });
    const twoDays = goodCredential({ expires_at: "2026-11-27T00:00:00.000Z" });
    expect(runCredential(R04, twoDays)).toEqual({ result: "fail", reason: "lifetime 48 h > 24 h; agent_accessible=true" });
  });
  test("an admin-raised limit is honoured", () => {
    const twoDays = goodCredential({ expires_at: "2026-11-27T00:00:00.000Z" });
    expect(runCredential(R04, twoDays, { params: { maxHours: 72 } }).result).toBe("pass");
  });
  test("does not apply when agents cannot use it", () => {
    expect(runCredential(R04, human({ expires_at: null }))).toEqual({ result: "not_applicable", reason: "agent_accessible=false" });
  });
  test("a minute over the limit is shown as over it, not rounded to it", () => {
    const overByAMinute = goodCredential({ expires_at: "2026-11-26T00:01:00.000Z" });
    expect(runCredential(R04, overByAMinute)).toEqual({ result: "fail", reason: "lifetime 24.02 h > 24 h; agent_accessible=true" });
  });
  test("without created_at it judges, and names, only the time remaining", () => {
    const { created_at: _c, ...c } = goodCredential();
    expect(runCredential(R04, c)).toEqual({ result: "pass", reason: `created_at not stated; expires_at=${c.expires_at} is within 24 h` });
  });
});

describe("R05 max-lifetime — prevents the never-expiring keys behind the PocketOS token", () => {
  test("passes a 30-day human credential", () => {
    expect(runCredential(R05, human({ expires_at: "2026-12-25T00:00:00.000Z" }))).toEqual({ result: "pass", reason: "lifetime 30 days ≤ 90 days" });
  });
  test("fails no expiry (PocketOS) and a 200-day lifetime", () => {
    expect(runCredential(R05, pocketOsToken())).toEqual({ result: "fail", reason: "expires_at is null; agent_accessible=true" });
    expect(runCredential(R05, human({ expires_at: "2027-06-13T00:00:00.000Z" }))).toEqual({ result: "fail", reason: "lifetime 200 days > 90 days" });
  });
  test("a minute over 90 days is shown as over it, not rounded to it", () => {
    const c = human({ created_at: "2026-11-01T00:00:00.000Z", expires_at: "2027-01-30T00:01:00.000Z" });
    expect(runCredential(R05, c)).toEqual({ result: "fail", reason: "lifetime 90.001 days > 90 days" });
  });
  test("without created_at it claims no lifetime: it judges the time remaining, which a lifetime is at least", () => {
    const { created_at: _c, ...soon } = human({ expires_at: "2026-12-25T12:00:00.000Z" });
    expect(runCredential(R05, soon)).toEqual({ result: "pass", reason: "created_at not stated; expires_at=2026-12-25T12:00:00.000Z is within 90 days" });
    const { created_at: _d, ...late } = human({ expires_at: "2027-06-13T12:00:00.000Z" });
    expect(runCredential(R05, late)).toEqual({ result: "fail", reason: "created_at not stated; expires_at=2027-06-13T12:00:00.000Z is more than 90 days away" });
  });
  test("a creation after the evaluation instant is not known then", () => {
    const c = human({ created_at: "2026-11-26T12:00:00.000Z", expires_at: "2026-12-25T12:00:00.000Z" });
    expect(runCredential(R05, c)).toEqual({
      result: "pass",
      reason: "created_at=2026-11-26T12:00:00.000Z is after the evaluation instant, so not known then; expires_at=2026-12-25T12:00:00.000Z is within 90 days",
    });
  });
  test("does not apply to an agent credential with an expiry (R04 judges it) or a revoked one", () => {
    expect(runCredential(R05, goodCredential()).result).toBe("not_applicable");
    expect(runCredential(R05, human({ expires_at: null, status: "revoked" })).result).toBe("not_applicable");
  });
});

describe("R06 rotation — prevents a leaked long-lived key staying valid for years (CircleCI 2023 secrets rotation)", () => {
  const longLived = { expires_at: null, created_at: "2025-01-01T00:00:00.000Z" };
  test("production window is 90 days: 100 days since rotation fails", () => {
    const c = human({ ...longLived, environments: ["production"], last_rotated_at: "2026-08-17T12:00:00.000Z" });
    expect(runCredential(R06, c)).toEqual({ result: "fail", reason: "last_rotated_at=2026-08-17T12:00:00.000Z: 100 days > 90-day production (or untagged/*) window" });
  });
  test("other environments get 365 days: the same 100 days passes", () => {
    const c = human({ ...longLived, last_rotated_at: "2026-08-17T12:00:00.000Z" });
    expect(runCredential(R06, c)).toEqual({ result: "pass", reason: "last_rotated_at=2026-08-17T12:00:00.000Z: 100 days ≤ 365-day non-production window" });
  });
  test("never rotated falls back to created_at", () => {
    const { last_rotated_at: _r, ...c } = human({ ...longLived, environments: [] });
    expect(runCredential(R06, c).reason).toBe("never rotated; created_at=2025-01-01T00:00:00.000Z: 693.5 days > 90-day production (or untagged/*) window");
  });
  test("does not apply when it expires within the window anyway", () => {
    expect(runCredential(R06, goodCredential()).result).toBe("not_applicable");
  });
  test("an unknown creation is no exemption: 200 days past rotation fails though it expires in 30", () => {
    const { created_at: _c, ...c } = human({
      environments: ["production"], last_rotated_at: "2026-05-09T12:00:00.000Z", expires_at: "2026-12-25T12:00:00.000Z",
    });
    expect(runCredential(R06, c)).toEqual({
      result: "fail",
      reason: "last_rotated_at=2026-05-09T12:00:00.000Z: 200 days > 90-day production (or untagged/*) window",
    });
  });
  test("90 days and an hour since rotation fails: the age is not rounded down to the window", () => {
    const c = human({ ...longLived, environments: ["production"], last_rotated_at: "2026-08-27T11:00:00.000Z" });
    expect(runCredential(R06, c)).toEqual({
      result: "fail",
      reason: "last_rotated_at=2026-08-27T11:00:00.000Z: just over 90 days > 90-day production (or untagged/*) window",
    });
  });
  test("a rotation after the evaluation instant does not count then: the age runs from created_at", () => {
    const c = human({ ...longLived, environments: ["production"], last_rotated_at: "2026-12-04T12:00:00.000Z" });
    expect(runCredential(R06, c)).toEqual({
      result: "fail",
      reason: "last_rotated_at=2026-12-04T12:00:00.000Z is after the evaluation instant, so not known then; "
        + "created_at=2025-01-01T00:00:00.000Z: 693.5 days > 90-day production (or untagged/*) window",
    });
  });
});

describe("R07 stale — prevents forgotten live keys an attacker (or agent) can pick up (Midnight Blizzard 2024: a forgotten legacy test account)", () => {
  test("passes when used recently", () => {
    expect(runCredential(R07, goodCredential()).result).toBe("pass");
  });
  test("fails when unused for 120 days, and when never used since an old creation", () => {
    expect(runCredential(R07, goodCredential({ last_used_at: "2026-07-28T12:00:00.000Z" })).reason).toBe(
      "last_used_at=2026-07-28T12:00:00.000Z: unused 120 days > 90",
    );
    expect(runCredential(R07, goodCredential({ last_used_at: null, created_at: "2026-01-01T00:00:00.000Z" })).result).toBe("fail");
  });
  test("does not apply when usage is not stated or the key is disabled", () => {
    const { last_used_at: _u, ...unknown } = goodCredential();
    expect(runCredential(R07, unknown)).toEqual({ result: "not_applicable", reason: "last_used_at not stated: usage unknown" });
    expect(runCredential(R07, goodCredential({ status: "disabled" })).result).toBe("not_applicable");
  });
  test("a use after the evaluation instant is not known then", () => {
    expect(runCredential(R07, goodCredential({ last_used_at: "2026-11-28T12:00:00.000Z" }))).toEqual({
      result: "not_applicable",
      reason: "last_used_at=2026-11-28T12:00:00.000Z is after the evaluation instant, so not known then: usage unknown",
    });
  });
});
