import { describe, expect, it } from "vitest";
import { isUtcDay } from "@/lib/domain/utc-days";
import { readFilters } from "../activity/_lib/filters";
import { readListParams } from "../credentials/_lib/list-params";
import { readFindingFilters } from "../findings/_lib/filters";
import { readFindingFilters as readExposureFilters } from "../scans/_lib/filters";
import { dayAsOf, readPopulationParams } from "../controls/_lib/params";
import { searchParam } from "./search-params";

// What a hand-edited or tampered link can carry: each page reader keeps what the API would accept and drops the rest.
describe("searchParam", () => {
  const cases: [string, Record<string, string | string[] | undefined>, string | undefined][] = [
    ["a plain value, trimmed", { q: "  railway " }, "railway"],
    ["the first of a repeated name", { q: ["a", "b"] }, "a"],
    ["absent", {}, undefined],
    ["blank", { q: "   " }, undefined],
    ["a NUL character anywhere", { q: "rail\u0000way" }, undefined],
  ];
  for (const [name, search, expected] of cases) it(name, () => expect(searchParam(search, "q")).toBe(expected));
});

describe("isUtcDay", () => {
  const cases: [string, boolean][] = [
    ["2026-11-27", true],
    ["2028-02-29", true],
    ["2026-02-29", false],
    ["2026-02-31", false],
    ["2026-13-01", false],
    ["2026-11-27T00:00:00Z", false],
    ["27/11/2026", false],
  ];
  for (const [text, expected] of cases) it(`${text} → ${expected}`, () => expect(isUtcDay(text)).toBe(expected));
});

describe("page readers drop what the server would refuse", () => {
  it("activity: a day that is not in the calendar and NUL text", () => {
    expect(readFilters({ from: "2026-02-31", to: "2026-03-01", q: "a\u0000b", agent: "Claude Code" })).toEqual({ to: "2026-03-01", agent: "Claude Code" });
  });
  it("credentials: NUL text in a search or a filter list", () => {
    expect(readListParams({ q: "\u0000", provider: "aws,\u0000", status: "active" })).toEqual({ status: "active" });
  });
  it("findings queue: NUL text, the rest kept", () => {
    expect(readFindingFilters({ q: "x\u0000", cursor: "\u0000", severity: "critical" })).toEqual({ severity: "critical", status: "active" });
  });
  it("exposures: a NUL kind", () => {
    expect(readExposureFilters({ kind: "\u0000", corpusId: "\u0000" })).toEqual({ status: "open" });
  });
  it("control population: a NUL cursor", () => {
    expect(readPopulationParams({ cursor: "\u0000", result: "fail" })).toEqual({ result: "fail" });
  });
});

describe("dayAsOf", () => {
  const now = Date.parse("2026-11-28T17:00:00.000Z");
  it("a past day stands for its last millisecond", () => expect(dayAsOf("2026-11-27", now)).toBe("2026-11-27T23:59:59.999Z"));
  it("today is not over: now, with no instant", () => expect(dayAsOf("2026-11-28", now)).toBeUndefined());
});
