import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { fingerprintSecret } from "@/lib/scanner/fingerprint";
import { bytesOf, collect, errorsOf, recordsOf, seededSecret } from "./test-support";
import { parseVaultTokenLookup } from "./vault-token-lookup";

const fixture = readFileSync(new URL("./fixtures/vault-token-lookup.json", import.meta.url), "utf8");
const parse = async (text: string, options = {}) => collect(parseVaultTokenLookup(bytesOf(text), options));
const lookup = (data: Record<string, unknown>) => JSON.stringify({ request_id: "r", data: { accessor: "acc-1", ...data } });

test("the documented lookup maps every field", async () => {
  const items = await parse(fixture);
  expect(items).toEqual([
    {
      line: 1,
      item: 1,
      record: {
        external_id: "8609694a-cdbc-db9b-d345-e782dbb562ed",
        provider: "vault",
        kind: "api_token",
        public_id: "8609694a-cdbc-db9b-d345-e782dbb562ed",
        status: "active",
        name: "ldap2-tesla",
        principal: "ldap2-tesla",
        created_at: "2018-04-17T15:35:54.466Z",
        expires_at: "2018-05-19T15:35:54.466Z",
        scopes: ["policy:default", "policy:testgroup2-policy", "policy:dev-group-policy"],
        tags: ["orphan", "renewable", "token-type:service"],
        provenance: {
          provider: "source",
          kind: "source",
          public_id: "source",
          status: "source",
          name: "source",
          principal: "source",
          created_at: "source",
          expires_at: "source",
          scopes: "source",
          tags: "source",
        },
      },
    },
  ]);
});

describe("fields", () => {
  test.each([
    ["root token: expire_time null, ttl 0", { expire_time: null, ttl: 0 }, "expires_at", null],
    ["ttl 0 without expire_time", { ttl: 0 }, "expires_at", null],
    ["ttl left but no expire_time: unknown", { ttl: 3600 }, "expires_at", undefined],
    ["creation_time when issue_time is absent", { creation_time: 1523979354 }, "created_at", "2018-04-17T15:35:54.000Z"],
    ["no policies: scopes not stated", {}, "scopes", undefined],
    ["identity policies only", { identity_policies: ["ops"] }, "scopes", ["policy:ops"]],
    ["not orphan, not renewable, no type: no tags", { orphan: false, renewable: false }, "tags", undefined],
    ["batch token", { type: "batch" }, "tags", ["token-type:batch"]],
  ])("%s", async (_label, data, field, expected) => {
    const [record] = recordsOf(await parse(lookup(data)));
    expect(record?.[field as "tags"]).toEqual(expected);
  });

  test("the bare data object, an array and NDJSON are all accepted", async () => {
    const bare = JSON.stringify({ accessor: "a1", display_name: "token" });
    expect(recordsOf(await parse(bare))).toMatchObject([{ external_id: "a1", name: "token" }]);
    const many = `[${lookup({ accessor: "a1" })},\n${lookup({ accessor: "a2" })}]`;
    expect(recordsOf(await parse(many)).map((r) => r.external_id)).toEqual(["a1", "a2"]);
    const ndjson = `${lookup({ accessor: "a1" })}\n${lookup({ accessor: "a2" })}\n`;
    expect((await parse(ndjson)).map((i) => i.line)).toEqual([1, 2]);
  });
});

describe("the token itself (data.id)", () => {
  const key = "instance-key-for-tests";
  const token = seededSecret(31, 28);

  test("with the instance key it becomes the fingerprint and appears nowhere", async () => {
    const items = await parse(lookup({ id: token }), { fingerprintKey: key });
    expect(recordsOf(items)[0]).toMatchObject({ fingerprint: fingerprintSecret(token, key), provenance: { fingerprint: "source" } });
    expect(JSON.stringify(items)).not.toContain(token);
  });

  test("without the key it is dropped and the fingerprint stays not stated", async () => {
    const items = await parse(lookup({ id: token }));
    expect(recordsOf(items)[0]).not.toHaveProperty("fingerprint");
    expect(JSON.stringify(items)).not.toContain(token);
  });

  test("a fingerprint never leaks from one lookup to the next", async () => {
    const text = `${lookup({ accessor: "a1", id: token })}\n${lookup({ accessor: "a2" })}\n`;
    const [first, second] = recordsOf(await parse(text, { fingerprintKey: key }));
    expect(first?.fingerprint).toBe(fingerprintSecret(token, key));
    expect(second).not.toHaveProperty("fingerprint");
  });

  test("a row error does not carry the token either", async () => {
    const items = await parse(lookup({ id: token, expire_time: "2018-02-30T00:00:00Z" }), { fingerprintKey: key });
    expect(errorsOf(items)).toEqual([{ line: 1, item: 1, field: "data.expire_time", reason: expect.stringMatching(/day 30/) }]);
    expect(JSON.stringify(items)).not.toContain(token);
  });

  test("a `token create` response's client_token is dropped too", async () => {
    const text = JSON.stringify({ data: { accessor: "a1" }, auth: { client_token: token, accessor: "a1" } });
    const items = await parse(text, { fingerprintKey: key });
    expect(JSON.stringify(items)).not.toContain(token);
  });
});

describe("row errors", () => {
  test.each([
    [{ accessor: undefined }, "data.accessor", /^required$/],
    // A batch token's lookup prints `"accessor": ""`: the reason says why, not just that it is missing.
    [{ accessor: "", type: "batch" }, "data.accessor", /batch tokens have none/],
    [{ accessor: 5 }, "data.accessor", /expected a string/],
    [{ policies: "default" }, "data.policies", /expected an array of strings/],
    [{ identity_policies: [1] }, "data.identity_policies", /expected an array of strings/],
    [{ orphan: "true" }, "data.orphan", /expected true or false/],
    [{ issue_time: "2018-04-17T11:35:54" }, "data.issue_time", /no timezone/],
    [{ creation_time: "yesterday" }, "data.issue_time", /expected a number/],
  ])("%j", async (data, field, reason) => {
    expect(errorsOf(await parse(lookup(data)))).toEqual([{ line: 1, item: 1, field, reason: expect.stringMatching(reason) }]);
  });

  test("the same accessor twice is a duplicate", async () => {
    expect(errorsOf(await parse(`${lookup({})}\n${lookup({})}`))).toEqual([
      { line: 2, item: 2, field: "data.accessor", reason: "duplicate id: already used on line 1, item 1" },
    ]);
  });
});
