import { actorTypes, environments } from "@/lib/domain/activity-event";
import { isUtcDay } from "@/lib/domain/utc-days";
import { searchParam, type RawSearch } from "../../_lib/search-params";

/** The timeline's filters as URL search params, so a filtered view can be bookmarked and shared. */
export const FILTER_PARAMS = ["q", "actorType", "agent", "credential", "environment", "destructive", "flagged", "unapproved", "from", "to"] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];
export type ActivityFilters = Partial<Record<FilterParam, string>>;

export const ENVIRONMENT_OPTIONS = [...environments, "unknown"] as const;
export const CHART_PERIODS = [30, 90] as const;
export const TIMELINE_PAGE_SIZE = 50;
export const FLAGGED_PAGE_SIZE = 20;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function list(value: string, allowed: readonly string[]): string | undefined {
  const kept = [...new Set(value.split(","))].filter((v) => allowed.includes(v));
  return kept.length ? kept.join(",") : undefined;
}

const validators: Record<FilterParam, (value: string) => string | undefined> = {
  q: (v) => v.slice(0, 200),
  actorType: (v) => list(v, actorTypes),
  agent: (v) => v.slice(0, 200),
  credential: (v) => (v === "unlinked" || UUID.test(v) ? v : undefined),
  environment: (v) => list(v, ENVIRONMENT_OPTIONS),
  destructive: (v) => (v === "true" || v === "false" ? v : undefined),
  flagged: (v) => (v === "true" || v === "false" ? v : undefined),
  unapproved: (v) => (v === "true" || v === "false" ? v : undefined),
  from: (v) => (isUtcDay(v) ? v : undefined),
  to: (v) => (isUtcDay(v) ? v : undefined),
};

/** Keeps the params the API would accept and drops the rest, so a hand-edited link shows a view, not an error. */
export function readFilters(search: RawSearch): ActivityFilters {
  const out: ActivityFilters = {};
  for (const name of FILTER_PARAMS) {
    const value = searchParam(search, name);
    const valid = value ? validators[name](value) : undefined;
    if (valid) out[name] = valid;
  }
  return out;
}

export function readDays(search: RawSearch): number {
  return searchParam(search, "days") === "90" ? 90 : 30;
}

/**
 * The API query for a filter set. The period is picked as calendar days and the log is kept in UTC, so a day
 * covers that whole UTC day. The result is also the cache key, so it only ever holds strings.
 */
export function toEventQuery(filters: ActivityFilters, limit: number, extra: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) if (value) out[key] = value;
  if (filters.from) out.from = `${filters.from}T00:00:00.000Z`;
  if (filters.to) out.to = `${filters.to}T23:59:59.999Z`;
  return { ...out, ...extra, limit: String(limit) };
}

export function timelineQuery(filters: ActivityFilters): Record<string, string> {
  return toEventQuery(filters, TIMELINE_PAGE_SIZE);
}

/** The Flagged section shows the flagged events within the current filters; asking for unflagged ones hides it. */
export function flaggedQuery(filters: ActivityFilters): Record<string, string> | null {
  if (filters.flagged === "false") return null;
  return toEventQuery(filters, FLAGGED_PAGE_SIZE, { flagged: "true" });
}

export function activityHref(filters: ActivityFilters, days: number): string {
  const search = new URLSearchParams();
  for (const name of FILTER_PARAMS) if (filters[name]) search.set(name, filters[name]!);
  if (days !== 30) search.set("days", String(days));
  const text = search.toString();
  return text ? `/activity?${text}` : "/activity";
}

export function hasFilters(filters: ActivityFilters): boolean {
  return FILTER_PARAMS.some((name) => filters[name] !== undefined);
}
