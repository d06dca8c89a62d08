import { Hydrate } from "@/components/hydrate";
import { PageTitle } from "@/components/page-title";
import { QueryBoundary } from "@/components/query-boundary";
import { PageHeader } from "@/components/ui/page-header";
import { findingKeys } from "@/lib/client/query-keys";
import { exceptionListQuerySchema } from "@/lib/domain/posture";
import { listExceptions } from "@/lib/server/exceptions";
import { can } from "@/lib/server/permissions";
import { requireViewer } from "@/lib/server/session";
import { searchParam } from "../../_lib/search-params";
import { FindingsTabs } from "../_components/findings-tabs";
import { ExceptionsSection } from "./_components/exceptions-section";

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ExceptionsPage({ searchParams }: PageProps) {
  const viewer = await requireViewer();
  // A tampered status falls back to the pending queue rather than failing the page.
  const parsed = exceptionListQuerySchema.safeParse({ status: searchParam(await searchParams, "status") });
  const status = parsed.success ? parsed.data.status : "pending";
  const exceptions = await listExceptions(viewer, { status });

  return (
    <>
      <PageTitle name="Exceptions" />
      <PageHeader
        title="Findings"
        description="The triage queue: one entry per failing rule and subject, with why it fails, who owns it, when it is due and its exceptions."
      />
      <FindingsTabs current="exceptions" />
      <Hydrate queries={[{ queryKey: findingKeys.exceptions(status), data: exceptions }]}>
        <QueryBoundary>
          <ExceptionsSection status={status} canDecide={can(viewer, "exception:decide")} />
        </QueryBoundary>
      </Hydrate>
    </>
  );
}
