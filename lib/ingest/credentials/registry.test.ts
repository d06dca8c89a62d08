import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { credentialRecordSchema } from "@/lib/domain/credential";
import { compileMappingRules, mappingRuleSetSchema } from "@/lib/domain/credential-mapping";
import { listAccessKeysOutput } from "./fixtures/aws-list-access-keys";
import { CREDENTIAL_FORMATS, credentialImporters, isCredentialFormat } from "./registry";
import { bytesOf, collect, errorsOf, recordsOf } from "./test-support";

const FIXTURES = {
  "leash-csv": "leash-credentials.csv",
  "leash-json": "leash-credentials.json",
  "aws-credential-report": "aws-credential-report.csv",
  // Built at run time: its key ids are access-key-shaped.
  "aws-access-keys": listAccessKeysOutput,
  "gcp-sa-keys": "gcp-sa-keys.json",
  "github-fine-grained-pats": "github-fine-grained-pats.json",
  "vault-token-lookup": "vault-token-lookup.json",
  "k8s-secrets": "k8s-secrets.json",
} as const;

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const fixtureOf = (format: keyof typeof FIXTURES) => {
  const source = FIXTURES[format];
  return typeof source === "function" ? source() : fixture(source);
};

test("the registry holds exactly the formats with a documented fixture here", () => {
  expect(CREDENTIAL_FORMATS).toEqual(Object.keys(FIXTURES));
  expect(isCredentialFormat("leash-csv")).toBe(true);
  expect(isCredentialFormat("toString")).toBe(false);
});

describe.each(CREDENTIAL_FORMATS)("%s", (format) => {
  const importer = credentialImporters[format];

  test("is described in one line and names its file types", () => {
    expect(importer.format).toBe(format);
    expect(importer.description).toMatch(/^[^\n]{20,160}$/);
    expect(importer.fileTypes.length).toBeGreaterThan(0);
    for (const type of importer.fileTypes) expect(type).toMatch(/^(\.[a-z]+|[a-z]+\/[a-z.+-]+)$/);
  });

  test("parses its documented fixture into valid records only", async () => {
    const items = await collect(importer.parse(bytesOf(fixtureOf(format), 64)));
    expect(errorsOf(items)).toEqual([]);
    const records = recordsOf(items);
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) expect(credentialRecordSchema.safeParse(record).success).toBe(true);
  });
});

test("mapping rules fill the gaps every provider import leaves, and only those", async () => {
  const rules = compileMappingRules(
    mappingRuleSetSchema.parse({
      rules: [
        { id: "agents", when: { principal: ["*-agent", "*-agent@*", "*:*-agent"] }, set: { principal_type: "agent", agent_accessible: true } },
        { id: "svc", when: { principal: "svc-*" }, set: { principal_type: "service" } },
        { id: "prod-aws", when: { provider: "aws", account: "111122223333" }, set: { environments: ["production"] } },
        { id: "prod-ns", when: { provider: "kubernetes", account: "prod-*" }, set: { environments: ["production"] } },
      ],
    }),
  );
  const mapped = [];
  for (const format of ["aws-credential-report", "gcp-sa-keys", "k8s-secrets"] as const) {
    const items = await collect(credentialImporters[format].parse(bytesOf(fixture(FIXTURES[format]))));
    mapped.push(...recordsOf(items).map((r) => rules(r).record));
  }
  const byId = new Map(mapped.map((r) => [r.external_id, r]));
  expect(byId.get("arn:aws:iam::111122223333:user/automation/deploy-agent#access_key_1")).toMatchObject({
    principal_type: "agent",
    agent_accessible: true,
    environments: ["production"],
    provenance: { principal_type: "mapping_rule", environments: "mapping_rule", principal: "source" },
    mapped_by: { principal_type: "agents", environments: "prod-aws" },
  });
  expect(byId.get("arn:aws:iam::444455556666:user/svc-backup#access_key_2")).toMatchObject({ principal_type: "service" });
  expect(byId.get("arn:aws:iam::444455556666:user/svc-backup#access_key_2")).not.toHaveProperty("environments");
  expect(mapped.find((r) => r.principal?.startsWith("invoice-agent@"))).toMatchObject({ principal_type: "agent" });
  expect(byId.get("ci/build-agent-token")).toMatchObject({ principal_type: "agent" });
  expect(byId.get("prod-billing/billing-db")).toMatchObject({ environments: ["production"] });
  for (const record of mapped) expect(credentialRecordSchema.safeParse(record).success).toBe(true);
});
