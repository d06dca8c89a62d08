import { notFound } from "next/navigation";
import { Hydrate } from "@/components/hydrate";
import { PageTitle } from "@/components/page-title";
import { QueryBoundary } from "@/components/query-boundary";
import { teamKeys } from "@/lib/client/query-keys";
import { can } from "@/lib/server/permissions";
import { requireViewer } from "@/lib/server/session";
import { listTeams } from "@/lib/server/teams";
import { maySee } from "../_lib/sections";
import { TeamsSection } from "./_components/teams-section";

export default async function TeamsSettingsPage() {
  const viewer = await requireViewer();
  if (!maySee(viewer, "/settings/teams")) notFound();
  const teams = await listTeams(viewer);
  return (
    <Hydrate queries={[{ queryKey: teamKeys.list(), data: teams }]}>
      <PageTitle name="Teams" />
      <QueryBoundary>
        <TeamsSection canManage={can(viewer, "team:manage")} />
      </QueryBoundary>
    </Hydrate>
  );
}
