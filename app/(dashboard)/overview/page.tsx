import type { Metadata } from "next";
import { NavIcon } from "@/components/nav-icons";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Overview" };

const panels = [
  { title: "Framework scores", body: "SOC 2, PCI DSS v4.0.1, NIST CSF and ISO 27001 control scores, with their trend." },
  { title: "Agent blast radius", body: "Credentials ranked by how many PocketOS conditions they meet — nine-second credentials first." },
  { title: "Open findings", body: "Failing rules by severity, exposure SLAs and the exceptions that cover them." },
];

export default function OverviewPage() {
  return (
    <>
      <PageHeader
        title="Overview"
        description="Could an agent do to you what happened at PocketOS — and can you prove to an auditor that it can't?"
      />
      <div className="mb-6 grid gap-4 md:grid-cols-3">
        {panels.map((panel) => (
          <section key={panel.title} className="flex flex-col rounded-lg border border-zinc-200 bg-white p-4">
            <h2 className="text-sm font-semibold text-zinc-900">{panel.title}</h2>
            <p className="mt-1 text-sm text-zinc-600">{panel.body}</p>
            <p className="mt-auto pt-4 text-xs font-medium tracking-wide text-zinc-500 uppercase">Not evaluated yet</p>
          </section>
        ))}
      </div>
      <EmptyState
        icon={<NavIcon name="overview" className="size-5" />}
        title="No posture to show yet"
        description="Scores, trends and the blast radius appear here once Leash has credentials, scans and activity to evaluate."
        steps={[
          "Import a credential inventory (CSV, JSON or a provider API) on Credentials.",
          "Scan the wikis, chat exports and repos your agents read on Scans.",
          "Send activity logs (CloudTrail, pgaudit, NDJSON) through the ingest API.",
        ]}
      />
    </>
  );
}
