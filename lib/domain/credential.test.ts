import { describe, expect, test } from "vitest";
import {
  CREDENTIAL_FIELDS,
  effectiveStatus,
  type CredentialRecord,
  credentialFieldSchemas,
  credentialRecordSchema,
  isKnownProvider,
  isStated,
} from "./credential";

const minimal = { external_id: "inv-1", provenance: {} };

function full(): Record<string, unknown> {
  const values: Record<string, unknown> = {
    name: "Deploy token",
    provider: "railway",
    kind: "api_token",
    principal: "deploy-agent",
    principal_type: "agent",
    team: "payments",
    owner_email: "owner@example.com",
    environments: ["production"],
    agent_accessible: true,
    allowed_operations: ["read", "deploy"],
    scopes: ["project:read"],
    created_at: "2026-01-05T09:00:00.000Z",
    expires_at: null,
    last_rotated_at: "2026-01-05T09:00:00.000Z",
    last_used_at: null,
    revoked_at: null,
    status: "active",
    storage: "vault",
    approval_ref: "SEC-1",
    last_review_at: "2026-01-06T00:00:00.000Z",
    reviewer: "reviewer@example.com",
    tags: ["tier-1"],
    fingerprint: "ab".repeat(32),
    public_id: "key-1",
    account: "111122223333",
  };
  return { external_id: "inv-1", ...values, provenance: Object.fromEntries(Object.keys(values).map((k) => [k, "source"])) };
}

test("a record with no stated field is valid: everything is 'not stated'", () => {
  const parsed = credentialRecordSchema.parse(minimal);
  for (const field of CREDENTIAL_FIELDS) expect(isStated(parsed, field)).toBe(false);
});

test("a record stating every DESIGN §2 field is valid, and the field list covers them all", () => {
  const record = full();
  expect(Object.keys(record).filter((k) => k !== "external_id" && k !== "provenance").sort()).toEqual(
    [...CREDENTIAL_FIELDS].sort(),
  );
  const parsed = credentialRecordSchema.parse(record);
  for (const field of CREDENTIAL_FIELDS) expect(isStated(parsed, field)).toBe(true);
});

describe("provenance must match the stated fields", () => {
  test.each([
    ["a stated value without provenance", { ...minimal, team: "payments" }, /team is stated without provenance/],
    ["provenance without a value", { ...minimal, provenance: { team: "person" } }, /team has provenance but no value/],
    [
      "a mapping_rule value that names no rule",
      { ...minimal, team: "payments", provenance: { team: "mapping_rule" } },
      /team names no mapping rule/,
    ],
    ["an unknown provenance", { ...minimal, team: "payments", provenance: { team: "guess" } }, /Invalid option/],
  ])("rejects %s", (_label, input, message) => {
    const result = credentialRecordSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message).join("\n")).toMatch(message);
  });

  test("accepts a mapping_rule value that names its rule, and a person's edit", () => {
    const record = {
      ...minimal,
      team: "payments",
      principal_type: "service",
      provenance: { team: "person", principal_type: "mapping_rule" },
      mapped_by: { principal_type: "svc-prefix" },
    };
    expect(credentialRecordSchema.parse(record).mapped_by).toEqual({ principal_type: "svc-prefix" });
  });
});

test("unknown keys are rejected, so a secret value cannot ride along in a record", () => {
  const result = credentialRecordSchema.safeParse({ ...minimal, secret: "x" });
  expect(result.success).toBe(false);
  expect(result.error?.issues[0]?.code).toBe("unrecognized_keys");
});

describe("field values", () => {
  test.each([
    ["kind", "password"],
    ["principal_type", "robot"],
    ["environments", ["prod"]],
    ["environments", ["production", "production"]],
    ["environments", ["*", "production"]],
    ["status", "deleted"],
    ["storage", "s3"],
    ["provider", "AWS"],
    ["provider", "my provider"],
    ["owner_email", "not-an-email"],
    ["fingerprint", "AB".repeat(32)],
    ["fingerprint", "ab".repeat(31)],
    ["created_at", "2026-01-05T09:00:00Z"],
    ["created_at", "2026-02-30T00:00:00.000Z"],
    ["created_at", null],
    ["agent_accessible", null],
    ["environments", null],
    ["allowed_operations", ["Read"]],
    ["name", ""],
    ["name", "line\nbreak"],
    // ESC and the 8-bit CSI drive terminals; U+202E makes "prod-deploy<U+202E>gnp.exe" read as "prod-deployexe.png".
    ["name", "red\u001b[31m"],
    ["name", "c1\u009b31m"],
    ["name", "prod-deploy\u202egnp.exe"],
    ["principal", "svc\u2066x\u2069"],
    ["team", "ops\u202d"],
  ])("%s rejects %j", (field, value) => {
    const schema = credentialFieldSchemas[field as keyof typeof credentialFieldSchemas];
    expect(schema.safeParse(value).success).toBe(false);
  });

  test.each([
    ["expires_at", null],
    ["last_used_at", null],
    ["revoked_at", null],
    ["allowed_operations", null],
    ["allowed_operations", []],
    ["environments", []],
    ["environments", ["*"]],
    ["environments", ["production", "staging"]],
    ["provider", "my-provider.io"],
    ["allowed_operations", ["read", "custom:purge"]],
    ["name", "مفتاح-الإنتاج deploy key 🔑 Zürich"],
  ])("%s accepts %j (a stated 'none', 'never' or free value)", (field, value) => {
    const schema = credentialFieldSchemas[field as keyof typeof credentialFieldSchemas];
    expect(schema.parse(value)).toEqual(value);
  });
});

test("known providers are a list, not a restriction", () => {
  expect(isKnownProvider("aws")).toBe(true);
  expect(isKnownProvider("railway")).toBe(true);
  expect(isKnownProvider("acme-internal")).toBe(false);
  expect(credentialFieldSchemas.provider.parse("acme-internal")).toBe("acme-internal");
});

test("isStated treats a stated null as stated", () => {
  const record: CredentialRecord = credentialRecordSchema.parse({
    ...minimal,
    expires_at: null,
    provenance: { expires_at: "source" },
  });
  expect(isStated(record, "expires_at")).toBe(true);
  expect(isStated(record, "created_at")).toBe(false);
});

describe("effectiveStatus: what a credential is now, whatever its source last said", () => {
  const now = new Date("2026-11-28T12:00:00Z");
  const past = new Date("2026-11-20T00:00:00Z");
  const future = new Date("2026-12-20T00:00:00Z");
  test.each([
    ["active, expiry ahead", { status: "active", expiresAt: future, revokedAt: null }, "active"],
    ["active, expiry passed", { status: "active", expiresAt: past, revokedAt: null }, "expired"],
    ["active, revoked since", { status: "active", expiresAt: future, revokedAt: past }, "revoked"],
    ["active, revocation scheduled", { status: "active", expiresAt: null, revokedAt: future }, "active"],
    ["not stated, expiry passed", { status: null, expiresAt: past, revokedAt: null }, "expired"],
    ["not stated, nothing passed", { status: null, expiresAt: future, revokedAt: null }, null],
    ["disabled stays disabled", { status: "disabled", expiresAt: past, revokedAt: null }, "disabled"],
  ])("%s", (_label, credential, expected) => {
    expect(effectiveStatus(credential, now)).toBe(expected);
  });
});

test("team, user and corpus names refuse the characters a credential's name refuses", async () => {
  const { teamCreateSchema, userCreateSchema } = await import("./identity");
  const { corpusCreateSchema } = await import("./scan");
  for (const bad of ["Team \u001b[2J", "Ops\u202egnp.exe", "line\nbreak"]) {
    expect(teamCreateSchema.safeParse({ name: bad }).success).toBe(false);
    expect(userCreateSchema.safeParse({ email: "a@example.com", name: bad, role: "engineer" }).success).toBe(false);
    expect(corpusCreateSchema.safeParse({ name: bad, kind: "docs_export", agentReadable: true }).success).toBe(false);
  }
  expect(teamCreateSchema.safeParse({ name: "Zahlungen 💳 مدفوعات" }).success).toBe(true);
  expect(userCreateSchema.safeParse({ email: "a@example.com", name: "Zoë O'Brien", role: "engineer" }).success).toBe(true);
});
