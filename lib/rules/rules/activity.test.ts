import { describe, expect, test } from "vitest";
import { agentVolumeDelete, approval, facts, runEvent } from "../test-fixtures";
import { R15, R16, R17, R18 } from "./activity";

describe("R15 cross-env-use — prevents a key meant for staging silently deleting in production", () => {
  test("fails a production event with a staging credential", () => {
    expect(runEvent(R15, agentVolumeDelete(), { credential: facts({ environments: ["staging"] }) })).toEqual({
      result: "fail",
      reason: "the event touched production but credential railway-pocketos-token is scoped to staging",
    });
  });
  test("passes inside the credential's environments (the PocketOS token's `*` covers everything)", () => {
    expect(runEvent(R15, agentVolumeDelete()).reason).toBe("the credential is valid in every environment (*)");
    expect(runEvent(R15, agentVolumeDelete(), { credential: facts({ environments: ["production"] }) }).result).toBe("pass");
  });
  test("does not apply while the credential or the resource's environment is unknown", () => {
    expect(runEvent(R15, agentVolumeDelete(), { credential: null }).result).toBe("not_applicable");
    expect(runEvent(R15, agentVolumeDelete({ resourceEnvironment: null })).result).toBe("not_applicable");
  });
});

describe("R16 unapproved-destructive — prevents the PocketOS agent's volumeDelete in production with nobody asked", () => {
  test("fails the incident event: agent volumeDelete in production, no approval", () => {
    expect(runEvent(R16, agentVolumeDelete())).toEqual({
      result: "fail",
      reason: "an agent ran destructive volumeDelete on volume/prod-db in production: no approval names this resource and operation",
    });
  });
  test("fails when the only approval came after the delete", () => {
    const late = approval({ approvedAt: "2026-11-25T11:05:00.000Z" });
    expect(runEvent(R16, agentVolumeDelete(), { approvals: [late] }).result).toBe("fail");
  });
  test("passes with an approval granted before it", () => {
    expect(runEvent(R16, agentVolumeDelete(), { approvals: [approval()] })).toEqual({ result: "pass", reason: "approved by lead@example.com (ticket CHG-1042)" });
  });
  test("does not apply to humans, reads, or staging", () => {
    expect(runEvent(R16, agentVolumeDelete({ actorType: "human" })).reason).toBe("actor_type=human");
    expect(runEvent(R16, agentVolumeDelete({ destructive: false, operation: "read" })).result).toBe("not_applicable");
    expect(runEvent(R16, agentVolumeDelete({ resourceEnvironment: "staging" })).result).toBe("not_applicable");
  });
});

describe("R17 attribution — prevents the PocketOS question nobody could answer from logs: was it a human or the agent?", () => {
  test("passes a fully attributed event", () => {
    expect(runEvent(R17, agentVolumeDelete())).toEqual({ result: "pass", reason: "actor_type=agent; operation=delete; outcome=success" });
  });
  test("fails naming every missing fact", () => {
    expect(runEvent(R17, agentVolumeDelete({ actorType: "unknown", credential: null, resource: null }))).toEqual({
      result: "fail",
      reason: "actor_type=unknown; credential is null; resource is null",
    });
  });
  test("does not apply to an event without a usable time", () => {
    expect(runEvent(R17, agentVolumeDelete({ occurredAt: "not-a-time" })).result).toBe("not_applicable");
  });
});

describe("R18 use-after-expiry — prevents a credential everyone believes is dead still opening production", () => {
  test("fails a successful use after revocation", () => {
    expect(runEvent(R18, agentVolumeDelete(), { credential: facts({ revokedAt: "2026-11-25T10:00:00.000Z" }) })).toEqual({
      result: "fail",
      reason: "credential railway-pocketos-token was used at 2026-11-25T11:00:00.000Z, after its revocation at 2026-11-25T10:00:00.000Z",
    });
  });
  test("passes while the credential is valid", () => {
    expect(runEvent(R18, agentVolumeDelete(), { credential: facts({ expiresAt: "2026-11-26T00:00:00.000Z" }) }).result).toBe("pass");
  });
  test("does not apply to a refused attempt or an unknown credential", () => {
    const expired = facts({ expiresAt: "2026-11-01T00:00:00.000Z" });
    expect(runEvent(R18, agentVolumeDelete({ outcome: "denied" }), { credential: expired }).result).toBe("not_applicable");
    expect(runEvent(R18, agentVolumeDelete(), { credential: null }).result).toBe("not_applicable");
  });
});
