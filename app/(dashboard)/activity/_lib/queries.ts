import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import type { ActivitySummaryDto, EventDetailDto, EventPage } from "@/lib/domain/activity-query";
import type { ApprovalPage } from "@/lib/domain/approval";
import type { EnvironmentRule } from "@/lib/ingest/events/environment";
import { api, toSearch } from "@/lib/client/api";
import { approvalKeys, environmentRuleKeys, eventKeys } from "@/lib/client/query-keys";

/** Keyset pages of events, newest first; "Load more" asks for the page after the last id seen. */
export const eventPagesQuery = (query: Record<string, string>) =>
  infiniteQueryOptions({
    queryKey: eventKeys.list(query),
    queryFn: ({ pageParam }) => api.get<EventPage>(`/events${toSearch({ ...query, cursor: pageParam })}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last: EventPage) => last.nextCursor,
  });

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

/** Keyset pages of approvals, newest first, paged as the events are. */
export const approvalPagesQuery = () =>
  infiniteQueryOptions({
    queryKey: approvalKeys.list(),
    queryFn: ({ pageParam }) => api.get<ApprovalPage>(`/approvals${toSearch({ cursor: pageParam })}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last: ApprovalPage) => last.nextCursor,
  });

export const environmentRulesQuery = () =>
  queryOptions({
    queryKey: environmentRuleKeys.detail(),
    queryFn: async () => (await api.get<{ rules: EnvironmentRule[] }>("/settings/environment-rules")).rules,
  });
