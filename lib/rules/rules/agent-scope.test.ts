import { describe, expect, test } from "vitest";
import { goodCredential, pocketOsToken, runCredential } from "../test-fixtures";
import { R08, R09, R10, R11 } from "./agent-scope";

const notForAgents = goodCredential({ agent_accessible: false });

describe("R08 single-env — prevents the PocketOS agent reaching production with a token meant for staging work", () => {
  test("passes one named environment", () => {
    expect(runCredential(R08, goodCredential())).toEqual({ result: "pass", reason: "environments=[staging]" });
  });
  test("fails untagged (PocketOS), `*`, and several environments", () => {
    expect(runCredential(R08, pocketOsToken())).toEqual({ result: "fail", reason: "environments=[]; agent_accessible=true" });
    expect(runCredential(R08, goodCredential({ environments: ["*"] })).result).toBe("fail");
    expect(runCredential(R08, goodCredential({ environments: ["staging", "production"] })).result).toBe("fail");
  });
  test("does not apply when agents cannot use it", () => {
    expect(runCredential(R08, { ...notForAgents, environments: ["*"] })).toEqual({ result: "not_applicable", reason: "agent_accessible=false" });
  });
});

describe("R09 allowlist — prevents the PocketOS agent calling any API the token allowed, volumeDelete included", () => {
  test("passes with an allowlist", () => {
    expect(runCredential(R09, goodCredential())).toEqual({ result: "pass", reason: "allowed_operations=[read, deploy]" });
  });
  test("fails unrestricted (PocketOS) and not stated", () => {
    expect(runCredential(R09, pocketOsToken())).toEqual({ result: "fail", reason: "allowed_operations is null (unrestricted); agent_accessible=true" });
    const { allowed_operations: _o, ...c } = goodCredential();
    expect(runCredential(R09, c).reason).toBe("allowed_operations not stated; agent_accessible=true");
  });
  test("does not apply when agent_accessible is not stated (R03 covers it)", () => {
    const { agent_accessible: _a, ...c } = goodCredential({ allowed_operations: null });
    expect(runCredential(R09, c)).toEqual({ result: "not_applicable", reason: "agent_accessible=not stated" });
  });
});

describe("R10 agent-destructive-prod — prevents the PocketOS nine-second production delete", () => {
  test("passes a production agent credential with no destructive operation", () => {
    expect(runCredential(R10, goodCredential({ environments: ["production"] })).result).toBe("pass");
  });
  test("fails the PocketOS token and an allowlist including drop", () => {
    expect(runCredential(R10, pocketOsToken())).toEqual({
      result: "fail",
      reason: "allowed_operations is null (unrestricted); environments=[]; agent_accessible=true",
    });
    const drops = goodCredential({ environments: ["production"], allowed_operations: ["read", "drop"] });
    expect(runCredential(R10, drops).reason).toBe("allowed_operations include drop; environments=[production]; agent_accessible=true");
  });
  test("does not apply outside production or when agents cannot use it", () => {
    expect(runCredential(R10, goodCredential({ allowed_operations: null }))).toEqual({ result: "not_applicable", reason: "environments=[staging]: not valid in production" });
    expect(runCredential(R10, { ...notForAgents, allowed_operations: null }).result).toBe("not_applicable");
  });
});

describe("R11 dedicated-identity — prevents agent actions logged as a human's, so nobody can tell who deleted what", () => {
  test("passes a service principal (PocketOS had no human behind its token)", () => {
    expect(runCredential(R11, pocketOsToken())).toEqual({ result: "pass", reason: "principal_type=service" });
  });
  test("fails a human's credential that agents can use, or that agents did use", () => {
    expect(runCredential(R11, goodCredential({ principal_type: "human", principal: "alice" }))).toEqual({
      result: "fail",
      reason: "principal_type=human (alice); agent_accessible=true",
    });
    const used = { ...notForAgents, principal_type: "human" as const, principal: "bob" };
    expect(runCredential(R11, used, { agentEventCount: 3 }).reason).toBe("principal_type=human (bob); 3 agent event(s)");
  });
  test("does not apply when no agent can or did use it", () => {
    expect(runCredential(R11, { ...notForAgents, principal_type: "human" }).result).toBe("not_applicable");
  });
  test("revoking the human's credential, as its remediation says, settles it even though the agent's past use stays on record", () => {
    const revoked = { ...notForAgents, principal_type: "human" as const, principal: "bob", status: "revoked" as const, revoked_at: "2026-11-25T11:00:00.000Z" };
    expect(runCredential(R11, revoked, { agentEventCount: 3 })).toEqual({
      result: "not_applicable",
      reason: "credential can no longer authenticate (status=revoked)",
    });
  });
});
