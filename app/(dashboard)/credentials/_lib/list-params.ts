import { credentialListQuerySchema, type CredentialListQuery } from "@/lib/domain/credential-query";
import { searchParam, type RawSearch } from "../../_lib/search-params";

/** The list query as URL search params: what the server page, the table and the CSV export all read. */
export const LIST_PARAMS = [
  "q", "provider", "kind", "environment", "agentAccessible", "principalType", "teamId", "storage", "status",
  "expiringWithinDays", "noExpiry", "missingFromSource", "sourceId", "createdByImport", "updatedByImport",
  "unchangedByImport", "markedMissingByImport", "listedByImport", "sort", "order", "limit", "cursor",
] as const;
export type ListParam = (typeof LIST_PARAMS)[number];
export type ListParams = Partial<Record<ListParam, string>>;

/** Filters only: what "Reset" clears and what decides between "empty inventory" and "no matches". */
export const FILTER_PARAMS = LIST_PARAMS.filter((p) => !["sort", "order", "limit", "cursor"].includes(p));

export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 50;

// Keyset pagination has no page numbers, so "Previous" needs the cursors seen so far. They ride in the URL
// (`prev`, dot-separated; `~` = the first page) so a shared link can still go back.
const FIRST_PAGE = "~";

/**
 * Reads the known params from a URL and drops any the schema rejects (a hand-edited link then shows the rest of
 * the view instead of an error page).
 */
export function readListParams(search: RawSearch): ListParams {
  const out: ListParams = {};
  for (const name of LIST_PARAMS) {
    const value = searchParam(search, name);
    if (value) out[name] = value;
  }
  for (let i = 0; i < LIST_PARAMS.length; i++) {
    const parsed = credentialListQuerySchema.safeParse(out);
    if (parsed.success) break;
    for (const issue of parsed.error.issues) delete out[issue.path[0] as ListParam];
  }
  return out;
}

/** Params that passed readListParams are a valid list query; the server parses them again anyway. */
export function asListQuery(params: ListParams): CredentialListQuery {
  return params as CredentialListQuery;
}

export function readPrevStack(search: RawSearch): string[] {
  const value = searchParam(search, "prev");
  return value ? value.split(".").filter(Boolean) : [];
}

export function hasFilters(params: ListParams): boolean {
  return FILTER_PARAMS.some((p) => params[p] !== undefined);
}

function toQueryString(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : "";
}

export function listHref(params: ListParams, prev: string[] = []): string {
  return `/credentials${toQueryString({ ...params, prev: prev.length ? prev.join(".") : undefined })}`;
}

/** A new filter, sort or page size starts again at the first page. */
export function withChanges(params: ListParams, changes: ListParams): ListParams {
  const next: ListParams = { ...params, ...changes };
  delete next.cursor;
  for (const key of Object.keys(next) as ListParam[]) if (!next[key]) delete next[key];
  return next;
}

export function nextPageHref(params: ListParams, prev: string[], nextCursor: string): string {
  return listHref({ ...params, cursor: nextCursor }, [...prev, params.cursor ?? FIRST_PAGE]);
}

export function previousPageHref(params: ListParams, prev: string[]): string | null {
  const last = prev.at(-1);
  if (last === undefined) return null;
  const back: ListParams = { ...params };
  if (last === FIRST_PAGE) delete back.cursor;
  else back.cursor = last;
  return listHref(back, prev.slice(0, -1));
}

/** The CSV export takes the same filters and sort, but streams every matching row, not one page. */
export function exportHref(params: ListParams): string {
  const { cursor: _cursor, limit: _limit, ...rest } = params;
  return `/api/v1/credentials/export.csv${toQueryString(rest)}`;
}
