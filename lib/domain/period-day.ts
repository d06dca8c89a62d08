import { z } from "zod";
import { isUtcDay } from "./utc-days";

/**
 * One end of a period of whole UTC days. `2026-11-20` is the day; so is the instant that begins it,
 * `2026-11-20T00:00:00Z` (or `+00:00`, with or without milliseconds), which people and scripts naturally send. Any
 * other instant is refused rather than cut to its day: the period would silently cover time not asked for.
 */
export const PERIOD_DAY_MESSAGE = "must be a day, YYYY-MM-DD (a period is whole UTC days)";

const MIDNIGHT_UTC = /^(\d{4}-\d{2}-\d{2})T00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)$/i;

/** The day a value names, or null when it is not a day nor the instant a UTC day begins. */
export function periodDayOf(value: string): string | null {
  const day = MIDNIGHT_UTC.exec(value)?.[1] ?? value;
  return isUtcDay(day) ? day : null;
}

/** The schema of a period's end: the day as YYYY-MM-DD, whichever of the two forms was sent. */
export const periodDay = () =>
  z.string().transform((value, ctx) => {
    const day = periodDayOf(value);
    if (day === null) ctx.addIssue({ code: "custom", message: PERIOD_DAY_MESSAGE });
    return day ?? value;
  });
