import type { PosturePointDto } from "@/lib/domain/posture";
import type { ControlStatus } from "@/lib/rules";

/** A control on one day of an audit period: its status at the day's end, or "missing" when nothing was evaluated. */
export type PeriodCell = { day: string; status: ControlStatus | "missing"; score: number | null };

/** Each control's cells, one per day of the period in order, so a day without an evaluation stays a cell. */
export function periodCells(points: PosturePointDto[], days: string[], controlIds: string[]): Map<string, PeriodCell[]> {
  const byDay = new Map(points.map((p) => [p.day, new Map(p.controls.map((c) => [c.id, c]))]));
  return new Map(
    controlIds.map((id) => [
      id,
      days.map((day) => {
        const c = byDay.get(day)?.get(id);
        return c ? { day, status: c.status, score: c.score } : { day, status: "missing", score: null };
      }),
    ]),
  );
}

/** The days a control was not effective: what its "days not effective" count counts, and the list it opens. */
export function notEffectiveDays(cells: PeriodCell[]): string[] {
  return cells.filter((c) => c.status === "not_effective").map((c) => c.day);
}
