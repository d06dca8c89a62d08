import { describe, expect, test } from "vitest";
import { type CredentialRecord, credentialRecordSchema } from "./credential";
import { applyMappingRules, compileMappingRules, globToRegExp, type MappingRuleSet, mappingRuleSetSchema } from "./credential-mapping";

const imported = (fields: Record<string, unknown>): CredentialRecord =>
  credentialRecordSchema.parse({
    external_id: "x",
    ...fields,
    provenance: Object.fromEntries(Object.keys(fields).map((k) => [k, "source"])),
  });

const rules: MappingRuleSet = mappingRuleSetSchema.parse({
  rules: [
    { id: "agents", when: { principal: "*-agent" }, set: { principal_type: "agent", agent_accessible: true } },
    { id: "services", when: { principal: ["svc-*", "*-svc"] }, set: { principal_type: "service" } },
    { id: "prod-account", when: { provider: "aws", account: "111122223333" }, set: { environments: ["production"] } },
    { id: "dev-account", when: { account: "444455556666" }, set: { environments: ["development"], team: "platform" } },
    { id: "tier-1", when: { tag: "tier-1" }, set: { storage: "vault" } },
    { id: "fallback-type", when: { principal: "*" }, set: { principal_type: "human" } },
  ],
});

describe("globToRegExp", () => {
  test.each([
    ["svc-*", "svc-backup", true],
    ["svc-*", "SVC-Backup", true],
    ["svc-*", "my-svc-backup", false],
    ["*-agent", "deploy-agent", true],
    ["*-agent", "deploy-agent-2", false],
    ["key-?", "key-1", true],
    ["key-?", "key-12", false],
    ["a.b", "axb", false],
    ["a.b", "a.b", true],
    ["(x)+[y]", "(x)+[y]", true],
    ["*", "", true],
    ["arn:aws:iam::*:user/*", "arn:aws:iam::1:user/a/b", true],
  ])("%s on %s → %s", (glob, input, expected) => {
    expect(globToRegExp(glob).test(input)).toBe(expected);
  });
});

describe("applying rules", () => {
  test("fills only fields the source left not stated, marking provenance and the rule", () => {
    const { record, applied } = applyMappingRules(imported({ principal: "deploy-agent", agent_accessible: false }), rules);
    expect(record.principal_type).toBe("agent");
    expect(record.agent_accessible).toBe(false);
    expect(record.provenance).toEqual({ principal: "source", agent_accessible: "source", principal_type: "mapping_rule" });
    expect(record.mapped_by).toEqual({ principal_type: "agents" });
    expect(applied).toEqual([{ ruleId: "agents", field: "principal_type" }]);
    expect(credentialRecordSchema.safeParse(record).success).toBe(true);
  });

  test.each([
    ["svc-backup", "services"],
    ["billing-svc", "services"],
    ["alice", "fallback-type"],
    ["ci-agent", "agents"],
  ])("the first matching rule wins: %s → %s", (principal, ruleId) => {
    expect(applyMappingRules(imported({ principal }), rules).record.mapped_by?.principal_type).toBe(ruleId);
  });

  test("all conditions must hold (provider and account)", () => {
    const aws = applyMappingRules(imported({ provider: "aws", account: "111122223333" }), rules).record;
    const gcp = applyMappingRules(imported({ provider: "gcp", account: "111122223333" }), rules).record;
    expect(aws.environments).toEqual(["production"]);
    expect(aws.provenance.environments).toBe("mapping_rule");
    expect(gcp.environments).toBeUndefined();
  });

  test("a rule sets several fields, and a stated value is never overwritten", () => {
    const { record } = applyMappingRules(imported({ account: "444455556666", team: "data" }), rules);
    expect(record.environments).toEqual(["development"]);
    expect(record.team).toBe("data");
    expect(record.provenance.team).toBe("source");
  });

  test("a stated empty environment list is stated (untagged), not a gap", () => {
    const { record } = applyMappingRules(imported({ account: "444455556666", environments: [] }), rules);
    expect(record.environments).toEqual([]);
  });

  test("a tag condition matches any tag", () => {
    expect(applyMappingRules(imported({ tags: ["billing", "tier-1"] }), rules).record.storage).toBe("vault");
    expect(applyMappingRules(imported({ tags: ["billing"] }), rules).record.storage).toBeUndefined();
  });

  test("a condition on a not-stated field does not match", () => {
    const { record, applied } = applyMappingRules(imported({ provider: "aws" }), rules);
    expect(applied).toEqual([]);
    expect(record.environments).toBeUndefined();
  });

  test("the input record is not mutated and mapped arrays are not shared", () => {
    const input = imported({ provider: "aws", account: "111122223333" });
    const map = compileMappingRules(rules);
    const a = map(input).record;
    const b = map(input).record;
    expect(input.environments).toBeUndefined();
    expect(input.provenance).toEqual({ provider: "source", account: "source" });
    a.environments?.push("staging");
    expect(b.environments).toEqual(["production"]);
  });

  test("later rules see values set by earlier ones", () => {
    const chained = mappingRuleSetSchema.parse({
      rules: [
        { id: "team", when: { account: "1*" }, set: { team: "payments" } },
        { id: "team-env", when: { team: "payments" }, set: { environments: ["production"] } },
      ],
    });
    const { record } = applyMappingRules(imported({ account: "123" }), chained);
    expect(record.mapped_by).toEqual({ team: "team", environments: "team-env" });
  });
});

describe("rule set schema", () => {
  test.each([
    ["no condition", { rules: [{ id: "a", when: {}, set: { team: "x" } }] }],
    ["nothing to set", { rules: [{ id: "a", when: { principal: "x" }, set: {} }] }],
    ["a field rules may not set", { rules: [{ id: "a", when: { principal: "x" }, set: { provider: "aws" } }] }],
    ["an unknown condition field", { rules: [{ id: "a", when: { colour: "x" }, set: { team: "x" } }] }],
    ["an invalid value", { rules: [{ id: "a", when: { principal: "x" }, set: { principal_type: "robot" } }] }],
    ["an empty glob", { rules: [{ id: "a", when: { principal: "" }, set: { team: "x" } }] }],
    ["a bad id", { rules: [{ id: "Has Space", when: { principal: "x" }, set: { team: "x" } }] }],
    [
      "duplicate ids",
      {
        rules: [
          { id: "a", when: { principal: "x" }, set: { team: "x" } },
          { id: "a", when: { principal: "y" }, set: { team: "y" } },
        ],
      },
    ],
  ])("rejects %s", (_label, input) => {
    expect(mappingRuleSetSchema.safeParse(input).success).toBe(false);
  });
});
