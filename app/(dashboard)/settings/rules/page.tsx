import { notFound } from "next/navigation";
import { Hydrate } from "@/components/hydrate";
import { PageTitle } from "@/components/page-title";
import { QueryBoundary } from "@/components/query-boundary";
import { evaluationKeys, ruleParameterKeys } from "@/lib/client/query-keys";
import { listEvaluationRuns } from "@/lib/server/evaluation";
import { can } from "@/lib/server/permissions";
import { getNotificationSettings, getRuleParameters } from "@/lib/server/rule-parameters";
import { requireViewer } from "@/lib/server/session";
import { EvaluationsSection } from "./_components/evaluations-section";
import { NotificationsSection } from "./_components/notifications-section";
import { RuleParametersSection } from "./_components/rule-parameters-section";

export default async function RulesSettingsPage() {
  const viewer = await requireViewer();
  // Rule parameters are instance settings: admins and auditors read them (settings:read), only admins change them.
  if (!can(viewer, "settings:read")) notFound();
  const canManage = can(viewer, "settings:manage");
  const [parameters, notifications, runs] = await Promise.all([
    getRuleParameters(viewer),
    getNotificationSettings(viewer),
    listEvaluationRuns(viewer),
  ]);
  return (
    <Hydrate
      queries={[
        { queryKey: ruleParameterKeys.detail(), data: parameters },
        { queryKey: ruleParameterKeys.notifications(), data: notifications },
        { queryKey: evaluationKeys.list(), data: runs },
      ]}
    >
      <PageTitle name="Rules" />
      <div className="space-y-10">
        <QueryBoundary>
          <RuleParametersSection canManage={canManage} />
        </QueryBoundary>
        <QueryBoundary>
          <NotificationsSection canManage={canManage} />
        </QueryBoundary>
        <QueryBoundary>
          <EvaluationsSection canRun={can(viewer, "evaluation:run")} />
        </QueryBoundary>
      </div>
    </Hydrate>
  );
}
