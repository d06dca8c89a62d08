import { notFound } from "next/navigation";
import { Hydrate } from "@/components/hydrate";
import { PageTitle } from "@/components/page-title";
import { AUDIT_PAGE_SIZE, auditKeys } from "@/lib/client/query-keys";
import { listAuditEntries } from "@/lib/server/audit";
import { can } from "@/lib/server/permissions";
import { requireViewer } from "@/lib/server/session";
import { AuditSection } from "./_components/audit-section";

export default async function AuditSettingsPage() {
  const viewer = await requireViewer();
  if (!can(viewer, "audit:read")) notFound();
  // The unfiltered first page: the client asks /api/v1/audit itself once filters or the page change.
  const firstPageQuery = { limit: AUDIT_PAGE_SIZE };
  const firstPage = await listAuditEntries(viewer, firstPageQuery);
  return (
    <Hydrate queries={[{ queryKey: auditKeys.list(firstPageQuery), data: firstPage }]}>
      <PageTitle name="Audit log" />
      <AuditSection />
    </Hydrate>
  );
}
