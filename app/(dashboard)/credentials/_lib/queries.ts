import { queryOptions } from "@tanstack/react-query";
import type { CredentialDto, CredentialPage, CredentialVersionDto, ImportRunDto } from "@/lib/domain/credential-query";
import { api, toSearch } from "@/lib/client/api";
import { credentialKeys, importRunKeys, mappingRuleKeys } from "@/lib/client/query-keys";
import type { MappingRuleSet } from "@/lib/domain/credential-mapping";
import type { ListParams } from "./list-params";

/** Browser-side reads for the credential pages; the server pages prefetch the same keys. */
export const credentialListQuery = (params: ListParams) =>
  queryOptions({
    queryKey: credentialKeys.list(params as Record<string, string>),
    queryFn: () => api.get<CredentialPage>(`/credentials${toSearch(params)}`),
  });

export const credentialQuery = (id: string) =>
  queryOptions({
    queryKey: credentialKeys.detail(id),
    queryFn: () => api.get<CredentialDto>(`/credentials/${encodeURIComponent(id)}`),
  });

export const credentialHistoryQuery = (id: string) =>
  queryOptions({
    queryKey: credentialKeys.history(id),
    queryFn: async () => (await api.get<{ versions: CredentialVersionDto[] }>(`/credentials/${encodeURIComponent(id)}/history`)).versions,
  });

export const importRunsQuery = () =>
  queryOptions({
    queryKey: importRunKeys.list(),
    queryFn: async () => (await api.get<{ runs: ImportRunDto[] }>("/imports")).runs,
  });

/** Mirrors MappingRulesDto in lib/server/settings.ts (a server-only module the browser cannot import). */
export type MappingRulesView = { rules: MappingRuleSet["rules"]; version: number; updatedAt: string | null; updatedBy: string | null };

export const mappingRulesQuery = () =>
  queryOptions({
    queryKey: mappingRuleKeys.detail(),
    queryFn: () => api.get<MappingRulesView>("/settings/mapping-rules"),
  });
