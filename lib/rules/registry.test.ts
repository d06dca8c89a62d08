import { describe, expect, test } from "vitest";
import { FRAMEWORKS, frameworkById } from "./frameworks";
import { RULES, RULES_VERSION, evaluateRule, ruleById, rulesFor } from "./registry";
import { prepareRules } from "./evaluate";
import { R10 } from "./rules/agent-scope";
import { R20 } from "./rules/review-storage";
import { NOW, goodCredential, runCredential } from "./test-fixtures";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Framework } from "./frameworks";
import { FIXTURE_FRAMEWORK, controlsListedByRules, frameworkFileProblems, isFramework } from "./testing/framework-checks";

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
  // The frameworks whose controls rules list themselves (DESIGN §4's columns); any other is mapped by its file alone.
  const ruleListed = new Set(RULES.flatMap((r) => Object.keys(r.controls)));

  test("every framework key a rule lists has its file", () => {
    expect([...ruleListed].filter((key) => !FRAMEWORKS.some((f) => f.key === key))).toEqual([]);
  });

  for (const framework of FRAMEWORKS.filter((f) => ruleListed.has(f.key))) {
    test(`${framework.id}: every control lists exactly the rules that map to it, and no rule maps to a missing control`, () => {
      expect(new Map(framework.controls.map((c) => [c.id, [...c.rules].sort()]))).toEqual(controlsListedByRules(framework.key));
    });
  }

  for (const framework of FRAMEWORKS) {
    test(`${framework.id}: its file is well formed (unique ids and keys, known rules, no empty control)`, () => {
      expect(frameworkFileProblems(framework, FRAMEWORKS)).toEqual([]);
    });
  }

  test("a framework no rule lists is checked by its file alone, and a broken one is caught", () => {
    expect(ruleListed.has(FIXTURE_FRAMEWORK.key)).toBe(false);
    expect(frameworkFileProblems(FIXTURE_FRAMEWORK, [...FRAMEWORKS, FIXTURE_FRAMEWORK])).toEqual([]);
    const broken: Framework = {
      ...FIXTURE_FRAMEWORK,
      key: "pci",
      controls: [...FIXTURE_FRAMEWORK.controls, { id: "FX-1", title: "again", rules: [] }, { id: "FX-9", title: "typo", rules: ["R99"] }],
    };
    expect(frameworkFileProblems(broken, [...FRAMEWORKS, broken])).toEqual([
      'key "pci" is also used by pci-dss-4.0.1',
      "control FX-1 is listed twice",
      "control FX-1 maps to no rule",
      "control FX-9 maps to unknown rule R99",
    ]);
  });

  test("every framework file in lib/rules/frameworks/ is registered in FRAMEWORKS", async () => {
    const folder = fileURLToPath(new URL("./frameworks/", import.meta.url));
    const names = readdirSync(folder).filter((n) => n.endsWith(".ts") && !n.endsWith(".test.ts") && !["index.ts", "types.ts"].includes(n));
    expect(names.length).toBeGreaterThanOrEqual(FRAMEWORKS.length);
    for (const file of names) {
      const exported = Object.values(await import(`./frameworks/${file.slice(0, -".ts".length)}.ts`)).filter(isFramework);
      expect(exported.length, `${file} exports no framework`).toBeGreaterThan(0);
      for (const framework of exported) expect(FRAMEWORKS.includes(framework), `${file}: ${framework.id} is not in FRAMEWORKS (lib/rules/frameworks/index.ts)`).toBe(true);
    }
  });

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
