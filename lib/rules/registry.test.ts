import { describe, expect, test } from "vitest";
import { FRAMEWORKS, frameworkById } from "./frameworks";
import { RULES, RULES_VERSION, evaluateRule, ruleById, rulesFor } from "./registry";
import { prepareRules } from "./evaluate";
import { R10 } from "./rules/agent-scope";
import { R20 } from "./rules/review-storage";
import { NOW, goodCredential, runCredential } from "./test-fixtures";
import type { FrameworkKey } from "./types";

describe("the rule registry", () => {
  test("holds R01..R22 once each, in order", () => {
    expect(RULES.map((r) => r.id)).toEqual(Array.from({ length: 22 }, (_, i) => `R${String(i + 1).padStart(2, "0")}`));
    expect(RULES_VERSION).toBe("2026.11.4");
  });

  test("severities match DESIGN §4", () => {
    const critical = RULES.filter((r) => r.severity === "critical").map((r) => r.id);
    const high = RULES.filter((r) => r.severity === "high").map((r) => r.id);
    expect(critical).toEqual(["R08", "R10", "R12", "R15", "R16", "R18", "R22"]);
    expect(high).toEqual(["R02", "R04", "R09", "R11", "R13", "R14"]);
    expect(RULES.filter((r) => r.severity === "low")).toEqual([]);
  });

  test("subjects split as credential 15, event 4, corpus 2, audit log 1", () => {
    expect([rulesFor("credential").length, rulesFor("event").length, rulesFor("corpus").length, rulesFor("audit_log").length]).toEqual([15, 4, 2, 1]);
  });

  test("defaults come from each rule's schema", () => {
    expect(ruleById("R04")?.parameters.defaults).toEqual({ maxHours: 24 });
    expect(ruleById("R06")?.parameters.defaults).toEqual({ productionDays: 90, otherDays: 365 });
    expect(ruleById("R21")?.parameters.defaults).toEqual({ maxAgeDays: 7 });
  });

  test("list parameters hold values the rules can match: case is folded, and a value no credential can have is refused", () => {
    const prodDeleter = goodCredential({ environments: ["production"], allowed_operations: ["read", "delete"] });
    // Typed as an admin might in Settings: the credential's operations are lowercase slugs.
    expect(runCredential(R10, prodDeleter, { params: { destructiveOperations: ["Delete", " DROP"] } })).toMatchObject({ result: "fail", reason: expect.stringMatching(/^allowed_operations include delete;/) });
    expect(runCredential(R20, goodCredential({ storage: "ci_secret" }), { params: { acceptedStorage: ["Vault", "CI_SECRET"] } }).result).toBe("pass");
    expect(() => prepareRules({ R20: { acceptedStorage: ["vault", "ci-secret"] } })).toThrow(expect.objectContaining({ fields: { "rules.R20.acceptedStorage.1": expect.any(String) } }));
    // An empty list would quietly pass every agent credential that can delete production.
    expect(() => prepareRules({ R10: { destructiveOperations: [] } })).toThrow(expect.objectContaining({ fields: { "rules.R10.destructiveOperations": expect.any(String) } }));
  });

  test("invalid admin parameters are rejected, not silently defaulted", () => {
    const r21 = rulesFor("corpus").find((r) => r.id === "R21");
    const corpus = { id: "c", agentReadable: true, lastScannedAt: null, unresolvedFindings: 0 };
    expect(r21).toBeDefined();
    if (r21) expect(() => evaluateRule(r21, corpus, { now: NOW, params: { maxAgeDays: -1 } })).toThrow();
  });
});

describe("framework files agree with the rules' control lists", () => {
  for (const framework of FRAMEWORKS) {
    test(`${framework.id}: every control lists exactly the rules that map to it, and no rule maps to a missing control`, () => {
      const key: FrameworkKey = framework.key;
      const derived = new Map<string, string[]>();
      for (const rule of RULES) for (const id of rule.controls[key] ?? []) derived.set(id, [...(derived.get(id) ?? []), rule.id]);
      const listed = new Map(framework.controls.map((c) => [c.id, [...c.rules].sort()]));
      expect(listed).toEqual(derived);
    });
  }

  test("SOC 2 and PCI DSS ship exactly the controls DESIGN §4 names", () => {
    expect(frameworkById("soc2")?.controls.map((c) => c.id)).toEqual(["CC6.1", "CC6.2", "CC6.3", "CC6.6", "CC7.2", "CC8.1"]);
    expect(frameworkById("pci-dss-4.0.1")?.controls.map((c) => c.id)).toEqual([
      "7.2.2", "7.2.4", "7.2.5", "7.2.5.1", "8.2.6", "8.3.2", "8.6.1", "8.6.2", "8.6.3", "10.2.2", "10.3",
    ]);
  });

  test("R08 maps to SOC 2 CC6.1 + CC6.6 and PCI 7.2.2 + 7.2.5, as the table says", () => {
    expect(ruleById("R08")?.controls).toEqual({ soc2: ["CC6.1", "CC6.6"], pci: ["7.2.2", "7.2.5"], nist: ["AC-3"] });
  });
});
