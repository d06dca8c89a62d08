import { infiniteQueryOptions } from "@tanstack/react-query";
import { api, toSearch } from "@/lib/client/api";
import { evidenceKeys } from "@/lib/client/query-keys";
import type { EvidencePage } from "@/lib/domain/evidence";

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
