import { describe, expect, test } from "vitest";
import { buildRequest, utcInstant } from "./build-request";
import { describeCoverage } from "./coverage";
import { formatBytes, formatScope } from "./format";

const base = { framework: "soc2", asOf: "", from: "", to: "" };

describe("buildRequest", () => {
  test("an empty instant means now: only the framework is sent", () => {
    expect(buildRequest({ ...base, scope: "as_of" })).toEqual({ ok: true, request: { framework: "soc2" } });
  });

  test("an instant typed without a zone is read as UTC", () => {
    expect(utcInstant("2026-01-05T09:30")).toBe("2026-01-05T09:30:00.000Z");
    expect(buildRequest({ ...base, scope: "as_of", asOf: "2026-01-05T09:30:15" })).toEqual({ ok: true, request: { framework: "soc2", asOf: "2026-01-05T09:30:15.000Z" } });
    expect(buildRequest({ ...base, scope: "as_of", asOf: "yesterday" })).toEqual({ ok: false, errors: { asOf: "Not a date and time" } });
  });

  test("a period sends from and to only, and refuses a missing or reversed day", () => {
    const period = { ...base, scope: "period" as const, asOf: "2026-01-05T09:30", from: "2026-01-01", to: "2026-03-31" };
    expect(buildRequest(period)).toEqual({ ok: true, request: { framework: "soc2", from: "2026-01-01", to: "2026-03-31" } });
    expect(buildRequest({ ...period, to: "" })).toEqual({ ok: false, errors: { to: "Pick the last day of the period" } });
    expect(buildRequest({ ...period, from: "2026-04-01" })).toEqual({ ok: false, errors: { to: "must not be before the first day" } });
  });
});

describe("format", () => {
  test("scopes and sizes read the same on server and browser", () => {
    expect(formatScope({ kind: "as_of", asOf: "2026-01-05T09:30:15.000Z" })).toBe("As of 2026-01-05 09:30 UTC");
    expect(formatScope({ kind: "period", from: "2026-01-01", to: "2026-03-31" })).toBe("Period 2026-01-01 – 2026-03-31");
    expect([formatBytes(512), formatBytes(2048), formatBytes(3 * 1024 * 1024 + 1)]).toEqual(["512 B", "2.0 KiB", "3.0 MiB"]);
  });
});

describe("describeCoverage", () => {
  const none = { asOf: "", from: "", to: "" };

  test("only an empty instant with a live 'now' previews the current counts", () => {
    expect(describeCoverage({ ...none, scope: "as_of" })).toEqual({ text: "The posture at the moment you build, and the 30 days before it.", liveCounts: true });
    expect(describeCoverage({ ...none, scope: "as_of" }, "the end of your audit window, 2026-03-31 23:59 UTC").liveCounts).toBe(false);
    expect(describeCoverage({ ...none, scope: "as_of", asOf: "2026-01-05T09:30" })).toEqual({ text: "The posture at 2026-01-05 09:30 UTC, and the 30 days before it.", liveCounts: false });
    expect(describeCoverage({ ...none, scope: "as_of", asOf: "yesterday" }).text).toBe("Pick a valid instant.");
  });

  test("a period names its days, both ends included", () => {
    expect(describeCoverage({ ...none, scope: "period", from: "2026-01-01", to: "2026-03-31" })).toEqual({
      text: "Every UTC day from 2026-01-01 to 2026-03-31 (90 days); the populations as of the end of 2026-03-31.",
      liveCounts: false,
    });
    expect(describeCoverage({ ...none, scope: "period", from: "2026-01-01", to: "2026-01-01" }).text).toContain("(1 day)");
    expect(describeCoverage({ ...none, scope: "period", from: "2026-02-01", to: "2026-01-01" }).text).toBe("The last day is before the first day.");
  });
});
