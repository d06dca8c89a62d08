import { expect, test } from "vitest";
import { applyDelta } from "./run";

test("a run's delta moves counts between results and teams, and drops rules left with no subject", () => {
  const base = { t1: { R01: { pass: 3, fail: 1, not_applicable: 0 }, R02: { pass: 1, fail: 0, not_applicable: 0 } } };
  const moved = applyDelta(base, {
    t1: { R01: { pass: 1, fail: -1, not_applicable: 0 }, R02: { pass: -1, fail: 0, not_applicable: 0 } },
    t2: { R01: { pass: 0, fail: 1, not_applicable: 0 } },
  });
  expect(moved).toEqual({ t1: { R01: { pass: 4, fail: 0, not_applicable: 0 } }, t2: { R01: { pass: 0, fail: 1, not_applicable: 0 } } });
  expect(base.t1.R01.pass).toBe(3);
});
