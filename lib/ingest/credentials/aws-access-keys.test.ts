import { describe, expect, test } from "vitest";
import { parseAwsAccessKeys } from "./aws-access-keys";
import { EXAMPLE_KEY_IDS, listAccessKeysOutput } from "./fixtures/aws-list-access-keys";
import { bytesOf, collect, errorsOf, recordsOf } from "./test-support";

const parse = async (text: string) => collect(parseAwsAccessKeys(bytesOf(text)));
const [ACTIVE_ID, INACTIVE_ID] = EXAMPLE_KEY_IDS;
/** A third key id of the same shape, for a second user. */
const OTHER_ID = "AKIA" + "JQ2WXYZ3" + "EXAMPLE0";

const key = (over: Record<string, unknown> = {}) => ({ UserName: "Alice", AccessKeyId: OTHER_ID, Status: "Active", CreateDate: "2024-03-01T09:30:00+00:00", ...over });
const output = (keys: unknown[], extra: Record<string, unknown> = {}) => ({ AccessKeyMetadata: keys, IsTruncated: false, ...extra });

test("the documented output yields one credential per key, an inactive key disabled", async () => {
  const items = await parse(listAccessKeysOutput());
  expect(errorsOf(items)).toEqual([]);
  expect(recordsOf(items)).toEqual([
    {
      external_id: ACTIVE_ID,
      provider: "aws",
      kind: "access_key",
      public_id: ACTIVE_ID,
      principal: "Bob",
      name: `Bob access key ${ACTIVE_ID}`,
      created_at: "2013-06-04T18:17:34.000Z",
      status: "active",
      provenance: { provider: "source", kind: "source", public_id: "source", principal: "source", name: "source", created_at: "source", status: "source" },
    },
    expect.objectContaining({ external_id: INACTIVE_ID, public_id: INACTIVE_ID, status: "disabled", created_at: "2013-06-06T20:42:26.000Z" }),
  ]);
  expect(items.map((i) => i.line)).toEqual([1, 1]);
});

describe("several users' outputs, as a loop or a script gathers them", () => {
  const bob = output([{ UserName: "Bob", AccessKeyId: ACTIVE_ID, Status: "Active", CreateDate: "2013-06-04T18:17:34Z" }]);
  const alice = output([key()]);
  test.each<[string, string]>([
    ["back to back, pretty-printed", `${JSON.stringify(bob, null, 4)}\n${JSON.stringify(alice, null, 4)}\n`],
    ["back to back, one per line", `${JSON.stringify(bob)}\n${JSON.stringify(alice)}\n`],
    ["in an array", JSON.stringify([bob, alice])],
    ["a bare array of keys (--query AccessKeyMetadata)", JSON.stringify([...bob.AccessKeyMetadata, key()])],
    ["with an empty output for a user without keys", `${JSON.stringify(bob)}${JSON.stringify(output([]))}${JSON.stringify(alice)}`],
  ])("%s", async (_label, text) => {
    const items = await parse(text);
    expect(errorsOf(items)).toEqual([]);
    expect(recordsOf(items).map((r) => [r.public_id, r.principal])).toEqual([
      [ACTIVE_ID, "Bob"],
      [OTHER_ID, "Alice"],
    ]);
  });
});

describe("row errors name the key's field and where it is", () => {
  test.each<[string, unknown, string, RegExp]>([
    ["no key id", output([key({ AccessKeyId: undefined })]), "AccessKeyMetadata[0].AccessKeyId", /required/],
    ["a key id that is not one", output([key({ AccessKeyId: "AKIA-not an id" })]), "AccessKeyMetadata[0].AccessKeyId", /16 to 128 letters/],
    ["a status IAM does not have", output([key({ Status: "Enabled" })]), "AccessKeyMetadata[0].Status", /expected Active or Inactive/],
    ["no status", output([key({ Status: undefined })]), "AccessKeyMetadata[0].Status", /expected Active or Inactive/],
    ["a date that is not one", output([key({ CreateDate: "2024-02-30T00:00:00Z" })]), "AccessKeyMetadata[0].CreateDate", /day 30/],
    ["a user name that is not a string", output([key({ UserName: 7 })]), "AccessKeyMetadata[0].UserName", /expected a string/],
    ["a key that is not an object", output([7]), "AccessKeyMetadata[0]", /expected an access key/],
    ["a list that is not an array", { AccessKeyMetadata: {} }, "AccessKeyMetadata", /expected an array/],
    ["a bare key without a status", key({ Status: undefined }), "Status", /expected Active or Inactive/],
  ])("%s", async (_label, value, field, reason) => {
    expect(errorsOf(await parse(JSON.stringify(value)))).toEqual([{ line: 1, item: 1, field, reason: expect.stringMatching(reason) }]);
  });

  test("an object that is neither an output nor a key is refused whole", async () => {
    expect(errorsOf(await parse(JSON.stringify({ Users: [] })))).toEqual([{ line: 1, item: 1, reason: expect.stringMatching(/output of aws iam list-access-keys/) }]);
  });

  test("a listing cut short (IsTruncated) is refused, so a full import cannot mark its missing keys gone", async () => {
    const items = await parse(JSON.stringify(output([key()], { IsTruncated: true, Marker: "next-page" })));
    expect(recordsOf(items).map((r) => r.public_id)).toEqual([OTHER_ID]);
    expect(errorsOf(items)).toEqual([{ line: 1, item: 1, field: "IsTruncated", reason: expect.stringMatching(/incomplete/) }]);
  });

  test("a key listed twice is a duplicate of the first, named by its output", async () => {
    const text = `${JSON.stringify(output([key()]))}${JSON.stringify(output([key()]))}`;
    expect(errorsOf(await parse(text))).toEqual([
      { line: 1, item: 2, field: "AccessKeyMetadata[0].AccessKeyId", reason: "duplicate id: already used on line 1, item 1" },
    ]);
  });
});
