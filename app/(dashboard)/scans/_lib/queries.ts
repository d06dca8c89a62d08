import { queryOptions } from "@tanstack/react-query";
import { api, toSearch } from "@/lib/client/api";
import { corpusKeys, scanRunKeys, secretFindingKeys } from "@/lib/client/query-keys";
import type { CorpusDto, ListedScanRunDto, SecretFindingDto } from "@/lib/domain/scan";

/** Browser-side reads for the scan pages; the server pages prefetch the same keys through the data access layer. */
export const corporaQuery = () =>
  queryOptions({
    queryKey: corpusKeys.list(),
    queryFn: async () => (await api.get<{ corpora: CorpusDto[] }>("/corpora")).corpora,
  });

export const corpusQuery = (id: string) =>
  queryOptions({
    queryKey: corpusKeys.detail(id),
    queryFn: () => api.get<CorpusDto>(`/corpora/${encodeURIComponent(id)}`),
  });

export const scanRunsQuery = (corpusId?: string) =>
  queryOptions({
    queryKey: scanRunKeys.list(corpusId),
    queryFn: async () => (await api.get<{ runs: ListedScanRunDto[] }>(`/scans${toSearch({ corpusId })}`)).runs,
  });

export const secretFindingsQuery = (query: Record<string, string>) =>
  queryOptions({
    queryKey: secretFindingKeys.list(query),
    queryFn: async () => (await api.get<{ findings: SecretFindingDto[] }>(`/secret-findings${toSearch(query)}`)).findings,
  });

export const secretFindingQuery = (id: string) =>
  queryOptions({
    queryKey: secretFindingKeys.detail(id),
    queryFn: () => api.get<SecretFindingDto>(`/secret-findings/${encodeURIComponent(id)}`),
  });
