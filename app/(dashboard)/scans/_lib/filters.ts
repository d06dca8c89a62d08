import { secretFindingQuerySchema } from "@/lib/domain/scan";
import { searchParam, type RawSearch } from "../../_lib/search-params";

/** The exposure filters that live in the URL; names match the /api/v1/secret-findings query. */
export const FINDING_FILTERS = ["corpusId", "kind", "agentReadable", "matched", "status", "seenByScan", "openedByScan", "resolvedByScan"] as const;
export type FindingFilter = (typeof FINDING_FILTERS)[number];
export type FindingFilters = Partial<Record<FindingFilter, string>>;

/** Secret kinds the scanner reports (lib/scanner/types.ts SecretKind), for the filter menu. */
export const SECRET_KINDS = [
  "access_key",
  "pat",
  "api_token",
  "service_account_key",
  "db_password",
  "oauth_client_secret",
  "ssh_key",
  "private_key",
  "webhook_secret",
  "jwt",
  "password",
  "other",
] as const;

/**
 * Reads the filters from search params; a value the API would refuse (a tampered link) is dropped rather than
 * failing the page. Status is always present so "/scans" and "/scans?status=open" share one cache entry.
 */
export function readFindingFilters(search: RawSearch): FindingFilters {
  const out: FindingFilters = {};
  for (const name of FINDING_FILTERS) {
    const value = searchParam(search, name);
    if (!value) continue;
    const parsed = secretFindingQuerySchema.safeParse({ [name]: value });
    if (parsed.success) out[name] = value;
  }
  out.status ??= "open";
  return out;
}

/** The filter each count of a scan run opens, a run's id as its value. */
export const RUN_COUNT_FILTERS = { findings: "seenByScan", opened: "openedByScan", resolved: "resolvedByScan" } as const satisfies Record<string, FindingFilter>;

/**
 * Where a run's count drills down to: the exposures it saw, opened or resolved, whatever they are now. None for a run
 * recorded before Leash kept what each run did, whose counts would list nothing.
 */
export function runCountHref(run: { id: string; outcomesRecorded: boolean }, count: keyof typeof RUN_COUNT_FILTERS): string | null {
  return run.outcomesRecorded ? `/scans?${RUN_COUNT_FILTERS[count]}=${run.id}&status=all#exposures` : null;
}

export function hasNarrowingFilters(filters: FindingFilters): boolean {
  return FINDING_FILTERS.some((name) => name !== "status" && Boolean(filters[name]));
}

/** The exposures query of a corpus page: every exposure of the corpus, open and resolved. */
export const corpusFindingsFilter = (corpusId: string) => ({ corpusId, status: "all" as const });
