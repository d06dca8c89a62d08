import { describe, expect, it } from "vitest";
import { checkNotFuture, parseZonedTimestamp } from "./timestamps";
import { canonicalJson } from "./canonical";

describe("parseZonedTimestamp", () => {
  const cases: [string, ReturnType<typeof parseZonedTimestamp>][] = [
    ["2026-11-20T09:15:00Z", { ok: true, iso: "2026-11-20T09:15:00.000Z" }],
    ["2026-11-20T09:15:00.123456Z", { ok: true, iso: "2026-11-20T09:15:00.123Z" }],
    ["2026-11-20T10:15:00+01:00", { ok: true, iso: "2026-11-20T09:15:00.000Z" }],
    ["2026-11-20T10:15:00+0100", { ok: true, iso: "2026-11-20T09:15:00.000Z" }],
    ["2026-11-20T04:15:00-05", { ok: true, iso: "2026-11-20T09:15:00.000Z" }],
    ["2026-11-20 09:15:00z", { ok: true, iso: "2026-11-20T09:15:00.000Z" }],
    ["2026-11-20T09:15:00", { ok: false, reason: "timestamp has no time zone (add Z or an offset such as +00:00)" }],
    ["2026-11-20 09:15", { ok: false, reason: "timestamp has no time zone (add Z or an offset such as +00:00)" }],
    ["yesterday", { ok: false, reason: "not an ISO 8601 timestamp" }],
    ["2026-13-01T00:00:00Z", { ok: false, reason: "timestamp is not a valid date and time" }],
    ["2026-11-20T09:15:00.000Z", { ok: true, iso: "2026-11-20T09:15:00.000Z" }],
    ["2028-02-29T00:00:00.000Z", { ok: true, iso: "2028-02-29T00:00:00.000Z" }],
    ["2026-02-29T00:00:00.000Z", { ok: false, reason: "timestamp is not a valid date and time" }],
    ["2000-02-29T12:00:00+01:00", { ok: true, iso: "2000-02-29T11:00:00.000Z" }],
    ["2100-02-29T12:00:00+01:00", { ok: false, reason: "timestamp is not a valid date and time" }],
    ["2026-02-31T00:00:00Z", { ok: false, reason: "timestamp is not a valid date and time" }],
    ["2026-04-31T10:00:00+02:00", { ok: false, reason: "timestamp is not a valid date and time" }],
    ["2026-11-20T24:00:00.000Z", { ok: false, reason: "timestamp is not a valid date and time" }],
    ["2026-02-31T00:00:00.000Z", { ok: false, reason: "timestamp is not a valid date and time" }],
    ["2026-11-20T24:00:00Z", { ok: false, reason: "timestamp is not a valid date and time" }],
    ["2026-11-20 09:15:00Z", { ok: true, iso: "2026-11-20T09:15:00.000Z" }],
    ["2026-11-20t09:15:00Z", { ok: true, iso: "2026-11-20T09:15:00.000Z" }],
    ["2026-11-20T09:15:00+25:00", { ok: false, reason: "timestamp has an invalid zone offset" }],
    // JavaScript's own shape, read digit by digit: a leap second, a letter among the digits, year 0 and 9999.
    ["2026-12-31T23:59:60.000Z", { ok: false, reason: "timestamp is not a valid date and time" }],
    ["2026-11-2OT09:15:00.000Z", { ok: false, reason: "not an ISO 8601 timestamp" }],
    ["0000-01-01T00:00:00Z", { ok: true, iso: "0000-01-01T00:00:00.000Z" }],
    ["9999-12-31T23:59:59.999Z", { ok: true, iso: "9999-12-31T23:59:59.999Z" }],
  ];
  for (const [input, expected] of cases) {
    it(`${input}`, () => expect(parseZonedTimestamp(input)).toEqual(expected));
  }
});

describe("checkNotFuture", () => {
  const now = new Date("2026-11-25T12:00:00Z");
  const day = 86_400_000;
  it("accepts the past and anything within the skew", () => {
    expect(checkNotFuture("2020-01-01T00:00:00.000Z", now, day)).toBeNull();
    expect(checkNotFuture("2026-11-26T12:00:00.000Z", now, day)).toBeNull();
  });
  it("rejects beyond the skew", () => {
    expect(checkNotFuture("2026-11-26T12:00:00.001Z", now, day)).toBe("timestamp is in the future (more than 1440 minutes past now)");
    // Compared as text against the limit printed once: a later `now` prints it again.
    expect(checkNotFuture("2026-11-26T12:00:00.001Z", new Date("2026-11-25T12:00:00.001Z"), day)).toBeNull();
    expect(checkNotFuture("+010000-01-01T00:00:00.000Z", now, day)).toBe("timestamp is in the future (more than 1440 minutes past now)");
  });
});

describe("canonicalJson", () => {
  it("sorts keys at every depth and drops undefined members", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: undefined, x: "s" }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":"s","z":1}]},"b":1}');
  });

  it("orders integer-like and non-ASCII keys by UTF-16 code units, as stored ingest keys were made", () => {
    const value = { "10": 1, "9": 2, a: [undefined, { "é": 1, Z: 2, "\ud83d\udd11": 3 }], "-1": 0, "01": 4, "": 5, e: 'q"\\' };
    expect(canonicalJson(value)).toBe('{"":5,"-1":0,"01":4,"10":1,"9":2,"a":[null,{"Z":2,"é":1,"🔑":3}],"e":"q\\"\\\\"}');
  });
});
