import Link from "next/link";
import { notFound } from "next/navigation";
import { Hydrate } from "@/components/hydrate";
import { PageTitle } from "@/components/page-title";
import { QueryBoundary } from "@/components/query-boundary";
import { secretFindingKeys } from "@/lib/client/query-keys";
import { AppError } from "@/lib/server/errors";
import { parseId } from "@/lib/server/ids";
import { getSecretFinding } from "@/lib/server/secret-findings";
import { requireViewer } from "@/lib/server/session";
import { FindingDetail } from "./_components/finding-detail";

type PageProps = { params: Promise<{ id: string }> };

export default async function ExposurePage({ params }: PageProps) {
  const viewer = await requireViewer();
  const { id: raw } = await params;
  // Outside an engineer's teams (or a made-up id) the exposure is simply not found: its existence is not leaked.
  const loaded = await Promise.resolve()
    .then(async () => {
      const id = parseId(raw, "Secret finding");
      return { id, finding: await getSecretFinding(viewer, id) };
    })
    .catch((error: unknown) => {
      if (error instanceof AppError && error.code === "not_found") return null;
      throw error;
    });
  if (!loaded) notFound();

  return (
    <Hydrate queries={[{ queryKey: secretFindingKeys.detail(loaded.id), data: loaded.finding }]}>
      <PageTitle name="Exposure" />
      <nav aria-label="Breadcrumb" className="mb-3 text-sm">
        <Link href="/scans" className="text-accent-700 hover:underline">
          ← Scans
        </Link>
      </nav>
      <QueryBoundary>
        <FindingDetail id={loaded.id} />
      </QueryBoundary>
    </Hydrate>
  );
}
