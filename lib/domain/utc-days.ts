/**
 * Calendar days in UTC, the unit of due dates, finding ages, trends and the daily counts: "2026-11-26" strings
 * compare and sort as dates.
 */
export const DAY_MS = 86_400_000;

/** The UTC day an instant falls on. */
export function utcDay(at: Date | number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** The first instant of the UTC day `at` falls on. */
export function startOfUtcDay(at: Date | number): Date {
  return new Date(`${utcDay(at)}T00:00:00.000Z`);
}

/** The day `days` after (or, negative, before) `day`. */
export function addDays(day: string, days: number): string {
  return utcDay(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS);
}
