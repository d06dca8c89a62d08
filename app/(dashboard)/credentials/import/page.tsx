import { notFound } from "next/navigation";
import { PageTitle } from "@/components/page-title";
import { PageHeader } from "@/components/ui/page-header";
import { credentialImporters } from "@/lib/ingest/credentials/registry";
import { can } from "@/lib/server/permissions";
import { requireViewer } from "@/lib/server/session";
import { CredentialsTabs } from "../_components/credentials-tabs";
import { ColumnReference } from "./_components/column-reference";
import { ImportWizard } from "./_components/import-wizard";

export default async function ImportPage() {
  const viewer = await requireViewer();
  if (!can(viewer, "credential:import")) notFound();
  // Only the descriptive parts cross to the browser; the parsers stay on the server.
  const formats = Object.entries(credentialImporters).map(([name, importer]) => ({
    name,
    description: importer.description,
    fileTypes: [...importer.fileTypes],
  }));
  return (
    <>
      <PageTitle name="Import credentials" />
      <PageHeader
        title="Import credentials"
        description={
          viewer.role === "engineer"
            ? "Upload an inventory export. As an engineer you can import only your own teams' credentials; rows for other teams are rejected."
            : "Upload an inventory export. Secret values in a file are used only to compute fingerprints and are never stored."
        }
      />
      <CredentialsTabs current="import" canImport canSeeMapping={can(viewer, "settings:read")} />
      <ImportWizard formats={formats} />
      <ColumnReference />
    </>
  );
}
