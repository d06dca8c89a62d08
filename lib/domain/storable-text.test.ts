import { describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH, NUL_REASON, SURROGATE_REASON, TOO_DEEP, unstorablePath } from "./storable-text";

/** `levels` objects nested one in another: {a: {a: … {}}}. */
function nest(levels: number): unknown {
  let value: unknown = {};
  for (let i = 1; i < levels; i++) value = { a: value };
  return value;
}

describe("unstorablePath", () => {
  const cases: [string, unknown, { path: string; reason: string } | null][] = [
    ["plain values", { name: "deploy", environments: ["production"], tags: { env: "prod" }, expires_at: new Date(0), on: true, n: 1 }, null],
    ["a whole surrogate pair", { name: "key \ud83d\udd11" }, null],
    ["a NUL in a field", { name: "a\u0000b" }, { path: "name", reason: NUL_REASON }],
    ["a NUL in a list", { environments: ["production", "st\u0000ging"] }, { path: "environments[1]", reason: NUL_REASON }],
    ["a NUL in a nested key", { tags: { "e\u0000nv": "prod" } }, { path: "tags.e\u0000nv", reason: NUL_REASON }],
    ["a high half alone", { owner_email: "a\ud800@example.com" }, { path: "owner_email", reason: SURROGATE_REASON }],
    ["a high half at the end", { principal: "svc\ud800" }, { path: "principal", reason: SURROGATE_REASON }],
    ["a low half alone", { principal: "\udc00svc" }, { path: "principal", reason: SURROGATE_REASON }],
    ["the first bad field", { name: "fine", principal: "x\u0000", team: "y\u0000" }, { path: "principal", reason: NUL_REASON }],
    ["a bare string", "a\u0000", { path: "", reason: NUL_REASON }],
    ["nested as deep as allowed", nest(MAX_JSON_DEPTH), null],
    ["one level deeper", nest(MAX_JSON_DEPTH + 1), { path: `a${".a".repeat(MAX_JSON_DEPTH - 1)}`, reason: TOO_DEEP }],
    ["thousands deep, without running out of stack", nest(20_000), { path: `a${".a".repeat(MAX_JSON_DEPTH - 1)}`, reason: TOO_DEEP }],
  ];
  for (const [name, value, expected] of cases) {
    it(name, () => expect(unstorablePath(value)).toEqual(expected));
  }
});
