import { describe, expect, test } from "vitest";
import { type CredentialFieldName, credentialRecordSchema } from "@/lib/domain/credential";
import { rowProblem } from "../row-error";
import { RecordDraft } from "./record-draft";

/**
 * A draft validates field by field (and remembers values it accepted) instead of parsing the whole record with
 * credentialRecordSchema per row. These tests hold it to the whole-record parse: same verdict, same failing
 * fields, same messages.
 */

type Fields = Partial<Record<CredentialFieldName, unknown>>;

function draft(fields: Fields, externalId = "id-1") {
  const d = new RecordDraft({ line: 2 }, externalId);
  for (const [field, value] of Object.entries(fields)) d.set(field as CredentialFieldName, value as never, `col:${field}`);
  return d.finish();
}

/** What the whole-record schema says about the same record. */
function reference(fields: Fields, externalId = "id-1") {
  const provenance = Object.fromEntries(Object.keys(fields).map((f) => [f, "source"]));
  const parsed = credentialRecordSchema.safeParse({ external_id: externalId, ...fields, provenance });
  if (parsed.success) return { line: 2, record: parsed.data };
  const problems = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0]);
    return { field: key === "external_id" ? key : `col:${key}`, reason: issue.message };
  });
  return { line: 2, error: { line: 2, ...rowProblem(problems) } };
}

const valid: Fields = {
  name: "Deploy token", provider: "railway", kind: "api_token", principal: "svc-1", principal_type: "agent", team: "Platform",
  owner_email: "owner@example.com", environments: ["production", "staging"], agent_accessible: true, allowed_operations: ["read", "deploy"],
  scopes: ["project:read"], created_at: "2026-01-05T09:00:00.000Z", expires_at: null, last_used_at: null, revoked_at: null,
  status: "active", storage: "vault", approval_ref: "SEC-1", last_review_at: "2026-01-05T00:00:00.000Z", reviewer: "r@example.com",
  tags: ["a", "b"], fingerprint: "a".repeat(64), public_id: "AKIA0000", account: "billing",
};

const cases: [string, Fields, string?][] = [
  ["every field stated and valid", valid],
  ["only what an importer knows", { provider: "aws", kind: "access_key" }],
  ["a provider that is not a slug", { ...valid, provider: "Bad Provider" }],
  ["a control character in a label", { ...valid, name: "tab\there" }],
  ["an over-long label", { ...valid, principal: "p".repeat(513) }],
  ["a bad email", { ...valid, owner_email: "nope" }],
  ["an environment listed twice", { ...valid, environments: ["production", "production"] }],
  ["'*' with another environment", { ...valid, environments: ["*", "staging"] }],
  ["an operation that is not a slug", { ...valid, allowed_operations: ["Read All"] }],
  ["an over-long tag", { ...valid, tags: ["ok", "t".repeat(129)] }],
  ["an instant that is not canonical", { ...valid, created_at: "2026-01-05" }],
  ["an instant that does not exist", { ...valid, last_review_at: "2026-02-30T00:00:00.000Z" }],
  ["a short fingerprint", { ...valid, fingerprint: "abc" }],
  ["two bad fields: both are named, in schema order", { ...valid, tags: ["x".repeat(200)], provider: "Not A Slug" }],
  ["a bad external id and a bad field: both are named", { ...valid, owner_email: "nope" }, "x".repeat(513)],
  ["an over-long external id", valid, "x".repeat(513)],
];

describe("a draft reaches the verdict of the whole-record schema", () => {
  test.each(cases)("%s", (_, fields, externalId) => {
    // Twice: the second time, values remembered from the first must not change the verdict.
    expect(draft(fields, externalId)).toEqual(reference(fields, externalId));
    expect(draft(fields, externalId)).toEqual(reference(fields, externalId));
  });

  test("a value accepted for one field is still checked for another", () => {
    expect(draft({ name: "Has Spaces" })).toMatchObject({ record: { name: "Has Spaces" } });
    expect(draft({ provider: "Has Spaces" })).toEqual(reference({ provider: "Has Spaces" }));
    expect(draft({ provider: "Has Spaces" })).toMatchObject({ error: { field: "col:provider" } });
  });

  test("a stated null and an accepted string of the same spelling are told apart", () => {
    expect(draft({ expires_at: null })).toMatchObject({ record: { expires_at: null } });
    expect(draft({ expires_at: "null" })).toMatchObject({ error: { field: "col:expires_at" } });
    expect(draft({ tags: ["a,b"] })).toMatchObject({ record: { tags: ["a,b"] } });
    expect(draft({ tags: ["a", "b"], environments: ["a,b"] as never })).toMatchObject({ error: { field: "col:environments" } });
  });

  test("every record a draft returns parses with the whole-record schema, unchanged", () => {
    for (const [, fields, externalId] of cases) {
      const item = draft(fields, externalId);
      if ("record" in item) expect(credentialRecordSchema.parse(item.record)).toEqual(item.record);
    }
  });
});
