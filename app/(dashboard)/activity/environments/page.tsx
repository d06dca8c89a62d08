import { notFound } from "next/navigation";
import { Hydrate } from "@/components/hydrate";
import { PageTitle } from "@/components/page-title";
import { QueryBoundary } from "@/components/query-boundary";
import { PageHeader } from "@/components/ui/page-header";
import { environmentRuleKeys } from "@/lib/client/query-keys";
import { can } from "@/lib/server/permissions";
import { requireViewer } from "@/lib/server/session";
import { getEnvironmentRules } from "@/lib/server/settings";
import { ActivityTabs } from "../_components/activity-tabs";
import { EnvironmentRulesSection } from "./_components/environment-rules-section";

export default async function EnvironmentsPage() {
  const viewer = await requireViewer();
  // Patterns are instance settings: admins and auditors read them (settings:read), engineers do not.
  if (!can(viewer, "settings:read")) notFound();
  const { rules } = await getEnvironmentRules(viewer);
  return (
    <>
      <PageTitle name="Environment patterns" />
      <PageHeader
        title="Activity"
        description="What was done with each credential, and whether a human, a service or an AI agent did it — destructive and cross-environment operations flagged."
      />
      <ActivityTabs current="environments" canSeeEnvironments canIngest={can(viewer, "activity:ingest")} />
      <Hydrate queries={[{ queryKey: environmentRuleKeys.detail(), data: rules }]}>
        <QueryBoundary>
          <EnvironmentRulesSection canEdit={can(viewer, "settings:manage")} />
        </QueryBoundary>
      </Hydrate>
    </>
  );
}
