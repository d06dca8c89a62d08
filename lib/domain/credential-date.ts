/**
 * Instants in credential records: strict ISO 8601 parsing into one canonical UTC form.
 * `Date.parse` rolls impossible dates over (Feb 30 → Mar 2), which would silently invent a date, so every
 * component is range-checked here before a Date is built.
 */

export type ParsedInstant = { ok: true; value: string } | { ok: false; reason: string };

/** Canonical form stored in records: `YYYY-MM-DDTHH:mm:ss.sssZ` (what `Date#toISOString` prints). */
export const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

const MIN_YEAR = 1900;

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Offset in minutes east of UTC, or a reason when the offset cannot exist. */
function parseOffset(zone: string): number | string {
  if (zone === "Z" || zone === "z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (hours > 23 || minutes > 59) return "timezone offset out of range";
  return sign * (hours * 60 + minutes);
}

/**
 * Parses `YYYY-MM-DD` (midnight UTC) or a date-time with `Z` or a numeric offset (fractions up to nanoseconds
 * are truncated to milliseconds). A date-time without a timezone is rejected rather than assumed to be UTC.
 * Reasons never repeat the input, so they are safe to show even when a secret landed in a date column.
 */
export function parseInstant(text: string): ParsedInstant {
  const m = ISO_INSTANT.exec(text.trim());
  if (!m) return { ok: false, reason: "not an ISO 8601 date (expected YYYY-MM-DD or YYYY-MM-DDTHH:mm:ssZ)" };
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (year < MIN_YEAR) return { ok: false, reason: `year before ${MIN_YEAR}` };
  if (month < 1 || month > 12) return { ok: false, reason: "month must be 01-12" };
  if (day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: `day ${day} does not exist in ${y}-${mo}` };
  }
  if (h === undefined) return { ok: true, value: new Date(Date.UTC(year, month - 1, day)).toISOString() };
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, reason: "time of day out of range" };
  if (zone === undefined) return { ok: false, reason: "date-time has no timezone (add Z or an offset like +02:00)" };
  const offset = parseOffset(zone);
  if (typeof offset === "string") return { ok: false, reason: offset };
  const millis = frac === undefined ? 0 : Number(frac.padEnd(3, "0").slice(0, 3));
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset * 60_000;
  return { ok: true, value: new Date(utc).toISOString() };
}

/** Seconds since the Unix epoch (as Vault prints `creation_time`) to the canonical form. */
export function instantFromUnixSeconds(seconds: number): ParsedInstant {
  if (!Number.isFinite(seconds) || seconds < 0) return { ok: false, reason: "not a non-negative Unix time" };
  return { ok: true, value: new Date(Math.trunc(seconds * 1000)).toISOString() };
}

/** True for a string already in canonical form and denoting a real instant. */
export function isCanonicalInstant(value: string): boolean {
  if (!CANONICAL_INSTANT.test(value)) return false;
  // Round-tripping through Date catches Feb 30 and friends: a rolled-over date prints differently.
  const date = new Date(value);
  return !Number.isNaN(date.getTime()) && date.toISOString() === value && date.getUTCFullYear() >= MIN_YEAR;
}
