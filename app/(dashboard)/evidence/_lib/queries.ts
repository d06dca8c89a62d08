import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { api, toSearch } from "@/lib/client/api";
import { evidenceKeys, jobKeys } from "@/lib/client/query-keys";
import type { EvidencePage } from "@/lib/domain/evidence";
import { FINISHED_JOB_STATUSES, type JobDto } from "@/lib/domain/jobs";

/**
 * Browser-side keyset pages of the package list, newest first; the server page prefetches the first through
 * lib/server/evidence, and "Load more" asks for the page after the last id seen.
 */
export const evidencePackagesQuery = () =>
  infiniteQueryOptions({
    queryKey: evidenceKeys.list(),
    queryFn: ({ pageParam }) => api.get<EvidencePage>(`/evidence${toSearch({ cursor: pageParam })}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last: EvidencePage) => last.nextCursor,
  });

/** How often a build job is re-read while it runs; its worker writes progress every two seconds. */
const JOB_POLL_MS = 1_000;

/** One build job, re-read until it has finished (the 202 answer seeds it, so the page shows the job at once). */
export const buildJobQuery = (id: string) =>
  queryOptions({
    queryKey: jobKeys.detail(id),
    queryFn: () => api.get<JobDto>(`/jobs/${encodeURIComponent(id)}`),
    refetchInterval: (query) => (query.state.data && FINISHED_JOB_STATUSES.includes(query.state.data.status) ? false : JOB_POLL_MS),
  });
