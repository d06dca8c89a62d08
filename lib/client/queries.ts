import { queryOptions } from "@tanstack/react-query";
import type { AuditEntryDto, AuditQuery, TeamDto, TokenDto, UserDto, UserListQuery } from "@/lib/domain/identity";
import { api, toSearch } from "./api";
import { auditKeys, normalizeAuditQuery, teamKeys, tokenKeys, userKeys } from "./query-keys";

/** How the server seeds the first page of an infinite query (the shape TanStack keeps for it). */
export function firstPageData<Page>(page: Page) {
  return { pages: [page], pageParams: [null] };
}

/** Browser-side query options; the server prefetches the same keys through the data access layer. */
export const usersQuery = (query: UserListQuery = {}) =>
  queryOptions({
    queryKey: userKeys.list(query),
    queryFn: async () => (await api.get<{ users: UserDto[] }>(`/users${toSearch(query)}`)).users,
  });

export const teamsQuery = () =>
  queryOptions({
    queryKey: teamKeys.list(),
    queryFn: async () => (await api.get<{ teams: TeamDto[] }>("/teams")).teams,
  });

export const tokensQuery = () =>
  queryOptions({
    queryKey: tokenKeys.list(),
    queryFn: async () => (await api.get<{ tokens: TokenDto[] }>("/tokens")).tokens,
  });

export type AuditPage = { entries: AuditEntryDto[]; nextBefore: number | null };

export const auditQuery = (query: AuditQuery) =>
  queryOptions({
    queryKey: auditKeys.list(query),
    queryFn: () => api.get<AuditPage>(`/audit${toSearch(normalizeAuditQuery(query))}`),
  });
