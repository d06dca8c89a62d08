import { queryOptions } from "@tanstack/react-query";
import { api, toSearch } from "@/lib/client/api";
import { findingKeys } from "@/lib/client/query-keys";
import type { ExceptionDto, FindingDto, FindingPage } from "@/lib/domain/posture";
import type { FindingFilters } from "./filters";

/** Browser-side reads for the findings pages; the server pages prefetch the same keys through the data access layer. */
export const findingsQuery = (filters: FindingFilters) =>
  queryOptions({
    queryKey: findingKeys.list(filters as Record<string, string>),
    queryFn: () => api.get<FindingPage>(`/findings${toSearch(filters)}`),
  });

export const findingQuery = (id: string) =>
  queryOptions({
    queryKey: findingKeys.detail(id),
    queryFn: () => api.get<FindingDto>(`/findings/${encodeURIComponent(id)}`),
  });

export const exceptionsQuery = (status: string) =>
  queryOptions({
    queryKey: findingKeys.exceptions(status),
    queryFn: async () => (await api.get<{ exceptions: ExceptionDto[] }>(`/exceptions${toSearch({ status })}`)).exceptions,
  });
