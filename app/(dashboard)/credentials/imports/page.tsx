import type { Metadata } from "next";
import Link from "next/link";
import { Hydrate } from "@/components/hydrate";
import { QueryBoundary } from "@/components/query-boundary";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { importRunKeys } from "@/lib/client/query-keys";
import { listImportRuns } from "@/lib/server/imports";
import { can } from "@/lib/server/permissions";
import { requireViewer } from "@/lib/server/session";
import { CredentialsTabs } from "../_components/credentials-tabs";
import { RunsTable } from "./_components/runs-table";

export const metadata: Metadata = { title: "Import runs" };

export default async function ImportRunsPage() {
  const viewer = await requireViewer();
  const runs = await listImportRuns(viewer);
  const canImport = can(viewer, "credential:import");
  return (
    <>
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
