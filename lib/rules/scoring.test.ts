import { describe, expect, test } from "vitest";
import type { Framework } from "./frameworks/types";
import { scoreControl, scoreFramework, scorePercentage, type ScoredEvaluation } from "./scoring";

const ev = (ruleId: string, severity: ScoredEvaluation["severity"], status: ScoredEvaluation["status"], subjectId = "c1"): ScoredEvaluation => ({
  ruleId, subjectId, severity, status,
});

describe("control score", () => {
  test("weighted share: critical pass (10) + high fail (5) + medium excepted (2) + low pass (1) = 13/18", () => {
    const s = scoreControl("CC6.1", ["R08", "R09", "R05", "R99"], [
      ev("R08", "critical", "pass"), ev("R09", "high", "fail"), ev("R05", "medium", "excepted"), ev("R99", "low", "pass"),
    ]);
    expect(s.score).toBeCloseTo(13 / 18, 12);
    expect(s.status).toBe("not_effective");
    expect(s.counts).toEqual({ pass: 2, fail: 1, excepted: 1, not_applicable: 0 });
  });

  test("not applicable evaluations and other controls' rules are left out of the population", () => {
    const s = scoreControl("CC6.3", ["R09"], [ev("R09", "high", "pass"), ev("R09", "high", "not_applicable", "c2"), ev("R08", "critical", "fail")]);
    expect(s.score).toBe(1);
    expect(s.population).toEqual([ev("R09", "high", "pass")]);
    expect(s.status).toBe("effective");
  });

  test("an excepted fail keeps the score but changes the status", () => {
    const s = scoreControl("CC8.1", ["R16"], [ev("R16", "critical", "pass"), ev("R16", "critical", "excepted", "e2")]);
    expect(s.score).toBe(1);
    expect(s.status).toBe("effective_with_exceptions");
  });

  test("one critical fail outweighs four medium passes: 8/18", () => {
    const passes = [1, 2, 3, 4].map((i) => ev("R01", "medium", "pass", `c${i}`));
    expect(scoreControl("CC6.1", ["R01", "R08"], [...passes, ev("R08", "critical", "fail")]).score).toBeCloseTo(8 / 18, 12);
  });

  test("an empty population is not tested, with no score", () => {
    const s = scoreControl("CC6.6", ["R13"], [ev("R13", "high", "not_applicable")]);
    expect(s.score).toBeNull();
    expect(s.status).toBe("not_tested");
  });
});

describe("framework score", () => {
  const fw: Framework = {
    key: "test", id: "test", name: "test", label: "test", crosswalk: false,
    controls: [
      { id: "A", title: "a", rules: ["R01"] },
      { id: "B", title: "b", rules: ["R08"] },
      { id: "C", title: "c", rules: ["R13"] },
    ],
  };

  test("is the mean of controls with a population: (1 + 0.5) / 2 = 0.75", () => {
    const r = scoreFramework(fw, [ev("R01", "medium", "pass"), ev("R08", "critical", "pass"), ev("R08", "critical", "fail", "c2")]);
    expect(r.controls.map((c) => c.score)).toEqual([1, 0.5, null]);
    expect(r.score).toBe(0.75);
  });

  test("is null when nothing applies", () => {
    expect(scoreFramework(fw, []).score).toBeNull();
  });
});

describe("a score as a percentage", () => {
  test("rounds to the nearest, whatever floating point makes of the product (0.29 * 100 is 28.999…)", () => {
    expect([0.29, 0.57, 0.58].map((s) => scorePercentage(s))).toEqual([29, 57, 58]);
    expect(scorePercentage(0.725, 1)).toBe(72.5);
    expect(scorePercentage(13 / 18, 1)).toBe(72.2);
  });
  test("a score short of 1 never shows as 100: one failing item among thousands is not a perfect control", () => {
    expect(scorePercentage(0.9996)).toBe(99);
    expect(scorePercentage(0.9996, 1)).toBe(99.9);
    expect([scorePercentage(1), scorePercentage(1, 1), scorePercentage(0)]).toEqual([100, 100, 0]);
  });
});
