import { Hydrate } from "@/components/hydrate";
import { PageTitle } from "@/components/page-title";
import { QueryBoundary } from "@/components/query-boundary";
import { PageHeader } from "@/components/ui/page-header";
import { findingKeys } from "@/lib/client/query-keys";
import { findingListQuerySchema } from "@/lib/domain/posture";
import { RULES } from "@/lib/rules";
import { listFindings } from "@/lib/server/findings";
import { requireViewer } from "@/lib/server/session";
import { listTeams } from "@/lib/server/teams";
import { loadPage } from "../_lib/cursor";
import { FindingsQueue } from "./_components/findings-queue";
import { FindingsTabs } from "./_components/findings-tabs";
import { assigneeChoices } from "./_lib/assignees";
import { readFindingFilters } from "./_lib/filters";

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function FindingsPage({ searchParams }: PageProps) {
  const viewer = await requireViewer();
  const [{ query: filters, page }, teams, assignees] = await Promise.all([
    loadPage(readFindingFilters(await searchParams), (query) => listFindings(viewer, findingListQuerySchema.parse(query))),
    listTeams(viewer),
    assigneeChoices(viewer),
  ]);
  const choices = {
    rules: RULES.map((r) => ({ id: r.id, title: r.title })),
    teams: teams.map((t) => ({ id: t.id, name: t.name })),
  };

  return (
    <>
      <PageTitle name="Findings" />
      <PageHeader
        title="Findings"
        description="The triage queue: one entry per failing rule and subject, with why it fails, who owns it, when it is due and its exceptions."
      />
      <FindingsTabs current="queue" />
      <Hydrate queries={[{ queryKey: findingKeys.list(filters as Record<string, string>), data: page }]}>
        <QueryBoundary>
          <FindingsQueue key={JSON.stringify(filters)} filters={filters} choices={choices} assignees={assignees} now={Date.now()} />
        </QueryBoundary>
      </Hydrate>
    </>
  );
}
