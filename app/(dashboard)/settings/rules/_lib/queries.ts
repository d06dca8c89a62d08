import { queryOptions } from "@tanstack/react-query";
import type { EvaluationRunDto, NotificationSettings, RuleParametersDto } from "@/lib/domain/posture";
import { api } from "@/lib/client/api";
import { evaluationKeys, ruleParameterKeys } from "@/lib/client/query-keys";

/** Browser-side reads of the Rules settings; the page prefetches the same keys through the data access layer. */
export const ruleParametersQuery = () =>
  queryOptions({
    queryKey: ruleParameterKeys.detail(),
    queryFn: () => api.get<RuleParametersDto>("/settings/rule-parameters"),
  });

export const notificationSettingsQuery = () =>
  queryOptions({
    queryKey: ruleParameterKeys.notifications(),
    queryFn: () => api.get<NotificationSettings>("/settings/notifications"),
  });

export const evaluationRunsQuery = () =>
  queryOptions({
    queryKey: evaluationKeys.list(),
    queryFn: async () => (await api.get<{ runs: EvaluationRunDto[] }>("/evaluations")).runs,
  });
