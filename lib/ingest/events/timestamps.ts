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
 * CloudTrail does (`2026-11-20T09:15:00Z`). One that reads back as itself is valid as it stands, and skips the
 * field-by-field checks (a million events an upload); anything else gets them. Null when it is not such a text.
 */
function canonicalUtc(text: string): string | null {
  const n = text.length;
  if ((n !== 24 && n !== 20) || text.charCodeAt(n - 1) !== 90 /* Z */) return null;
  const ms = Date.parse(text);
  if (ms !== ms) return null;
  const iso = new Date(ms).toISOString();
  if (n === 24) return iso === text ? iso : null;
  return iso.endsWith(".000Z") && iso.startsWith(text.slice(0, 19)) ? iso : null;
}

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
  if (Date.parse(iso) > now.getTime() + maxSkewMs) {
    return `timestamp is in the future (more than ${Math.round(maxSkewMs / 60_000)} minutes past now)`;
  }
  return null;
}
