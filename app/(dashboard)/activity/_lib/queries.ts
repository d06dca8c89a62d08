import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import type { ActivitySummaryDto, EventDetailDto, EventPage } from "@/lib/domain/activity-query";
import type { Approval } from "@/lib/domain/approval";
import type { EnvironmentRule } from "@/lib/ingest/events/environment";
import { api, toSearch } from "@/lib/client/api";
import { approvalKeys, environmentRuleKeys, eventKeys } from "@/lib/client/query-keys";

/** Mirrors ApprovalDto in lib/server/approvals.ts (server-only, so the browser cannot import it). */
export type ApprovalView = Approval & { id: string; createdAt: string; createdBy: string };

/** Keyset pages of events, newest first; "Load more" asks for the page after the last id seen. */
export const eventPagesQuery = (query: Record<string, string>) =>
  infiniteQueryOptions({
    queryKey: eventKeys.list(query),
    queryFn: ({ pageParam }) => api.get<EventPage>(`/events${toSearch({ ...query, cursor: pageParam })}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last: EventPage) => last.nextCursor,
  });

/** How the server seeds the first page of an infinite query (the shape TanStack keeps for it). */
export function firstPageData(page: EventPage) {
  return { pages: [page], pageParams: [null] };
}

export const summaryQuery = (days: number) =>
  queryOptions({
    queryKey: eventKeys.summary(days),
    queryFn: () => api.get<ActivitySummaryDto>(`/events/summary?days=${days}`),
  });

export const eventQuery = (id: number) =>
  queryOptions({
    queryKey: eventKeys.detail(id),
    queryFn: () => api.get<EventDetailDto>(`/events/${id}`),
  });

export const approvalsQuery = () =>
  queryOptions({
    queryKey: approvalKeys.list(),
    queryFn: async () => (await api.get<{ approvals: ApprovalView[] }>("/approvals")).approvals,
  });

export const environmentRulesQuery = () =>
  queryOptions({
    queryKey: environmentRuleKeys.detail(),
    queryFn: async () => (await api.get<{ rules: EnvironmentRule[] }>("/settings/environment-rules")).rules,
  });
