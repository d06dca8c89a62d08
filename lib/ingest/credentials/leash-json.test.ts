import { describe, expect, test } from "vitest";
import { fingerprintSecret } from "@/lib/scanner/fingerprint";
import { parseLeashJson } from "./leash-json";
import { bytesOf, collect, errorsOf, recordsOf, seededSecret } from "./test-support";

const parse = async (text: string | Uint8Array, options = {}) => collect(parseLeashJson(bytesOf(text), options));
const base = { external_id: "inv-1", provider: "aws", kind: "access_key" };
const one = (extra: Record<string, unknown>) => parse(JSON.stringify([{ ...base, ...extra }]));

test("every field maps with its JSON type", async () => {
  const full = {
    ...base,
    name: "Billing key",
    provider: "AWS",
    principal: "svc-billing",
    principal_type: "service",
    team: "payments",
    owner_email: "lead@example.com",
    environments: ["staging", "development"],
    agent_accessible: false,
    allowed_operations: ["read", "WRITE"],
    scopes: ["s3:GetObject"],
    created_at: "2026-01-05T10:00:00+01:00",
    expires_at: "2026-02-01",
    last_rotated_at: "2026-01-05",
    last_used_at: "2026-01-06T00:00:00Z",
    revoked_at: null,
    status: "active",
    storage: "ci_secret",
    approval_ref: "CHG-9",
    last_review_at: "2026-01-03",
    reviewer: "rev@example.com",
    tags: ["billing"],
    fingerprint: "CD".repeat(32),
    public_id: "key-123",
    account: "111122223333",
  };
  const [item] = await parse(`[\n${JSON.stringify(full, null, 2)}\n]`);
  expect(item).toEqual({
    line: 2,
    item: 1,
    record: {
      ...full,
      provider: "aws",
      allowed_operations: ["read", "write"],
      created_at: "2026-01-05T09:00:00.000Z",
      expires_at: "2026-02-01T00:00:00.000Z",
      last_rotated_at: "2026-01-05T00:00:00.000Z",
      last_used_at: "2026-01-06T00:00:00.000Z",
      last_review_at: "2026-01-03T00:00:00.000Z",
      fingerprint: "cd".repeat(32),
      provenance: Object.fromEntries(Object.keys(full).filter((k) => k !== "external_id").map((k) => [k, "source"])),
    },
  });
});

describe("null and absent", () => {
  test.each([
    ["expires_at", null, null],
    ["last_used_at", null, null],
    ["revoked_at", null, null],
    ["allowed_operations", null, null],
    ["allowed_operations", [], []],
    ["environments", [], []],
  ])("%s: %j is a stated %j", async (field, value, expected) => {
    const [item] = await one({ [field]: value });
    expect(item).toHaveProperty(["record", field], expected);
    expect(item).toHaveProperty(["record", "provenance", field], "source");
  });

  test.each([
    ["environments", ["production", "Production", "production"], ["production"]],
    ["allowed_operations", ["read", "READ", "deploy"], ["read", "deploy"]],
    ["tags", ["billing", "billing"], ["billing"]],
  ])("%s %j: a repeated item is kept once, as in CSV", async (field, value, expected) => {
    const items = await one({ [field]: value });
    expect(errorsOf(items)).toEqual([]);
    expect(items[0]).toHaveProperty(["record", field], expected);
  });

  test.each(["team", "agent_accessible", "created_at", "environments", "name"])("%s: null is not stated", async (field) => {
    const [item] = await one({ [field]: null });
    expect(item && "record" in item && field in item.record).toBe(false);
  });
});

describe("row errors", () => {
  test.each([
    ["agent_accessible", "true", "expected true or false"],
    ["environments", "production", "expected an array of strings"],
    ["tags", [1], "expected an array of strings"],
    ["team", 5, "expected a string"],
    ["kind", "password", /expected one of/],
    ["created_at", "2026-02-30T00:00:00Z", /day 30 does not exist/],
    ["name", "=cmd()", /formula injection/],
    ["tags", ["ok", "@bad"], /an item starts with '@'/],
  ])("%s %j", async (field, value, reason) => {
    expect(errorsOf(await one({ [field]: value }))).toEqual([{ line: 1, item: 1, field, reason: expect.stringMatching(reason) }]);
  });

  test("an unknown field is rejected (a typo must not silently drop data)", async () => {
    expect(errorsOf(await one({ enviroments: ["production"] }))).toEqual([{ line: 1, item: 1, field: "enviroments", reason: "unknown field" }]);
  });

  test("duplicate ids, invalid JSON and non-objects each reject their own element", async () => {
    const text = '[\n{"external_id":"a","provider":"aws","kind":"pat"},\n{"external_id":"a","provider":"aws","kind":"pat"},\n{bad json},\n[1],\n{"external_id":"b","provider":"aws","kind":"pat"}\n]';
    const items = await parse(text);
    expect(errorsOf(items)).toEqual([
      { line: 3, item: 2, field: "external_id", reason: "duplicate id: already used on line 2, item 1" },
      { line: 4, item: 3, reason: "element is not valid JSON" },
      { line: 5, item: 4, reason: "expected a JSON object" },
    ]);
    expect(recordsOf(items).map((r) => r.external_id)).toEqual(["a", "b"]);
  });

  test("in a minified file, all on line 1, each rejected element is named by its item", async () => {
    const elements = Array.from({ length: 20 }, (_, i) => ({ ...base, external_id: `min-${i}` }));
    elements[16] = { ...base, external_id: "min-16", kind: "password" };
    elements[19] = { ...base, external_id: "min-2" };
    const items = await parse(JSON.stringify(elements));
    expect(errorsOf(items)).toEqual([
      { line: 1, item: 17, field: "kind", reason: expect.any(String) },
      { line: 1, item: 20, field: "external_id", reason: "duplicate id: already used on line 1, item 3" },
    ]);
    expect(items[5]).toMatchObject({ line: 1, item: 6, record: { external_id: "min-5" } });
  });

  test("items count on across the top-level values of a file, and an empty element takes its place", async () => {
    const items = await parse(`[${JSON.stringify(base)},,${JSON.stringify({ ...base, external_id: "inv-2" })}][{"bad":1}]`);
    expect(errorsOf(items)).toEqual([
      { line: 1, item: 2, reason: "empty element (two commas in a row)" },
      { line: 1, item: 4, field: "bad", reason: "unknown field" },
    ]);
  });

  test("invalid UTF-8 stops the file with the line it is on", async () => {
    const enc = new TextEncoder();
    const bytes = new Uint8Array([...enc.encode('[\n{"external_id":"a","provider":"aws","kind":"pat"},\n{"name":"caf'), 0xe9, ...enc.encode('"}]')]);
    const items = await parse(bytes);
    expect(errorsOf(items)).toEqual([{ line: 3, reason: expect.stringMatching(/^invalid UTF-8 on line 3/) }]);
  });

  test("NDJSON is accepted", async () => {
    const text = `${JSON.stringify(base)}\n${JSON.stringify({ ...base, external_id: "inv-2" })}\n`;
    expect((await parse(text)).map((i) => i.line)).toEqual([1, 2]);
  });
});

test("a carried secret becomes the fingerprint and is never echoed", async () => {
  const secret = seededSecret(11);
  const key = "instance-key-for-tests";
  const withKey = await parse(JSON.stringify([{ ...base, secret }]), { fingerprintKey: key });
  expect(recordsOf(withKey)[0]?.fingerprint).toBe(fingerprintSecret(secret, key));
  const withoutKey = await parse(JSON.stringify([{ ...base, secret }]));
  expect(errorsOf(withoutKey)).toEqual([{ line: 1, item: 1, field: "secret", reason: expect.stringMatching(/fingerprint key/) }]);
  const notString = await parse(JSON.stringify([{ ...base, secret: 42 }]));
  expect(errorsOf(notString)).toEqual([{ line: 1, item: 1, field: "secret", reason: "expected a string" }]);
  expect(JSON.stringify([withKey, withoutKey])).not.toContain(secret);
});
