import { Hydrate } from "@/components/hydrate";
import { PageTitle } from "@/components/page-title";
import { QueryBoundary } from "@/components/query-boundary";
import { PageHeader } from "@/components/ui/page-header";
import { approvalKeys } from "@/lib/client/query-keys";
import { listApprovals } from "@/lib/server/approvals";
import { can } from "@/lib/server/permissions";
import { requireViewer } from "@/lib/server/session";
import { ActivityTabs } from "../_components/activity-tabs";
import { firstPageData } from "@/lib/client/queries";
import { ApprovalsSection } from "./_components/approvals-section";

export default async function ApprovalsPage() {
  const viewer = await requireViewer();
  const firstPage = await listApprovals(viewer);
  return (
    <>
      <PageTitle name="Approvals" />
      <PageHeader
        title="Activity"
        description="What was done with each credential, and whether a human, a service or an AI agent did it — destructive and cross-environment operations flagged."
      />
      <ActivityTabs current="approvals" canSeeEnvironments={can(viewer, "settings:read")} canIngest={can(viewer, "activity:ingest")} />
      <Hydrate queries={[{ queryKey: approvalKeys.list(), data: firstPageData(firstPage) }]}>
        <QueryBoundary>
          <ApprovalsSection canRecord={can(viewer, "approval:write")} />
        </QueryBoundary>
      </Hydrate>
    </>
  );
}
