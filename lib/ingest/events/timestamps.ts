/** Timestamp checks shared by every format: a zone is required and the future is bounded. */

export type TimestampCheck = { ok: true; iso: string } | { ok: false; reason: string };

const ISO_ZONED = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}(?::?\d{2})?)$/i;
const ISO_UNZONED = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * Parses an ISO 8601 timestamp that carries a zone (`Z`, `+01:00`, `+0100`, `+01`) into UTC ISO form.
 * A timestamp without a zone is rejected rather than guessed: audit evidence must name the instant.
 */
export function parseZonedTimestamp(text: string): TimestampCheck {
  const canonical = canonicalUtc(text);
  if (canonical !== null) return { ok: true, iso: canonical };
  const value = text.trim();
  const m = ISO_ZONED.exec(value);
  if (!m) {
    if (ISO_UNZONED.test(value)) return { ok: false, reason: "timestamp has no time zone (add Z or an offset such as +00:00)" };
    return { ok: false, reason: "not an ISO 8601 timestamp" };
  }
  const [, y, mo, d, h, mi, s, frac = "", zone = "Z"] = m;
  const offset = normalizeOffset(zone);
  if (offset === null) return { ok: false, reason: "timestamp has an invalid zone offset" };
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${frac.slice(0, 4)}${offset}`);
  if (Number.isNaN(ms) || !fieldsInRange(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s))) {
    return { ok: false, reason: "timestamp is not a valid date and time" };
  }
  return { ok: true, iso: new Date(ms).toISOString() };
}

/**
 * Most logs already write UTC as JavaScript prints it (`2026-11-20T09:15:00.000Z`) or without the milliseconds, as
 * CloudTrail does (`2026-11-20T09:15:00Z`). One of those shapes whose fields are in range is valid as it stands, and
 * is read digit by digit (a Date parsed and printed again per event was a tenth of parsing a million of them);
 * anything else gets the field-by-field checks. Null when it is not such a text.
 */
function canonicalUtc(text: string): string | null {
  const n = text.length;
  if ((n !== 24 && n !== 20) || text.charCodeAt(n - 1) !== 90 /* Z */) return null;
  for (let i = 0; i < n - 1; i++) {
    const c = text.charCodeAt(i);
    const expected = CANONICAL_SHAPE.charCodeAt(i);
    if (expected === 57 /* 9: a digit */ ? c < 48 || c > 57 : c !== expected) return null;
  }
  const second = digitsAt(text, 17, 2);
  // Seconds stop at 59 here: Date.parse refuses a leap second, so 60 takes the slow path as it always did.
  if (second > 59 || !fieldsInRange(digitsAt(text, 0, 4), digitsAt(text, 5, 2), digitsAt(text, 8, 2), digitsAt(text, 11, 2), digitsAt(text, 14, 2), second)) return null;
  return n === 24 ? text : `${text.slice(0, 19)}.000Z`;
}

/** The number written by `count` digits at `at` (already known to be digits). */
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

/** `9` stands for a digit; every other character must be itself. */
const CANONICAL_SHAPE = "9999-99-99T99:99:99.999Z";

/** Date.parse rolls 31 February over into March; a log line that says so is wrong, not early March. */
function fieldsInRange(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  if (month < 1 || month > 12) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysInMonth = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
  return day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 60;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `Z`, `+01`, `+0100`, `+01:00` → `Z` or `+01:00`; null when out of range. */
export function normalizeOffset(zone: string): string | null {
  if (zone.toUpperCase() === "Z") return "Z";
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return null;
  const [, sign, hh = "00", mm = "00"] = m;
  if (Number(hh) > 14 || Number(mm) > 59) return null;
  return `${sign}${hh}:${mm}`;
}

/** Rejects instants further than `maxSkewMs` past `now`: a clock that wrong makes the record unusable. */
export function checkNotFuture(iso: string, now: Date, maxSkewMs: number): string | null {
  if (isAfter(iso, now.getTime() + maxSkewMs)) {
    return `timestamp is in the future (more than ${Math.round(maxSkewMs / 60_000)} minutes past now)`;
  }
  return null;
}

/**
 * `iso` later than the instant `limit`. Two UTC ISO texts of JavaScript's own form compare as their instants, so the
 * limit is printed once per ingest (it is the same for every event) and compared as text.
 */
function isAfter(iso: string, limit: number): boolean {
  if (iso.length !== 24 || limit < 0 || limit >= MAX_FOUR_DIGIT_YEAR_MS) return Date.parse(iso) > limit;
  if (printedLimit.ms !== limit) printedLimit = { ms: limit, iso: new Date(limit).toISOString() };
  return iso > printedLimit.iso;
}

let printedLimit = { ms: Number.NaN, iso: "" };
const MAX_FOUR_DIGIT_YEAR_MS = Date.UTC(10000, 0, 1);
