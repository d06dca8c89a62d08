import { describe, expect, it } from "vitest";
import { afterExpiry, crossEnv, flagEvent, unapprovedDestructive, type CredentialFacts } from "./activity-event-flags";
import type { Approval, HeldApproval } from "./approval";

const credential = (over: Partial<CredentialFacts> = {}): CredentialFacts => ({
  id: "cred-railway",
  environments: ["staging"],
  expiresAt: null,
  revokedAt: null,
  principalType: "service",
  ...over,
});

const event = {
  occurredAt: "2026-11-21T13:30:00.000Z",
  resourceEnvironment: "production" as const,
  actorType: "agent" as const,
  destructive: true,
  operation: "delete" as const,
  rawOperation: "volumeDelete",
  resource: "railway:volume/pg-data",
};

const approval = (over: Partial<Approval> = {}): Approval => ({
  approver: "carol@example.com",
  requester: "alice@example.com",
  operation: "delete",
  resource: "railway:volume/*",
  environment: "production",
  approvedAt: "2026-11-21T13:00:00Z",
  expiresAt: "2026-11-21T15:00:00Z",
  reference: "CHG-7",
  channel: "slack",
  ...over,
});

describe("crossEnv (R15)", () => {
  const cases: [string, CredentialFacts | null, typeof event.resourceEnvironment | null, boolean][] = [
    ["production event, staging-only credential", credential(), "production", true],
    ["production event, untagged credential", credential({ environments: [] }), "production", true],
    ["production event, production credential", credential({ environments: ["staging", "production"] }), "production", false],
    ["* covers every environment", credential({ environments: ["*"] }), "production", false],
    ["unknown resource environment is not flagged", credential(), null, false],
    ["unknown credential is not flagged yet", null, "production", false],
  ];
  for (const [name, cred, env, flagged] of cases) {
    it(name, () => expect(crossEnv({ resourceEnvironment: env }, cred).flagged).toBe(flagged));
  }
  it("names the credential and its scope", () => {
    expect(crossEnv(event, credential()).reason).toBe("the event touched production but credential cred-railway is scoped to staging");
  });
});

describe("afterExpiry (R18)", () => {
  const cases: [string, Partial<CredentialFacts>, boolean][] = [
    ["no expiry", {}, false],
    ["expires later", { expiresAt: "2026-11-22T00:00:00Z" }, false],
    ["expired exactly at the event", { expiresAt: "2026-11-21T13:30:00Z" }, true],
    ["expired before", { expiresAt: new Date("2026-11-01T00:00:00Z") }, true],
    ["revoked before", { revokedAt: "2026-11-21T13:29:59Z" }, true],
    ["revoked after", { revokedAt: "2026-11-21T13:30:01Z" }, false],
  ];
  for (const [name, over, flagged] of cases) {
    it(name, () => expect(afterExpiry(event, credential(over)).flagged).toBe(flagged));
  }
  it("says which happened", () => {
    expect(afterExpiry(event, credential({ revokedAt: "2026-11-20T00:00:00Z" })).reason).toBe(
      "credential cred-railway was used at 2026-11-21T13:30:00.000Z, after its revocation at 2026-11-20T00:00:00.000Z",
    );
  });
});

describe("unapprovedDestructive (R16)", () => {
  const cases: [string, Partial<typeof event>, Approval[], boolean][] = [
    ["the nine seconds: agent, destructive, production, no approval", {}, [], true],
    ["covered by an approval for the operation and resource glob", {}, [approval()], false],
    ["approval by raw operation name", {}, [approval({ operation: "volumeDelete", resource: "railway:volume/pg-data" })], false],
    ["approval granted after the event", {}, [approval({ approvedAt: "2026-11-21T13:31:00Z" })], true],
    ["approval expired before the event", {}, [approval({ expiresAt: "2026-11-21T13:30:00Z" })], true],
    ["approval for another resource", {}, [approval({ resource: "railway:service/*" })], true],
    ["approval for another operation", {}, [approval({ operation: "truncate" })], true],
    ["approval for staging only", {}, [approval({ environment: "staging" })], true],
    ["approval for any environment", {}, [approval({ environment: "*" })], false],
    ["human actor is not this rule's concern", { actorType: "human" as never }, [], false],
    ["non-destructive agent operation", { destructive: false }, [], false],
    ["staging resource", { resourceEnvironment: "staging" as never }, [], false],
  ];
  for (const [name, over, approvals, flagged] of cases) {
    it(name, () => expect(unapprovedDestructive({ ...event, ...over }, approvals).flagged).toBe(flagged));
  }
  it("an approval recorded more than 15 minutes after the time it states counts only from its recording", () => {
    // Stated 13:00, event 13:30: recorded at 13:10 it covers the event; recorded at 13:45 (after it) it does not.
    const heldAt = (recordedAt: string): HeldApproval => ({ ...approval(), recordedAt });
    expect(unapprovedDestructive(event, [heldAt("2026-11-21T13:10:00Z")]).flagged).toBe(false);
    expect(unapprovedDestructive(event, [heldAt("2026-11-21T13:15:00Z")]).flagged).toBe(false);
    const late = unapprovedDestructive(event, [heldAt("2026-11-21T13:45:00Z")]);
    expect(late.flagged).toBe(true);
    expect(late.reason).toMatch(/the approval CHG-7 says 2026-11-21T13:00:00Z but reached Leash at 2026-11-21T13:45:00Z, after the event/);
    // Recorded late but before the event: it counts from its recording, which is before the event.
    expect(unapprovedDestructive(event, [heldAt("2026-11-21T13:20:00Z")]).flagged).toBe(false);
    expect(unapprovedDestructive({ ...event, occurredAt: "2026-11-21T13:19:00.000Z" }, [heldAt("2026-11-21T13:20:00Z")]).flagged).toBe(true);
  });
  it("explains why a near-miss approval did not count", () => {
    expect(unapprovedDestructive(event, [approval({ approvedAt: "2026-11-21T13:31:00Z" })]).reason).toBe(
      "an agent ran destructive volumeDelete on railway:volume/pg-data in production: approvals for this operation exist but none was in force at the time",
    );
  });
});

describe("flagEvent", () => {
  it("computes all three flags", () => {
    const flags = flagEvent(event, credential({ expiresAt: "2026-11-01T00:00:00Z" }), []);
    expect([flags.crossEnv.flagged, flags.afterExpiry.flagged, flags.unapprovedDestructive.flagged]).toEqual([true, true, true]);
  });
});
