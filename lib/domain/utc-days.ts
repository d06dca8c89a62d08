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

/** "YYYY-MM-DD" naming a real calendar day: Date.parse reads 2026-02-31 as March 3rd, which is not that day. */
export function isUtcDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const at = Date.parse(`${text}T00:00:00.000Z`);
  return !Number.isNaN(at) && utcDay(at) === text;
}
