import Link from "next/link";
import { notFound } from "next/navigation";
import { Hydrate } from "@/components/hydrate";
import { PageTitle } from "@/components/page-title";
import { QueryBoundary } from "@/components/query-boundary";
import { credentialKeys } from "@/lib/client/query-keys";
import { credentialHistory, getCredential } from "@/lib/server/credentials";
import { AppError } from "@/lib/server/errors";
import { parseId } from "@/lib/server/ids";
import { can } from "@/lib/server/permissions";
import { CredentialActivity } from "@/components/credential-activity";
import { CredentialExposures } from "@/components/credential-exposures";
import { SubjectFindings } from "@/components/subject-findings";
import { requireViewer } from "@/lib/server/session";
import { CredentialDetail } from "./_components/credential-detail";
import { HistoryTimeline } from "./_components/history-timeline";

type PageProps = { params: Promise<{ id: string }> };

export default async function CredentialPage({ params }: PageProps) {
  const viewer = await requireViewer();
  const { id: raw } = await params;
  // Another team's credential (or a made-up id) is simply not found: its existence is not leaked.
  const loaded = await Promise.resolve()
    .then(async () => {
      const id = parseId(raw, "Credential");
      const [credential, versions] = await Promise.all([getCredential(viewer, id), credentialHistory(viewer, id)]);
      return { id, credential, versions };
    })
    .catch((error: unknown) => {
      if (error instanceof AppError && error.code === "not_found") return null;
      throw error;
    });
  if (!loaded) notFound();
  const { id, credential, versions } = loaded;

  return (
    <Hydrate
      queries={[
        { queryKey: credentialKeys.detail(id), data: credential },
        { queryKey: credentialKeys.history(id), data: versions },
      ]}
    >
      <PageTitle name="Credential" />
      <nav aria-label="Breadcrumb" className="mb-3 text-sm">
        <Link href="/credentials" className="text-accent-700 hover:underline">
          ← Credentials
        </Link>
      </nav>
      <QueryBoundary>
        <CredentialDetail id={id} canWrite={can(viewer, "credential:write")} serverNow={Date.now()} />
      </QueryBoundary>
      <div className="mt-6 space-y-6">
        <QueryBoundary>
          <HistoryTimeline credentialId={id} linkRuns={viewer.role !== "engineer"} />
        </QueryBoundary>
        <SubjectFindings of={{ credentialId: id }} description="Rules this credential fails, and rules its activity events fail, with status and due date." />
        <CredentialExposures credentialId={id} />
        <CredentialActivity credentialId={id} />
      </div>
    </Hydrate>
  );
}
