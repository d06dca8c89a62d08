import type { Metadata } from "next";
import { NavIcon } from "@/components/nav-icons";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Activity" };

export default function ActivityPage() {
  return (
    <>
      <PageHeader
        title="Activity"
        description="What was done with each credential, and whether a human, a service or an AI agent did it — destructive and cross-environment operations flagged."
      />
      <EmptyState
        icon={<NavIcon name="activity" className="size-5" />}
        title="No activity ingested yet"
        description="Send logs to Leash and it attributes each event to a human or an agent, marks destructive operations and checks them against approvals."
        steps={[
          "Create an API token with the ingest scope in Settings → API tokens.",
          "Send AWS CloudTrail records, PostgreSQL pgaudit logs, CSV or Leash NDJSON to the ingest API.",
          "Review agent events in production without a matching approval first.",
        ]}
      />
    </>
  );
}
