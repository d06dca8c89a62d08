import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { dropKeyMaterial, parseGcpServiceAccountKeys } from "./gcp-sa-keys";
import { bytesOf, collect, errorsOf, recordsOf, seededSecret } from "./test-support";

const fixture = readFileSync(new URL("./fixtures/gcp-sa-keys.json", import.meta.url), "utf8");
const parse = async (text: string) => collect(parseGcpServiceAccountKeys(bytesOf(text)));
const KEY_NAME = "projects/p1/serviceAccounts/sa@p1.iam.gserviceaccount.com/keys/abc123";
const key = (extra: Record<string, unknown>) => JSON.stringify([{ name: KEY_NAME, keyType: "USER_MANAGED", ...extra }]);

test("user-managed keys map every field; the system-managed key is skipped", async () => {
  const items = await parse(fixture);
  expect(errorsOf(items)).toEqual([]);
  const [agentKey, etlKey, ...rest] = recordsOf(items);
  expect(rest).toEqual([]);
  expect(agentKey).toEqual({
    external_id:
      "projects/billing-prod/serviceAccounts/invoice-agent@billing-prod.iam.gserviceaccount.com/keys/3f1c9a7e5d2b4c6a8e0f1a2b3c4d5e6f7a8b9c0d",
    provider: "gcp",
    kind: "service_account_key",
    name: "invoice-agent@billing-prod.iam.gserviceaccount.com key 3f1c9a7e5d2b4c6a8e0f1a2b3c4d5e6f7a8b9c0d",
    principal: "invoice-agent@billing-prod.iam.gserviceaccount.com",
    public_id: "3f1c9a7e5d2b4c6a8e0f1a2b3c4d5e6f7a8b9c0d",
    account: "billing-prod",
    created_at: "2025-08-01T12:00:00.000Z",
    expires_at: null,
    status: "active",
    tags: ["key-origin:google_provided"],
    provenance: {
      provider: "source",
      kind: "source",
      name: "source",
      principal: "source",
      public_id: "source",
      account: "source",
      created_at: "source",
      expires_at: "source",
      status: "source",
      tags: "source",
    },
  });
  expect(etlKey).toMatchObject({
    status: "disabled",
    created_at: "2025-01-15T00:00:00.000Z",
    expires_at: "2026-01-15T00:00:00.000Z",
    tags: ["key-origin:user_provided"],
  });
  expect(items.map((i) => i.line)).toEqual([2, 10]);
});

test("principal_type is left for mapping rules: a service account may be an agent", async () => {
  const [agentKey] = recordsOf(await parse(fixture));
  expect(agentKey).not.toHaveProperty("principal_type");
  expect(agentKey).not.toHaveProperty("environments");
  expect(agentKey).not.toHaveProperty("agent_accessible");
});

describe("fields", () => {
  test.each([
    ["validBeforeTime absent", {}, "expires_at", undefined],
    ["validBeforeTime with offset", { validBeforeTime: "2026-01-01T02:00:00+02:00" }, "expires_at", "2026-01-01T00:00:00.000Z"],
    ["disabled: false", { disabled: false }, "status", "active"],
    ["disabled absent", {}, "status", "active"],
    ["projects/- (any project)", { name: "projects/-/serviceAccounts/sa@p1.iam.gserviceaccount.com/keys/k" }, "account", undefined],
  ])("%s → %s", async (_label, extra, field, expected) => {
    const [record] = recordsOf(await parse(key(extra)));
    expect(record?.[field as "status"]).toEqual(expected);
  });
});

describe("row errors", () => {
  test.each([
    [{ name: "keys/abc" }, "name", /expected projects\//],
    [{ name: undefined }, "name", /required/],
    [{ keyType: "KEY_TYPE_UNSPECIFIED" }, "keyType", /expected one of: USER_MANAGED, SYSTEM_MANAGED/],
    [{ validAfterTime: "2025-13-01T00:00:00Z" }, "validAfterTime", /month must be 01-12/],
    [{ validBeforeTime: 5 }, "validBeforeTime", /expected a string/],
    [{ disabled: "yes" }, "disabled", /expected true or false/],
  ])("%j", async (extra, field, reason) => {
    expect(errorsOf(await parse(key(extra)))).toEqual([{ line: 1, item: 1, field, reason: expect.stringMatching(reason) }]);
  });

  test("a key listed twice is a duplicate of the first", async () => {
    const text = `[\n${JSON.stringify({ name: KEY_NAME, keyType: "USER_MANAGED" })},\n${JSON.stringify({ name: KEY_NAME, keyType: "USER_MANAGED" })}\n]`;
    expect(errorsOf(await parse(text))).toEqual([{ line: 3, item: 2, field: "name", reason: "duplicate id: already used on line 2, item 1" }]);
  });
});

test("private key material (from `keys create` output) is dropped unread", async () => {
  const material = seededSecret(21, 64);
  expect(JSON.parse(key({ privateKeyData: material }), dropKeyMaterial)).toEqual([
    { name: KEY_NAME, keyType: "USER_MANAGED" },
  ]);
  const items = await parse(key({ privateKeyData: material }));
  expect(recordsOf(items)).toHaveLength(1);
  expect(JSON.stringify(items)).not.toContain(material);
});

test("the REST API's keys.list response reads as gcloud's array does; its {} for an account without keys holds none", async () => {
  const keys = JSON.parse(key({ validAfterTime: "2025-08-01T12:00:00Z" })) as unknown[];
  expect(recordsOf(await parse(JSON.stringify({ keys })))).toEqual(recordsOf(await parse(JSON.stringify(keys))));
  expect(recordsOf(await parse(JSON.stringify({ keys })))).toHaveLength(1);
  expect(await parse("{}")).toEqual([]);
});
