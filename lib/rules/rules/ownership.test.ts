import { describe, expect, test } from "vitest";
import { goodCredential, runCredential } from "../test-fixtures";
import { R01, R02, R03 } from "./ownership";

const revoked = goodCredential({ revoked_at: "2026-11-01T00:00:00.000Z" });

describe("R01 owner — prevents an orphaned key nobody rotates or revokes after its creator leaves", () => {
  test("passes with team and owner email", () => {
    expect(runCredential(R01, goodCredential())).toEqual({ result: "pass", reason: "team=billing; owner_email=owner@example.com" });
  });
  test("fails naming each missing field", () => {
    const { team: _t, owner_email: _o, ...c } = goodCredential();
    expect(runCredential(R01, c)).toEqual({ result: "fail", reason: "team not stated; owner_email not stated" });
  });
  test("does not apply to a revoked credential", () => {
    expect(runCredential(R01, revoked).result).toBe("not_applicable");
  });
});

describe("R02 env-tag — prevents the PocketOS token nobody knew reached production", () => {
  test("passes when tagged, including `*`", () => {
    expect(runCredential(R02, goodCredential()).result).toBe("pass");
    expect(runCredential(R02, goodCredential({ environments: ["*"] })).result).toBe("pass");
  });
  test("fails when untagged or not stated", () => {
    expect(runCredential(R02, goodCredential({ environments: [] }))).toEqual({ result: "fail", reason: "environments=[] (untagged)" });
    const { environments: _e, ...c } = goodCredential();
    expect(runCredential(R02, c)).toEqual({ result: "fail", reason: "environments not stated" });
  });
  test("does not apply to an expired credential", () => {
    expect(runCredential(R02, goodCredential({ environments: [], status: "expired", expires_at: "2026-11-25T11:00:00.000Z" }))).toEqual({ result: "not_applicable", reason: "credential can no longer authenticate (status=expired)" });
  });
});

describe("R03 agent-flag — prevents the PocketOS blind spot: nobody recorded that an agent could read the token", () => {
  test("passes when stated either way", () => {
    expect(runCredential(R03, goodCredential({ agent_accessible: false }))).toEqual({ result: "pass", reason: "agent_accessible=false" });
  });
  test("fails when not stated", () => {
    const { agent_accessible: _a, ...c } = goodCredential();
    expect(runCredential(R03, c)).toEqual({ result: "fail", reason: "agent_accessible not stated" });
  });
  test("does not apply to a revoked credential", () => {
    expect(runCredential(R03, revoked).result).toBe("not_applicable");
  });
});
