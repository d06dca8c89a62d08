import Link from "next/link";
import { Hydrate } from "@/components/hydrate";
import { PageTitle } from "@/components/page-title";
import { QueryBoundary } from "@/components/query-boundary";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { importRunKeys } from "@/lib/client/query-keys";
import { listImportRuns } from "@/lib/server/imports";
import { can } from "@/lib/server/permissions";
import { requireViewer } from "@/lib/server/session";
import { CredentialsTabs } from "../_components/credentials-tabs";
import { RunsTable } from "./_components/runs-table";

export default async function ImportRunsPage() {
  const viewer = await requireViewer();
  const runs = await listImportRuns(viewer);
  const canImport = can(viewer, "credential:import");
  return (
    <>
      <PageTitle name="Import runs" />
      <PageHeader
        title="Import runs"
        description={
          viewer.role === "engineer"
            ? "The imports you started, newest first. Each run records the file's hash and every rejected row."
            : "Every inventory import, newest first. Each run records the file's hash and every rejected row."
        }
        actions={
          canImport ? (
            <Link href="/credentials/import" className={buttonClasses("primary")}>
              Import
            </Link>
          ) : null
        }
      />
      <CredentialsTabs current="runs" canImport={canImport} canSeeMapping={can(viewer, "settings:read")} />
      <Hydrate queries={[{ queryKey: importRunKeys.list(), data: runs }]}>
        <QueryBoundary>
          <RunsTable />
        </QueryBoundary>
      </Hydrate>
    </>
  );
}
