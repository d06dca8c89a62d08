import { MAX_EXCEPTION_DAYS } from "@/lib/domain/posture";
import { addDays, DAY_MS, utcDay } from "@/lib/domain/utc-days";

/** Whole days since an instant; `now` comes from the server page so server and browser render the same text. */
export function ageInDays(iso: string, now: number): number {
  return Math.max(0, Math.floor((now - new Date(iso).getTime()) / DAY_MS));
}

export const DEFAULT_EXCEPTION_DAYS = 90;

/**
 * The bounds an exception's expiry day may take: from tomorrow to MAX_EXCEPTION_DAYS from today. An exception
 * lapses at 00:00 UTC on its day, which keeps the last allowed day inside the server's limit.
 */
export function expiryBounds(now: number): { min: string; max: string; fallback: string } {
  const today = utcDay(now);
  return { min: addDays(today, 1), max: addDays(today, MAX_EXCEPTION_DAYS), fallback: addDays(today, DEFAULT_EXCEPTION_DAYS) };
}

export function expiryIso(day: string): string {
  return `${day}T00:00:00.000Z`;
}
