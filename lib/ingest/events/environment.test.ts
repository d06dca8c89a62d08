import { describe, expect, it } from "vitest";
import { environmentRulesSchema, globMatch, resolveEnvironment, type EnvironmentRule } from "./environment";

const rules: EnvironmentRule[] = [
  { match: "database", pattern: "orders_staging", environment: "staging" },
  { match: "aws_account", pattern: "111122223333", environment: "production" },
  { match: "aws_account", pattern: "4444*", environment: "staging" },
  { match: "host", pattern: "*.prod.example.com", environment: "production" },
  { match: "host", pattern: "db-?.dev.example.com", environment: "development" },
  { match: "project", pattern: "rw-prod-*", environment: "production" },
  { match: "resource", pattern: "arn:aws:s3:::dev-*", environment: "development" },
];

describe("resolveEnvironment", () => {
  const cases: { name: string; input: Parameters<typeof resolveEnvironment>[0]; expected: string | null }[] = [
    { name: "explicit environment wins", input: { explicit: "development", scope: { awsAccountId: "111122223333" }, resource: null }, expected: "development" },
    { name: "account id", input: { scope: { awsAccountId: "111122223333" }, resource: null }, expected: "production" },
    { name: "account glob", input: { scope: { awsAccountId: "444455556666" }, resource: null }, expected: "staging" },
    { name: "first rule wins: database before account", input: { scope: { database: "orders_staging", awsAccountId: "111122223333" }, resource: null }, expected: "staging" },
    { name: "host glob, case-insensitive", input: { scope: { host: "PG1.Prod.Example.com" }, resource: null }, expected: "production" },
    { name: "? matches one character", input: { scope: { host: "db-7.dev.example.com" }, resource: null }, expected: "development" },
    { name: "? does not match two", input: { scope: { host: "db-77.dev.example.com" }, resource: null }, expected: null },
    { name: "project id", input: { scope: { projectId: "rw-prod-42" }, resource: null }, expected: "production" },
    { name: "resource glob", input: { scope: {}, resource: "arn:aws:s3:::dev-scratch" }, expected: "development" },
    { name: "no match stays unknown", input: { scope: { host: "example.org" }, resource: "x" }, expected: null },
  ];
  for (const c of cases) {
    it(c.name, () => expect(resolveEnvironment(c.input, rules).environment).toBe(c.expected));
  }

  it("names the evidence", () => {
    expect(resolveEnvironment({ scope: { awsAccountId: "111122223333" }, resource: null }, rules).reason).toBe(
      'AWS account "111122223333" matches pattern "111122223333" → production',
    );
  });
});

describe("environment rules schema", () => {
  it("accepts the rule set and rejects unknown environments", () => {
    expect(environmentRulesSchema.safeParse(rules).success).toBe(true);
    expect(environmentRulesSchema.safeParse([{ match: "host", pattern: "*", environment: "prod" }]).success).toBe(false);
  });
});

describe("globMatch", () => {
  it("escapes regex characters in patterns", () => {
    expect(globMatch("a.b", "a.b")).toBe(true);
    expect(globMatch("a.b", "axb")).toBe(false);
    expect(globMatch("(x)*", "(x)yz")).toBe(true);
  });
});
