import { findingListQuerySchema } from "@/lib/domain/posture";
import { searchParam, type RawSearch } from "../../_lib/search-params";

/** The queue's filters as URL search params (names match the /api/v1/findings query), so a view can be shared. */
export const FILTER_PARAMS = ["status", "severity", "rule", "teamId", "assignee", "subjectKind", "subjectId", "credentialId", "overdue", "age", "q", "cursor"] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];
export type FindingFilters = Partial<Record<FilterParam, string>>;

export const STATUS_OPTIONS = [
  ["active", "Active (open or in progress)"],
  ["open", "Open"],
  ["in_progress", "In progress"],
  ["resolved", "Resolved"],
  ["risk_accepted", "Risk accepted"],
  ["all", "All"],
] as const;

export const SUBJECT_KIND_LABELS = { credential: "Credential", event: "Activity event", corpus: "Scanned corpus", audit_log: "Audit log" } as const;

/**
 * Keeps each param the API would accept and drops the rest, so a hand-edited link shows a view, not an error.
 * Status is always present so "/findings" and "/findings?status=active" share one cache entry.
 */
export function readFindingFilters(search: RawSearch): FindingFilters {
  const out: FindingFilters = {};
  for (const name of FILTER_PARAMS) {
    const value = searchParam(search, name);
    if (!value) continue;
    if (findingListQuerySchema.safeParse({ [name]: value }).success) out[name] = value;
  }
  out.status ??= "active";
  return out;
}

/** The queue URL for a filter set; the default status is left out to keep links short. */
export function findingsHref(filters: FindingFilters): string {
  const search = new URLSearchParams();
  for (const name of FILTER_PARAMS) {
    const value = filters[name];
    if (value && !(name === "status" && value === "active")) search.set(name, value);
  }
  const text = search.toString();
  return text ? `/findings?${text}` : "/findings";
}

export function hasNarrowingFilters(filters: FindingFilters): boolean {
  return FILTER_PARAMS.some((name) => name !== "status" && name !== "cursor" && Boolean(filters[name]));
}
