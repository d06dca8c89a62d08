import Link from "next/link";
import { Hydrate } from "@/components/hydrate";
import { PageTitle } from "@/components/page-title";
import { QueryBoundary } from "@/components/query-boundary";
import { PageHeader, SectionHeader } from "@/components/ui/page-header";
import { postureKeys } from "@/lib/client/query-keys";
import { addDays, utcDay } from "@/lib/domain/utc-days";
import { activitySummary } from "@/lib/server/activity";
import { defaultAsOf, visibleFrameworks } from "@/lib/server/audit-scope";
import { formatDateTime } from "@/lib/client/format";
import { findingSummary } from "@/lib/server/findings";
import { gettingStarted } from "@/lib/server/getting-started";
import { overview } from "@/lib/server/overview";
import { getPosture, getPostureTrend } from "@/lib/server/posture";
import { requireViewer } from "@/lib/server/session";
import { frameworkLabel } from "../controls/_lib/params";
import { scopeRefusal } from "../_lib/refusal";
import { ActorActivity } from "./_components/actor-activity";
import { BlastRadiusTable } from "./_components/blast-radius-table";
import { FrameworkCards } from "./_components/framework-cards";
import { GettingStarted } from "./_components/getting-started";
import { OpenFindings } from "./_components/open-findings";
import { PostureTrend } from "./_components/posture-trend";
import { StatLink } from "./_components/stat-link";
import { TopFailingControls } from "./_components/top-failing-controls";

const TREND_DAYS = 30;
/** The credentials neither revoked nor expired, which the rules judge (stillValidSql). */
const VALID = "status=active,disabled,unknown";

/** An audit window that has not begun has no posture yet: those sections are left out (the banner says why). */
function unlessRefused(error: unknown): null {
  if (scopeRefusal(error)) return null;
  throw error;
}
const present = <T,>(items: (T | null)[]): T[] => items.filter((x): x is T => x !== null);

export default async function OverviewPage() {
  const viewer = await requireViewer();
  // A scoped auditor sees their one framework; its trend even when it is a crosswalk.
  const visible = visibleFrameworks(viewer);
  const frameworks = visible.map((f) => f.id);
  // The frameworks audits are run against are trended; crosswalks are shown as cards only.
  const audited = new Set(visible.filter((f) => !f.crosswalk).map((f) => f.id));
  const trended = frameworks.filter((id) => audited.has(id));
  const trendIds = trended.length ? trended : frameworks;
  const windowEnd = defaultAsOf(viewer);
  const [o, postures, trends, findings, activity, setup] = await Promise.all([
    overview(viewer),
    Promise.all(frameworks.map((framework) => getPosture(viewer, { framework }).catch(unlessRefused))).then(present),
    Promise.all(trendIds.map((framework) => getPostureTrend(viewer, { framework, days: TREND_DAYS }).catch(unlessRefused))).then(present),
    findingSummary(viewer),
    activitySummary(viewer, 30),
    gettingStarted(viewer),
  ]);
  // The first of the last 30 UTC days, today included: the window of the activity tiles (flaggedTotals).
  const since = addDays(utcDay(Date.now()), 1 - 30);
  const auditedPostures = postures.filter((p) => audited.has(p.framework));
  const scope = viewer.role === "engineer" ? ` (your teams: ${viewer.teams.map((t) => t.name).join(", ") || "none"})` : "";
  return (
    <>
      <PageTitle name="Overview" />
      <PageHeader
        title="Overview"
        description={`Could an agent do to you what happened at PocketOS — and can you prove to an auditor that it can't?${scope}`}
      />
      {setup?.some((step) => !step.done) ? <GettingStarted steps={setup} /> : null}
      <div className="mb-8 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <StatLink href="/credentials" label="Credentials in the inventory" value={o.credentials.total} />
        <StatLink href={`/credentials?agentAccessible=true&${VALID}`} label="Valid credentials agents can use" value={o.credentials.agentAccessible} />
        <StatLink href={`/credentials?noExpiry=true&${VALID}`} label="Valid credentials that never expire" value={o.credentials.neverExpires} tone="danger" />
        <StatLink href={`/credentials?environment=untagged&${VALID}`} label="Valid credentials with no environment tag" value={o.credentials.untagged} tone="danger" />
        <StatLink href="/scans?agentReadable=true" label="Secrets exposed where agents read" value={o.exposures.inAgentReadable} tone="danger" />
        <StatLink href="/scans" label="Open secret exposures" value={o.exposures.open} />
        <StatLink href={`/activity?flagged=true&from=${since}`} label="Flagged events, last 30 days" value={o.activity.flagged30d} tone="danger" />
        <StatLink href={`/activity?unapproved=true&from=${since}`} label="Unapproved destructive agent operations, 30 days" value={o.activity.unapprovedDestructive30d} tone="danger" />
      </div>
      <section aria-label="Agent blast radius" className="mb-8">
        <SectionHeader
          title="Agent blast radius"
          description={
            <>
              <Link href="/overview/blast-radius" className="font-medium text-accent-700 underline">
                {o.blastRadius.count.toLocaleString("en")} credential{o.blastRadius.count === 1 ? "" : "s"}
              </Link>{" "}
              an agent can reach;{" "}
              <Link href="/overview/blast-radius?nineSecond=true" className="font-medium text-accent-700 underline">
                {o.blastRadius.nineSecond.toLocaleString("en")} of them nine-second
              </Link>
              : reachable by an agent, valid in production, allowed to destroy, and long-lived. Highest first.
            </>
          }
        />
        <BlastRadiusTable entries={o.blastRadius.ranked} />
      </section>
      <section aria-label="Framework scores" className="mb-8">
        <SectionHeader
          title="Framework scores"
          description={`Each framework's score is the mean of its control scores, ${windowEnd ? `as of the end of your audit window (${formatDateTime(windowEnd)})` : "evaluated now"}. Open one to see its controls.`}
        />
        <FrameworkCards postures={postures} />
      </section>
      {trends.length ? (
        <div className="mb-8">
          <Hydrate queries={trends.map((t) => ({ queryKey: postureKeys.trend(t.framework, { days: String(TREND_DAYS) }), data: t }))}>
            <QueryBoundary>
              <PostureTrend frameworks={trends.map((t) => ({ id: t.framework, label: frameworkLabel(t.framework) }))} />
            </QueryBoundary>
          </Hydrate>
        </div>
      ) : null}
      <div className="mb-8 grid gap-8 lg:grid-cols-2">
        <section aria-label="Top failing controls">
          <SectionHeader
            title="Top failing controls"
            description={`${auditedPostures.map((p) => frameworkLabel(p.framework)).join(" and ") || "The"} controls that are not effective, lowest score first.`}
          />
          <TopFailingControls postures={auditedPostures} />
        </section>
        <section aria-label="Open findings">
          <SectionHeader title="Open findings" description="Failing rules waiting to be fixed or excepted." />
          <OpenFindings summary={findings} />
        </section>
      </div>
      <section aria-label="Agent vs human activity">
        <SectionHeader title="Agent vs human activity" description="Operations in the last 30 days by who performed them." />
        <ActorActivity summary={activity} />
      </section>
    </>
  );
}
