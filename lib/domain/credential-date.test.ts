import { describe, expect, test } from "vitest";
import { instantFromUnixSeconds, isCanonicalInstant, parseInstant } from "./credential-date";

describe("parseInstant accepts ISO 8601 and normalises to UTC", () => {
  test.each([
    ["2026-01-05", "2026-01-05T00:00:00.000Z"],
    ["2026-01-05T09:00:00Z", "2026-01-05T09:00:00.000Z"],
    ["2026-01-05T09:00Z", "2026-01-05T09:00:00.000Z"],
    ["2026-01-05t09:00:00z", "2026-01-05T09:00:00.000Z"],
    ["2026-01-05 09:00:00+02:00", "2026-01-05T07:00:00.000Z"],
    ["2026-01-05T09:00:00+0530", "2026-01-05T03:30:00.000Z"],
    ["2026-01-05T23:30:00-05:00", "2026-01-06T04:30:00.000Z"],
    ["2018-05-19T11:35:54.466476215-04:00", "2018-05-19T15:35:54.466Z"],
    ["2026-01-05T09:00:00,5Z", "2026-01-05T09:00:00.500Z"],
    ["2024-02-29T12:00:00Z", "2024-02-29T12:00:00.000Z"],
    ["2000-02-29", "2000-02-29T00:00:00.000Z"],
    ["  2026-01-05  ", "2026-01-05T00:00:00.000Z"],
    ["9999-12-31T23:59:59Z", "9999-12-31T23:59:59.000Z"],
  ])("%s → %s", (input, expected) => {
    expect(parseInstant(input)).toEqual({ ok: true, value: expected });
  });
});

describe("parseInstant rejects impossible or ambiguous instants", () => {
  test.each([
    ["2026-02-30", /day 30 does not exist in 2026-02/],
    ["2023-02-29", /day 29 does not exist/],
    ["1900-02-29", /day 29 does not exist/],
    ["2026-04-31", /day 31 does not exist/],
    ["2026-13-01", /month must be 01-12/],
    ["2026-00-10", /month must be 01-12/],
    ["2026-01-00", /day 0 does not exist/],
    ["2026-01-05T24:00:00Z", /time of day out of range/],
    ["2026-01-05T12:60:00Z", /time of day out of range/],
    ["2026-01-05T12:00:60Z", /time of day out of range/],
    ["2026-01-05T09:00:00", /no timezone/],
    ["2026-01-05T09:00:00+25:00", /offset out of range/],
    ["1899-12-31", /year before 1900/],
    ["05/01/2026", /not an ISO 8601 date/],
    ["N/A", /not an ISO 8601 date/],
    ["", /not an ISO 8601 date/],
  ])("%s", (input, reason) => {
    const result = parseInstant(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  test("reasons never repeat the input (it might be a secret in the wrong column)", () => {
    const input = "Zq9-not-a-date-Zq9";
    const result = parseInstant(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).not.toContain("Zq9");
  });
});

test("instantFromUnixSeconds converts Vault creation_time", () => {
  expect(instantFromUnixSeconds(1523979354)).toEqual({ ok: true, value: "2018-04-17T15:35:54.000Z" });
  expect(instantFromUnixSeconds(-1).ok).toBe(false);
  expect(instantFromUnixSeconds(Number.NaN).ok).toBe(false);
});

test.each([
  ["2026-01-05T09:00:00.000Z", true],
  ["2026-01-05T09:00:00Z", false],
  ["2026-02-30T09:00:00.000Z", false],
  ["2026-01-05", false],
])("isCanonicalInstant(%s) = %s", (value, expected) => {
  expect(isCanonicalInstant(value)).toBe(expected);
});
