import { expect, test } from "vitest";
import { notEffectiveDays, periodCells } from "./period-cells";

test("a control's days not effective are the days its end-of-day status was not effective, a day with no evaluation not among them", () => {
  const days = ["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04"];
  const points = [
    { day: "2026-03-01", score: 0.5, controls: [{ id: "CC6.1", status: "not_effective" as const, score: 0.5 }, { id: "CC6.2", status: "effective" as const, score: 1 }] },
    { day: "2026-03-02", score: 1, controls: [{ id: "CC6.1", status: "effective_with_exceptions" as const, score: 1 }] },
    // 03-03 has no evaluation at all.
    { day: "2026-03-04", score: 0.2, controls: [{ id: "CC6.1", status: "not_effective" as const, score: 0.2 }] },
  ];
  const cells = periodCells(points, days, ["CC6.1", "CC6.2"]);
  expect(cells.get("CC6.1")!.map((c) => c.status)).toEqual(["not_effective", "effective_with_exceptions", "missing", "not_effective"]);
  expect(notEffectiveDays(cells.get("CC6.1")!)).toEqual(["2026-03-01", "2026-03-04"]);
  expect(notEffectiveDays(cells.get("CC6.2")!)).toEqual([]);
});
