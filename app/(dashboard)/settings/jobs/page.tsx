import { notFound } from "next/navigation";
import { Hydrate } from "@/components/hydrate";
import { PageTitle } from "@/components/page-title";
import { QueryBoundary } from "@/components/query-boundary";
import { jobKeys } from "@/lib/client/query-keys";
import { listJobs } from "@/lib/server/jobs/store";
import { can } from "@/lib/server/permissions";
import { requireViewer } from "@/lib/server/session";
import { JobsSection } from "./_components/jobs-section";

export default async function JobsSettingsPage() {
  const viewer = await requireViewer();
  if (!can(viewer, "job:read")) notFound();
  const jobs = await listJobs(viewer);
  return (
    <Hydrate queries={[{ queryKey: jobKeys.list(), data: jobs }]}>
      <PageTitle name="Jobs" />
      <QueryBoundary>
        <JobsSection everyone={viewer.role !== "engineer"} />
      </QueryBoundary>
    </Hydrate>
  );
}
