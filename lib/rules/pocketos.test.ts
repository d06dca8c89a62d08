import { describe, expect, test } from "vitest";
import { evaluateRule, rulesFor } from "./registry";
import { NO_EXPOSURE, NOW, agentVolumeDelete, facts, pocketOsToken } from "./test-fixtures";
import type { CredentialContext } from "./types";

/** The whole incident through the whole rule set: which rules would have stopped the nine-second delete. */

function failingCredentialRules(exposures: CredentialContext["exposures"]): string[] {
  return rulesFor("credential")
    .filter((rule) => evaluateRule(rule, pocketOsToken(), { now: NOW, exposures, agentEventCount: 0 }).result === "fail")
    .map((rule) => rule.id);
}

describe("the PocketOS Railway token", () => {
  test("fails R02, R04, R05, R08, R09, R10 and R20 as inventoried, and nothing else", () => {
    expect(failingCredentialRules(NO_EXPOSURE)).toEqual(["R02", "R04", "R05", "R08", "R09", "R10", "R20"]);
  });

  test("also fails R12 and R14 once found in agent-readable docs for over a day", () => {
    const exposed = { unresolved: 1, inAgentReadableCorpora: 1, firstDetectedAt: "2026-11-24T00:00:00.000Z" };
    expect(failingCredentialRules(exposed)).toEqual(["R02", "R04", "R05", "R08", "R09", "R10", "R12", "R14", "R20"]);
  });

  test("the docs corpus holding it fails R13", () => {
    const docs = { id: "workspace-docs", agentReadable: true, lastScannedAt: "2026-11-25T00:00:00.000Z", unresolvedFindings: 1 };
    const failing = rulesFor("corpus").filter((r) => evaluateRule(r, docs, { now: NOW }).result === "fail").map((r) => r.id);
    expect(failing).toEqual(["R13"]);
  });

  test("the agent's unapproved volumeDelete in production fails R15 (the token states no environment) and R16", () => {
    const run = (env: string[]) =>
      rulesFor("event")
        .filter((r) => evaluateRule(r, agentVolumeDelete(), { now: NOW, credential: facts({ environments: env }), approvals: [] }).result === "fail")
        .map((r) => r.id);
    expect(run([])).toEqual(["R15", "R16"]);
    expect(run(["staging"])).toEqual(["R15", "R16"]);
    // A token stated valid everywhere makes no use cross-environment: R08 is what fails it.
    expect(run(["*"])).toEqual(["R16"]);
  });
});
