import { queryOptions } from "@tanstack/react-query";
import { api, toSearch } from "@/lib/client/api";
import { postureKeys } from "@/lib/client/query-keys";
import type { ControlDetailDto, PostureDto, PostureTrendDto } from "@/lib/domain/posture";

/** Browser-side posture reads; the server pages prefetch the same keys through lib/server/posture. */
export const postureQuery = (framework: string, asOf?: string) =>
  queryOptions({
    queryKey: postureKeys.detail(framework, asOf),
    queryFn: () => api.get<PostureDto>(`/posture${toSearch({ framework, as_of: asOf })}`),
  });

/** `query` holds only strings (as_of, result, rule, cursor, limit): it is the cache key as well as the URL. */
export const controlQuery = (framework: string, controlId: string, query: Record<string, string>) =>
  queryOptions({
    queryKey: postureKeys.control(framework, controlId, query),
    queryFn: () => api.get<ControlDetailDto>(`/controls/${encodeURIComponent(framework)}/${encodeURIComponent(controlId)}${toSearch(query)}`),
  });

/** `{ days }` for a trend, `{ from, to }` (UTC days) for an audit period. */
export const trendQuery = (framework: string, query: { days: string } | { from: string; to: string }) =>
  queryOptions({
    queryKey: postureKeys.trend(framework, query),
    queryFn: () => api.get<PostureTrendDto>(`/posture/trend${toSearch({ framework, ...query })}`),
  });
