import { describe, expect, test } from "vitest";
import { blastRadius, rankBlastRadius, type BlastFacts } from "./blast-radius";

const now = new Date("2026-11-25T12:00:00Z");
const safe: BlastFacts = {
  agentAccessible: false,
  agentReadableExposures: 0,
  environments: ["staging"],
  allowedOperations: ["read"],
  createdAt: new Date("2026-11-25T00:00:00Z"),
  expiresAt: new Date("2026-11-25T08:00:00Z"),
  dead: null,
};

describe("agent blast radius", () => {
  test("the PocketOS Railway token (no expiry, everywhere, agent-accessible, unrestricted) is a nine-second credential", () => {
    const r = blastRadius({ ...safe, agentAccessible: true, environments: ["*"], allowedOperations: null, expiresAt: null }, now);
    expect(r.conditions).toEqual(["agent_reachable", "production", "destructive", "long_lived"]);
    expect(r.nineSecond).toBe(true);
    expect(r.path).toEqual([
      "agents can use it (agent_accessible)",
      "valid in every environment (*)",
      "no operation allowlist: delete and drop are allowed",
      "never expires",
    ]);
  });

  test("both ways to reach it are named when both hold", () => {
    expect(blastRadius({ ...safe, agentAccessible: true, agentReadableExposures: 1 }, now).path[0]).toBe(
      "agents can use it (agent_accessible), and its secret sits in 1 place(s) agents read",
    );
  });

  test("a scoped, short-lived, read-only staging credential meets none", () => {
    expect(blastRadius(safe, now)).toEqual({ conditions: [], path: [], nineSecond: false });
  });

  test("a secret exposed where agents read makes a non-agent credential reachable", () => {
    expect(blastRadius({ ...safe, agentReadableExposures: 2 }, now).path).toEqual(["its secret sits in 2 place(s) agents read"]);
  });

  test("untagged counts as possibly production; destructive operations in an allowlist count; a 2-day lifetime is long-lived", () => {
    const r = blastRadius({ ...safe, environments: [], allowedOperations: ["read", "delete"], expiresAt: new Date("2026-11-27T00:00:00Z") }, now);
    expect(r.conditions).toEqual(["production", "destructive", "long_lived"]);
  });

  test("among nine-second credentials, the one agents are handed and can also read ranks first; untagged is as wide as *", () => {
    const door = (name: string, over: Partial<BlastFacts>) => ({
      credentialId: name,
      name,
      provider: "railway",
      team: null,
      exposures: 1,
      ...blastRadius({ ...safe, agentReadableExposures: 1, environments: [], allowedOperations: null, expiresAt: null, ...over }, now),
    });
    // Alphabetically first, and the same on every other count, but reachable one way only.
    const pasted = door("A key pasted in the docs", {});
    const pocketOs = door("Railway token", { agentAccessible: true });
    const everywhere = door("B key valid everywhere", { environments: ["*"] });
    expect(rankBlastRadius([pasted, everywhere, pocketOs], (e) => e.exposures).map((e) => e.name)).toEqual(["Railway token", "A key pasted in the docs", "B key valid everywhere"]);
  });

  test("a revoked credential has no blast radius", () => {
    expect(blastRadius({ ...safe, agentAccessible: true, environments: ["*"], allowedOperations: null, expiresAt: null, dead: "status=revoked" }, now).nineSecond).toBe(false);
  });
});
