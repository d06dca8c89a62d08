import Link from "next/link";
import { notFound } from "next/navigation";
import { Hydrate } from "@/components/hydrate";
import { PageTitle } from "@/components/page-title";
import { QueryBoundary } from "@/components/query-boundary";
import { findingKeys } from "@/lib/client/query-keys";
import { AppError } from "@/lib/server/errors";
import { getFinding } from "@/lib/server/findings";
import { parseId } from "@/lib/server/ids";
import { can } from "@/lib/server/permissions";
import { requireViewer } from "@/lib/server/session";
import { assigneeChoices } from "../_lib/assignees";
import { FindingDetail } from "./_components/finding-detail";

type PageProps = { params: Promise<{ id: string }> };

export default async function FindingPage({ params }: PageProps) {
  const viewer = await requireViewer();
  const { id: raw } = await params;
  // Outside an engineer's teams (or a made-up id) the finding is simply not found: its existence is not leaked.
  const loaded = await Promise.resolve()
    .then(async () => {
      const id = parseId(raw, "Finding");
      return { id, finding: await getFinding(viewer, id) };
    })
    .catch((error: unknown) => {
      if (error instanceof AppError && error.code === "not_found") return null;
      throw error;
    });
  if (!loaded) notFound();
  const assignees = await assigneeChoices(viewer, loaded.finding.teamId);

  return (
    <Hydrate queries={[{ queryKey: findingKeys.detail(loaded.id), data: loaded.finding }]}>
      <PageTitle name="Finding" />
      <nav aria-label="Breadcrumb" className="mb-3 text-sm">
        <Link href="/findings" className="text-accent-700 hover:underline">
          ← Findings
        </Link>
      </nav>
      <QueryBoundary>
        <FindingDetail
          id={loaded.id}
          assignees={assignees}
          canRequestException={can(viewer, "exception:request")}
          now={Date.now()}
        />
      </QueryBoundary>
    </Hydrate>
  );
}
