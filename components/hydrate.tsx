import { dehydrate, HydrationBoundary, QueryClient, type QueryKey } from "@tanstack/react-query";
import type { ReactNode } from "react";

type Prefetched = { queryKey: QueryKey; data: unknown };

/**
 * Seeds a per-request QueryClient with data a server page already loaded through the data access layer and
 * hands it to the browser cache, so client components render at once and refetch from /api/v1 later.
 */
export function Hydrate({ queries, children }: { queries: Prefetched[]; children: ReactNode }) {
  const queryClient = new QueryClient();
  for (const query of queries) queryClient.setQueryData(query.queryKey, query.data);
  return <HydrationBoundary state={dehydrate(queryClient)}>{children}</HydrationBoundary>;
}
