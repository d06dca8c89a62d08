import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { fingerprintSecret } from "@/lib/scanner/fingerprint";
import { LEASH_COLUMNS, leashCsvTemplate } from "./leash-columns";
import { parseLeashCsv } from "./leash-csv";
import { bytesOf, collect, errorsOf, recordsOf, seededSecret } from "./test-support";

const fixture = readFileSync(new URL("./fixtures/leash-credentials.csv", import.meta.url));
const parse = async (text: string | Uint8Array, options = {}) => collect(parseLeashCsv(bytesOf(text), options));
const HEAD = "external_id,provider,kind";
/** A minimal valid row with `column` set to `cell` (replacing the default when it is a required column). */
const one = (column: string, cell: string) => {
  const row = new Map([["external_id", "inv-1"], ["provider", "aws"], ["kind", "access_key"]]).set(column, cell);
  return parse(`${[...row.keys()].join(",")}\n${[...row.values()].join(",")}\n`);
};

test("the fixture maps every column of every row", async () => {
  const items = await parse(fixture);
  expect(errorsOf(items)).toEqual([]);
  const [first, second, third] = recordsOf(items);
  const { provenance, ...values } = first!;
  expect(values).toEqual({
    external_id: "inv-0001",
    name: "Railway deploy token, billing",
    provider: "railway",
    kind: "api_token",
    principal: "billing-deploy-agent",
    principal_type: "agent",
    team: "payments",
    owner_email: "owner@example.com",
    environments: ["production", "staging"],
    agent_accessible: true,
    allowed_operations: ["read", "deploy"],
    scopes: ["project:read", "deployment:write"],
    created_at: "2026-01-05T07:00:00.000Z",
    expires_at: null,
    last_rotated_at: "2026-01-05T00:00:00.000Z",
    last_used_at: null,
    revoked_at: null,
    status: "active",
    storage: "vault",
    approval_ref: "SEC-1234",
    last_review_at: "2026-01-10T12:00:00.000Z",
    reviewer: "reviewer@example.com",
    tags: ["billing", "tier-1"],
    fingerprint: "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
    public_id: "rw-0001",
    account: "billing-prod",
  });
  expect(Object.values(provenance)).toHaveLength(25);
  expect(new Set(Object.values(provenance))).toEqual(new Set(["source"]));
  expect(second).toEqual({
    external_id: "inv-0002",
    provider: "github",
    kind: "pat",
    provenance: { provider: "source", kind: "source" },
  });
  expect(third).toMatchObject({
    environments: ["*"],
    agent_accessible: false,
    allowed_operations: null,
    created_at: "2025-12-01T00:00:00.000Z",
    expires_at: "2026-03-01T00:00:00.000Z",
    last_used_at: "2026-01-20T08:30:00.123Z",
    revoked_at: "2026-01-21T00:00:00.000Z",
    status: "revoked",
    storage: "env_file",
  });
  expect(items.map((i) => i.line)).toEqual([2, 3, 4]);
});

describe("each column maps its cell to its field", () => {
  test.each([
    ["name", "Billing key", "name", "Billing key"],
    ["provider", " OpenAI ", "provider", "openai"],
    ["principal", "svc-billing", "principal", "svc-billing"],
    ["principal_type", "Service", "principal_type", "service"],
    ["team", "payments", "team", "payments"],
    ["owner_email", "lead@example.com", "owner_email", "lead@example.com"],
    ["environments", "staging; development", "environments", ["staging", "development"]],
    ["environments", "*", "environments", ["*"]],
    ["agent_accessible", "FALSE", "agent_accessible", false],
    ["agent_accessible", "yes", "agent_accessible", true],
    ["allowed_operations", "read;write", "allowed_operations", ["read", "write"]],
    ["allowed_operations", "*", "allowed_operations", null],
    ["allowed_operations", "none", "allowed_operations", []],
    ["scopes", "a:read;b:write", "scopes", ["a:read", "b:write"]],
    ["created_at", "2026-01-05T10:00:00+01:00", "created_at", "2026-01-05T09:00:00.000Z"],
    ["expires_at", "never", "expires_at", null],
    ["expires_at", "2026-02-01", "expires_at", "2026-02-01T00:00:00.000Z"],
    ["last_rotated_at", "2025-12-31T23:59:59Z", "last_rotated_at", "2025-12-31T23:59:59.000Z"],
    ["last_used_at", "Never", "last_used_at", null],
    ["revoked_at", "never", "revoked_at", null],
    ["revoked_at", "2026-01-02", "revoked_at", "2026-01-02T00:00:00.000Z"],
    ["status", "disabled", "status", "disabled"],
    ["storage", "ci_secret", "storage", "ci_secret"],
    ["approval_ref", "CHG-9", "approval_ref", "CHG-9"],
    ["last_review_at", "2026-01-03", "last_review_at", "2026-01-03T00:00:00.000Z"],
    ["reviewer", "rev@example.com", "reviewer", "rev@example.com"],
    ["tags", "a;b;a", "tags", ["a", "b"]],
    ["environments", "production;Production", "environments", ["production"]],
    ["allowed_operations", "read;READ;deploy", "allowed_operations", ["read", "deploy"]],
    ["fingerprint", "AB".repeat(32), "fingerprint", "ab".repeat(32)],
    ["public_id", "key-123", "public_id", "key-123"],
    ["account", "111122223333", "account", "111122223333"],
  ])("%s %j → %s", async (column, cell, field, expected) => {
    const [item] = await one(column, cell);
    expect(item).toHaveProperty(["record", field], expected);
    expect(item).toHaveProperty(["record", "provenance", field], "source");
  });

  test("an empty cell leaves the field not stated", async () => {
    for (const column of LEASH_COLUMNS.filter((c) => !c.required && c.type !== "secret")) {
      const [item] = await one(column.name, "");
      expect(item && "record" in item && column.field in item.record).toBe(false);
    }
  });
});

describe("row errors name the line, the column and the reason", () => {
  test.each([
    ["kind", "password", /expected one of: access_key, pat/],
    ["principal_type", "robot", /expected one of: human, service, agent/],
    ["environments", "prod", /expected one of: production, staging, development, \*/],
    ["environments", "*;production", /list it alone/],
    ["status", "deleted", /expected one of: active, disabled/],
    ["storage", "s3", /expected one of: vault, ci_secret/],
    ["agent_accessible", "maybe", /expected true or false/],
    ["created_at", "2026-02-30", /day 30 does not exist in 2026-02/],
    ["expires_at", "2026-13-01", /month must be 01-12/],
    ["last_review_at", "2026-01-05T10:00", /no timezone/],
    ["owner_email", "nope", /email/i],
    ["fingerprint", "xyz", /64 lowercase hex/],
    ["allowed_operations", "read;Has Space", /lowercase slug/],
    ["allowed_operations", "none;read", /'none' means no operation at all; list it alone/],
    ["provider", "=cmd", /starts with '=': possible formula injection/],
    ["name", "=1+1", /starts with '=': possible formula injection/],
    ["principal", "+x", /starts with '\+'/],
    ["team", "-x", /starts with '-'/],
    ["reviewer", "@x", /starts with '@'/],
    ["approval_ref", "=HYPERLINK(1)", /formula injection/],
    ["public_id", "-1", /formula injection/],
    ["account", "@acct", /formula injection/],
    ["owner_email", "=x@example.com", /formula injection/],
    ["tags", "ok;=bad", /an item starts with '='/],
    ["scopes", "@x", /an item starts with '@'/],
  ])("%s %j", async (column, cell, reason) => {
    const items = await one(column, cell);
    expect(items).toEqual([{ line: 2, error: { line: 2, field: column, reason: expect.stringMatching(reason) } }]);
  });

  test("a required value left empty", async () => {
    expect(await parse(`${HEAD}\ninv-1,aws,\n,aws,pat\n`)).toEqual([
      { line: 2, error: { line: 2, field: "kind", reason: "required" } },
      { line: 3, error: { line: 3, field: "external_id", reason: "required: a stable id for this credential" } },
    ]);
  });

  test("external ids are checked for formula injection too", async () => {
    expect(errorsOf(await parse(`${HEAD}\n=id,aws,pat\n`))).toEqual([
      { line: 2, field: "external_id", reason: "starts with '=': possible formula injection" },
    ]);
  });

  test("a duplicate id is rejected on the later row, naming the first", async () => {
    const items = await parse(`${HEAD}\ninv-1,aws,pat\ninv-2,aws,pat\ninv-1,gcp,pat\ninv-2,aws,bogus\n`);
    expect(recordsOf(items).map((r) => r.external_id)).toEqual(["inv-1", "inv-2"]);
    expect(errorsOf(items)).toEqual([
      { line: 4, field: "external_id", reason: "duplicate id: already used on line 2" },
      { line: 5, field: "external_id, kind", reason: expect.stringMatching(/^external_id: duplicate id: already used on line 3; kind: expected one of/) },
    ]);
  });

  test("a row with several bad cells is rejected once, naming every column at fault", async () => {
    const items = await parse(`external_id,provider,kind,owner_email,agent_accessible\n,aws,bogus,not-an-email,perhaps\ninv-1,aws,pat,nope,\n`);
    expect(errorsOf(items)).toEqual([
      {
        line: 2,
        field: "external_id, kind, agent_accessible, owner_email",
        reason: expect.stringMatching(/^external_id: required: a stable id for this credential; kind: expected one of: .*; agent_accessible: .*; owner_email: /),
      },
      { line: 3, field: "owner_email", reason: expect.any(String) },
    ]);
  });

  test("missing and extra cells", async () => {
    expect(errorsOf(await parse(`${HEAD},team\ninv-1,aws\ninv-2,aws,pat,t,extra\n`))).toEqual([
      { line: 2, field: "kind", reason: "missing cells: expected 4, found 2" },
      { line: 3, reason: "extra cells: expected 4, found 5" },
    ]);
  });

  test("rows of empty cells (a spreadsheet's used range saved past the data) are skipped like blank lines", async () => {
    const items = await parse(`${HEAD},name\r\n,,,\r\ninv-1,aws,pat,x\r\n,,,\r\n, ,,""\r\n,,\r\n`);
    expect(items).toEqual([{ line: 3, record: expect.objectContaining({ external_id: "inv-1" }) }]);
  });

  test("broken quotes reject their row only, with the column", async () => {
    const items = await parse(`${HEAD},name\ninv-1,aws,pat,a"b\ninv-2,aws,pat,"x"y\ninv-3,aws,pat,"ok, fine"\n`);
    expect(errorsOf(items)).toEqual([
      { line: 2, field: "name", reason: expect.stringMatching(/quote inside an unquoted cell/) },
      { line: 3, field: "name", reason: expect.stringMatching(/text after a closing quote/) },
    ]);
    expect(recordsOf(items)).toMatchObject([{ external_id: "inv-3", name: "ok, fine" }]);
  });

  test("invalid UTF-8 (e.g. a Latin-1 export) names the line", async () => {
    const enc = new TextEncoder();
    const bytes = new Uint8Array([...enc.encode(`${HEAD},name\ninv-1,aws,pat,Caf`), 0xe9, ...enc.encode("\ninv-2,aws,pat,ok\n")]);
    const items = await parse(bytes);
    expect(errorsOf(items)).toEqual([{ line: 2, reason: "invalid UTF-8 on line 2 (save the file as UTF-8)" }]);
    expect(recordsOf(items).map((r) => r.external_id)).toEqual(["inv-2"]);
  });
});

describe("the header", () => {
  test.each([
    ["an unknown column", `${HEAD},enviroments\n`, { line: 1, field: "enviroments", reason: "unknown column" }],
    ["a missing required column", "external_id,provider\n", { line: 1, field: "kind", reason: "required column missing from header: kind" }],
    ["a duplicate column", `${HEAD},kind\n`, { line: 1, field: "kind", reason: "column appears twice in the header" }],
  ])("rejects %s once, on the header line", async (_label, text, error) => {
    expect(await parse(`${text}inv-1,aws,pat\n`)).toEqual([{ line: error.line, error }]);
  });

  test.each([["an empty file", ""], ["a file of blank lines", "\r\n\n"]])("rejects %s", async (_label, text) => {
    expect(await parse(text)).toEqual([{ line: 1, error: { line: 1, reason: "file is empty: no header row" } }]);
  });

  test("trailing columns with no name (a spreadsheet's used range) are ignored while they hold nothing", async () => {
    const items = await parse(`${HEAD},name,,\r\ninv-1,aws,pat,x,,\r\ninv-2,aws,pat,y\r\ninv-3,aws,pat,z,,stray\r\n`);
    expect(recordsOf(items)).toMatchObject([{ external_id: "inv-1", name: "x" }, { external_id: "inv-2", name: "y" }]);
    expect(errorsOf(items)).toEqual([{ line: 4, reason: "a value in column 6, which has no name in the header" }]);
  });

  test("a column with no name before named ones is refused at the header", async () => {
    expect(await parse(`external_id,,provider,kind\ninv-1,,aws,pat\n`)).toEqual([
      { line: 1, error: { line: 1, reason: "header has an empty column name" } },
    ]);
  });

  test("header names are matched case-insensitively and trimmed", async () => {
    expect(recordsOf(await parse(" External_ID ,PROVIDER,Kind\ninv-1,aws,pat\n"))).toHaveLength(1);
  });
});

describe("encodings and line endings", () => {
  const text = `${HEAD},name\r\ninv-1,aws,pat,Zürich café\r\n`;
  const utf16 = (le: boolean) => {
    const body = Buffer.from(text, "utf16le");
    if (!le) body.swap16();
    return new Uint8Array([...(le ? [0xff, 0xfe] : [0xfe, 0xff]), ...body]);
  };
  test.each([
    ["UTF-8 with CRLF", new TextEncoder().encode(text)],
    ["UTF-8 with BOM", new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)])],
    ["UTF-16 LE with BOM", utf16(true)],
    ["UTF-16 BE with BOM", utf16(false)],
    ["UTF-8 with CR line ends (Excel for Mac)", new TextEncoder().encode(text.replaceAll("\r\n", "\r"))],
  ])("%s", async (_label, bytes) => {
    expect(recordsOf(await parse(bytes))).toMatchObject([{ external_id: "inv-1", name: "Zürich café" }]);
  });
});

describe("secrets are only fingerprinted", () => {
  const key = "instance-key-for-tests";
  const secret = seededSecret(7);
  const csv = (extra = "") => `${HEAD},secret${extra ? ",fingerprint" : ""}\ninv-1,aws,access_key,${secret}${extra}\n`;

  test("with the instance key the secret becomes the fingerprint and appears nowhere", async () => {
    const items = await parse(csv(), { fingerprintKey: key });
    expect(items).toEqual([
      {
        line: 2,
        record: expect.objectContaining({ fingerprint: fingerprintSecret(secret, key), provenance: expect.objectContaining({ fingerprint: "source" }) }),
      },
    ]);
    expect(JSON.stringify(items)).not.toContain(secret);
  });

  test("a secret starting with a formula character is still only a secret (not a text cell)", async () => {
    const items = await parse(`${HEAD},secret\ninv-1,aws,pat,-${secret}\n`, { fingerprintKey: key });
    expect(recordsOf(items)[0]?.fingerprint).toBe(fingerprintSecret(`-${secret}`, key));
  });

  test("without the key the row is rejected and the value discarded", async () => {
    const items = await parse(csv());
    expect(errorsOf(items)).toEqual([{ line: 2, field: "secret", reason: expect.stringMatching(/fingerprint key/) }]);
    expect(JSON.stringify(items)).not.toContain(secret);
  });

  test("a fingerprint column that disagrees with the secret is rejected", async () => {
    const items = await parse(csv(`,${"ab".repeat(32)}`), { fingerprintKey: key });
    expect(errorsOf(items)).toEqual([{ line: 2, field: "fingerprint", reason: "does not match the fingerprint of the secret column" }]);
    expect(JSON.stringify(items)).not.toContain(secret);
  });
});

test("the template parses back into one valid record with every documented column", async () => {
  const template = leashCsvTemplate();
  expect(template.split("\r\n")[0]).toBe(LEASH_COLUMNS.map((c) => c.name).join(","));
  const items = await parse(template);
  expect(errorsOf(items)).toEqual([]);
  expect(recordsOf(items)).toHaveLength(1);
});
