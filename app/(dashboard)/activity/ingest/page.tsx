import { notFound } from "next/navigation";
import { PageTitle } from "@/components/page-title";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/server/permissions";
import { requireViewer } from "@/lib/server/session";
import { ActivityTabs } from "../_components/activity-tabs";
import { IngestForm } from "./_components/ingest-form";

export default async function IngestPage() {
  const viewer = await requireViewer();
  // Only admins may ingest; for anyone else the page does not exist (the API refuses them as well).
  if (!can(viewer, "activity:ingest")) notFound();
  return (
    <>
      <PageTitle name="Ingest activity logs" />
      <PageHeader
        title="Activity"
        description="What was done with each credential, and whether a human, a service or an AI agent did it — destructive and cross-environment operations flagged."
      />
      <ActivityTabs current="ingest" canSeeEnvironments={can(viewer, "settings:read")} canIngest />
      <IngestForm />
    </>
  );
}
