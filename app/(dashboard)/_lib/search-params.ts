import { unstorablePath } from "@/lib/domain/storable-text";

/** A page's search params as Next.js hands them over: a name given twice arrives as an array. */
export type RawSearch = Record<string, string | string[] | undefined>;

/**
 * One param as the pages read it: the first value of a repeated name, trimmed; undefined when empty, and when it
 * holds a NUL character — no stored text can contain one, and the database refuses it in a query instead of
 * matching nothing, so a tampered link would fail the page rather than show it without that filter.
 */
export function searchParam(search: RawSearch, name: string): string | undefined {
  const raw = search[name];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value && !unstorablePath(value) ? value : undefined;
}
