import { Hydrate } from "@/components/hydrate";
import { NavIcon } from "@/components/nav-icons";
import { PageTitle } from "@/components/page-title";
import { QueryBoundary } from "@/components/query-boundary";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader, SectionHeader } from "@/components/ui/page-header";
import { evidenceKeys } from "@/lib/client/query-keys";
import { formatDateTime } from "@/lib/client/format";
import { firstPageData } from "@/lib/client/queries";
import { defaultAsOf, defaultPeriodFor, visibleFrameworks } from "@/lib/server/audit-scope";
import { listEvidencePackages } from "@/lib/server/evidence";
import { publicKeys } from "@/lib/server/evidence-keys";
import { can } from "@/lib/server/permissions";
import { requireViewer } from "@/lib/server/session";
import { defaultPeriod, FRAMEWORK_IDS, frameworkLabel } from "../controls/_lib/params";
import { EvidenceBuilder } from "./_components/evidence-builder";
import { PackageContents } from "./_components/package-contents";
import { PackagesTable } from "./_components/packages-table";
import { VerifyPanel } from "./_components/verify-panel";

const DESCRIPTION = "Signed, verifiable evidence packages for auditors: control summaries, full populations, the audit log and OSCAL results in one zip.";

export default async function EvidencePage() {
  const viewer = await requireViewer();
  // The Evidence link is in everyone's menu, so a role without access is told so rather than shown a bare 404.
  if (!can(viewer, "evidence:read")) {
    return (
      <>
        <PageTitle name="Evidence" />
        <NoAccess />
      </>
    );
  }
  const canBuild = can(viewer, "evidence:build");
  const [firstPage, keys] = await Promise.all([listEvidencePackages(viewer), publicKeys()]);
  // Every framework names the stored packages; a scoped auditor builds for their own only.
  const frameworks = FRAMEWORK_IDS.map((id) => ({ id, label: frameworkLabel(id) }));
  // Each with its controls, so the contents panel names what a package of the chosen framework covers.
  const buildable = visibleFrameworks(viewer).map((f) => ({ id: f.id, label: frameworkLabel(f.id), controls: f.controls.map((c) => ({ id: c.id, title: c.title })) }));
  const windowEnd = defaultAsOf(viewer);

  return (
    <>
      <PageTitle name="Evidence" />
      <PageHeader title="Evidence" description={DESCRIPTION} />
      <div className="space-y-10">
        {canBuild ? (
          <EvidenceBuilder
            frameworks={buildable}
            defaultPeriod={defaultPeriodFor(viewer) ?? defaultPeriod()}
            emptyAsOf={windowEnd ? `the end of your audit window, ${formatDateTime(windowEnd)}` : undefined}
          />
        ) : (
          <PackageContents />
        )}
        <section aria-label="Packages">
          <SectionHeader title="Packages" description="Newest first. Every download returns the same stored bytes, so the SHA-256 here matches the file you get." />
          <Hydrate queries={[{ queryKey: evidenceKeys.list(), data: firstPageData(firstPage) }]}>
            <QueryBoundary>
              <PackagesTable frameworkLabels={Object.fromEntries(frameworks.map((f) => [f.id, f.label]))} canBuild={canBuild} />
            </QueryBoundary>
          </Hydrate>
        </section>
        <VerifyPanel keys={keys} />
      </div>
    </>
  );
}

function NoAccess() {
  return (
    <>
      <PageHeader title="Evidence" description={DESCRIPTION} />
      <EmptyState
        icon={<NavIcon name="evidence" className="size-5" />}
        title="Evidence is not available to your role"
        description="Evidence packages are built and downloaded by admins and auditors. Ask one of them for a package; you can still follow your teams' posture under Controls."
      />
    </>
  );
}
