import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { operationsFor, parseGithubFineGrainedPats } from "./github-fine-grained-pats";
import { bytesOf, collect, errorsOf, recordsOf } from "./test-support";

const fixture = readFileSync(new URL("./fixtures/github-fine-grained-pats.json", import.meta.url), "utf8");
const parse = async (text: string) => collect(parseGithubFineGrainedPats(bytesOf(text)));
const grant = (extra: Record<string, unknown>) => JSON.stringify([{ id: 1, token_id: 42, owner: { login: "u" }, ...extra }]);

test("every documented field of a grant maps to the credential", async () => {
  const items = await parse(fixture);
  expect(errorsOf(items)).toEqual([]);
  const [release, triage] = recordsOf(items);
  expect(release).toEqual({
    external_id: "98716",
    provider: "github",
    kind: "pat",
    public_id: "98716",
    name: "Release automation",
    principal: "octocat",
    expires_at: "2023-11-16T15:47:09.000Z",
    last_used_at: null,
    status: "active",
    scopes: [
      "repositories:all",
      "organization.members:read",
      "repository.metadata:read",
      "repository.contents:write",
      "repository.deployments:write",
    ],
    allowed_operations: ["delete", "deploy", "read", "write"],
    provenance: {
      provider: "source",
      kind: "source",
      public_id: "source",
      name: "source",
      principal: "source",
      expires_at: "source",
      last_used_at: "source",
      status: "source",
      scopes: "source",
      allowed_operations: "source",
    },
  });
  expect(triage).toMatchObject({
    principal: "ci-agent-bot",
    status: "expired",
    expires_at: null,
    last_used_at: "2025-03-01T09:30:00.000Z",
    scopes: ["repositories:subset", "repository.metadata:read", "repository.issues:read"],
    allowed_operations: ["read"],
  });
  expect(items.map((i) => i.line)).toEqual([2, 24]);
});

test.each([
  [[{ group: "repository", name: "metadata", level: "read" }], ["read"]],
  [[{ group: "repository", name: "issues", level: "write" }], ["read", "write"]],
  [[{ group: "repository", name: "contents", level: "write" }], ["delete", "read", "write"]],
  [[{ group: "repository", name: "administration", level: "write" }], ["admin", "delete", "read", "write"]],
  [[{ group: "repository", name: "actions", level: "write" }], ["deploy", "read", "write"]],
  [[{ group: "repository", name: "environments", level: "write" }], ["deploy", "read", "write"]],
  [[{ group: "organization", name: "members", level: "admin" }], ["admin", "read", "write"]],
  [[], []],
])("operationsFor(%j) = %j", (permissions, expected) => {
  expect(operationsFor(permissions)).toEqual(expected);
});

describe("gh api --paginate output", () => {
  const grants = JSON.parse(fixture) as Record<string, unknown>[];
  const [first, second] = grants.map((g) => [g]);
  const compact = (pages: unknown[][]) => pages.map((p) => JSON.stringify(p)).join("");
  test.each<[string, string]>([
    ["one array per page, back to back", compact([first ?? [], second ?? []])],
    ["pages pretty-printed back to back", `${JSON.stringify(first, null, 2)}${JSON.stringify(second, null, 2)}\n`],
    ["--slurp: an array of pages", JSON.stringify([first, second])],
    ["--slurp with an empty last page", JSON.stringify([first, second, []])],
  ])("%s reads as the grants it holds", async (_label, text) => {
    const items = await parse(text);
    expect(errorsOf(items)).toEqual([]);
    expect(recordsOf(items)).toEqual(recordsOf(await parse(fixture)));
  });

  test("--slurp output pretty-printed keeps each grant's line", async () => {
    const items = await parse(JSON.stringify([first, second], null, 2));
    expect(items.map((i) => i.line)).toEqual([3, 33]);
  });

  test("a minified --slurp output names its grants by item, counted on across the pages", async () => {
    const items = await parse(JSON.stringify([[...(first ?? []), { token_id: "x" }], [{ token_id: "y" }]]));
    expect(errorsOf(items)).toEqual([
      { line: 1, item: 2, field: "token_id", reason: expect.any(String) },
      { line: 1, item: 3, field: "token_id", reason: expect.any(String) },
    ]);
  });

  test("an array of pages holding something other than pages stops with one error", async () => {
    const items = await parse(JSON.stringify([first, grants[1]]));
    expect(recordsOf(items)).toHaveLength(1);
    expect(errorsOf(items)).toEqual([{ line: 1, reason: expect.stringMatching(/an array of pages holds only arrays/) }]);
  });
});

describe("fields", () => {
  test.each([
    ["no permissions object: scopes and operations not stated", {}, "allowed_operations", undefined],
    ["empty permissions: no operations", { permissions: {} }, "allowed_operations", []],
    ["token_expires_at absent: not stated", {}, "expires_at", undefined],
    ["token_expires_at null: never expires", { token_expires_at: null }, "expires_at", null],
    ["token_expired absent: status not stated", {}, "status", undefined],
  ])("%s", async (_label, extra, field, expected) => {
    const [record] = recordsOf(await parse(grant(extra)));
    expect(record?.[field as "status"]).toEqual(expected);
  });
});

describe("row errors", () => {
  test.each([
    [{ token_id: undefined }, "token_id", /required/],
    [{ token_id: "42" }, "token_id", /required/],
    [{ token_expires_at: "2023-02-29T00:00:00Z" }, "token_expires_at", /day 29 does not exist/],
    [{ token_expired: "no" }, "token_expired", /expected true or false/],
    [{ permissions: { repository: { contents: "owner" } } }, "permissions.repository.contents", /expected one of: read, write, admin/],
    [{ permissions: { repository: ["contents"] } }, "permissions.repository", /expected an object of strings/],
    [{ permissions: {}, repository_selection: 3 }, "repository_selection", /expected a string/],
    [{ owner: { login: 7 } }, "owner.login", /expected a string/],
  ])("%j", async (extra, field, reason) => {
    expect(errorsOf(await parse(grant(extra)))).toEqual([{ line: 1, item: 1, field, reason: expect.stringMatching(reason) }]);
  });

  test("the same token twice is a duplicate", async () => {
    const text = `[${JSON.stringify({ token_id: 1 })},\n${JSON.stringify({ token_id: 1 })}]`;
    expect(errorsOf(await parse(text))).toEqual([{ line: 2, item: 2, field: "token_id", reason: "duplicate id: already used on line 1, item 1" }]);
  });
});
