import { Hydrate } from "@/components/hydrate";
import { NavIcon } from "@/components/nav-icons";
import { PageTitle } from "@/components/page-title";
import { QueryBoundary } from "@/components/query-boundary";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader, SectionHeader } from "@/components/ui/page-header";
import { eventKeys } from "@/lib/client/query-keys";
import { activitySummary, listEvents } from "@/lib/server/activity";
import { can } from "@/lib/server/permissions";
import { requireViewer } from "@/lib/server/session";
import { ActivityChart } from "./_components/activity-chart";
import { ActivityFiltersForm } from "./_components/activity-filters";
import { ActivityTabs } from "./_components/activity-tabs";
import { EventList } from "./_components/event-list";
import { flaggedQuery, hasFilters, readDays, readFilters, timelineQuery } from "./_lib/filters";
import { firstPageData } from "@/lib/client/queries";

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ActivityPage({ searchParams }: PageProps) {
  const viewer = await requireViewer();
  const search = await searchParams;
  const filters = readFilters(search);
  const days = readDays(search);
  const timeline = timelineQuery(filters);
  const flagged = flaggedQuery(filters);
  const [summary, timelinePage, flaggedPage] = await Promise.all([
    activitySummary(viewer, days),
    listEvents(viewer, timeline),
    flagged ? listEvents(viewer, flagged) : null,
  ]);

  const header = (
    <>
      <PageHeader
        title="Activity"
        description="What was done with each credential, and whether a human, a service or an AI agent did it — destructive and cross-environment operations flagged."
      />
      <ActivityTabs current="timeline" canSeeEnvironments={can(viewer, "settings:read")} canIngest={can(viewer, "activity:ingest")} />
    </>
  );
  if (timelinePage.items.length === 0 && !hasFilters(filters)) {
    return (
      <>
        <PageTitle name="Activity" />
        {header}
        <EmptyState
          icon={<NavIcon name="activity" className="size-5" />}
          title="No activity ingested yet"
          description="Send logs to Leash and it attributes each event to a human or an agent, marks destructive operations and checks them against approvals."
          steps={[
            "Create an API token with the ingest scope in Settings → API tokens, or upload a file under Ingest logs.",
            "Send AWS CloudTrail records, PostgreSQL pgaudit logs, CSV or Leash NDJSON to the ingest API.",
            "Review agent events in production without a matching approval first.",
          ]}
        />
      </>
    );
  }

  return (
    <>
      <PageTitle name="Activity" />
      {header}
      <Hydrate
        queries={[
          { queryKey: eventKeys.summary(days), data: summary },
          { queryKey: eventKeys.list(timeline), data: firstPageData(timelinePage) },
          ...(flagged && flaggedPage ? [{ queryKey: eventKeys.list(flagged), data: firstPageData(flaggedPage) }] : []),
        ]}
      >
        <QueryBoundary>
          <ActivityChart days={days} filters={filters} />
        </QueryBoundary>
        <ActivityFiltersForm value={filters} days={days} />
        {flagged ? (
          <section aria-label="Flagged events" className="mb-8">
            <SectionHeader
              title="Flagged"
              description="Unapproved destructive operations, use outside the credential's environments, and use after expiry or revocation. Review these first."
            />
            <QueryBoundary>
              <EventList query={flagged} label="Flagged events" empty="No flagged events match these filters." moreLabel="More flagged events" />
            </QueryBoundary>
          </section>
        ) : null}
        <section aria-labelledby="timeline-title">
          <h2 id="timeline-title" className="mb-3 text-base font-semibold text-zinc-900">
            Timeline
          </h2>
          <QueryBoundary>
            <EventList query={timeline} label="Activity timeline" empty="No events match these filters." />
          </QueryBoundary>
        </section>
      </Hydrate>
    </>
  );
}
