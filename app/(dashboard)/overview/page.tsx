import type { Metadata } from "next";
import { PageHeader, SectionHeader } from "@/components/ui/page-header";
import { overview } from "@/lib/server/overview";
import { requireViewer } from "@/lib/server/session";
import { BlastRadiusTable } from "./_components/blast-radius-table";
import { StatLink } from "./_components/stat-link";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const viewer = await requireViewer();
  const o = await overview(viewer);
  const scope = viewer.role === "engineer" ? ` (your teams: ${viewer.teams.map((t) => t.name).join(", ") || "none"})` : "";
  return (
    <>
      <PageHeader
        title="Overview"
        description={`Could an agent do to you what happened at PocketOS — and can you prove to an auditor that it can't?${scope}`}
      />
      <div className="mb-8 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <StatLink href="/credentials" label="Credentials in the inventory" value={o.credentials.total} />
        <StatLink href="/credentials?agentAccessible=true" label="Agent-accessible credentials" value={o.credentials.agentAccessible} />
        <StatLink href="/credentials?noExpiry=true" label="Credentials that never expire" value={o.credentials.neverExpires} tone="danger" />
        <StatLink href="/credentials?environment=untagged" label="Credentials with no environment tag" value={o.credentials.untagged} tone="danger" />
        <StatLink href="/scans?agentReadable=true" label="Secrets exposed where agents read" value={o.exposures.inAgentReadable} tone="danger" />
        <StatLink href="/scans" label="Open secret exposures" value={o.exposures.open} />
        <StatLink href="/activity?flagged=true" label="Flagged events, last 30 days" value={o.activity.flagged30d} tone="danger" />
        <StatLink href="/activity?flagged=true&destructive=true" label="Unapproved destructive agent operations, 30 days" value={o.activity.unapprovedDestructive30d} tone="danger" />
      </div>
      <section aria-label="Agent blast radius" className="mb-8">
        <SectionHeader
          title="Agent blast radius"
          description={`${o.blastRadius.nineSecond} nine-second credential${o.blastRadius.nineSecond === 1 ? "" : "s"}: reachable by an agent, valid in production, allowed to destroy, and long-lived. Highest first.`}
        />
        <BlastRadiusTable entries={o.blastRadius.ranked} />
      </section>
      <section className="rounded-lg border border-dashed border-zinc-300 bg-white p-5">
        <h2 className="text-base font-semibold text-zinc-900">Framework scores</h2>
        <p className="mt-1 text-sm text-zinc-600">
          SOC 2, PCI DSS v4.0.1, NIST CSF and ISO 27001 control scores with their trend appear here once the rules engine lands.
        </p>
      </section>
    </>
  );
}
