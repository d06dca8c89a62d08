import Link from "next/link";
import { notFound } from "next/navigation";
import { PageTitle } from "@/components/page-title";
import { PageHeader } from "@/components/ui/page-header";
import { AppError } from "@/lib/server/errors";
import { parseId } from "@/lib/server/ids";
import { getImportRun } from "@/lib/server/imports";
import { requireViewer } from "@/lib/server/session";
import { RunReport } from "../../_components/run-report";

type PageProps = { params: Promise<{ id: string }> };

/** A finished run never changes, so it is rendered on the server with no client cache to keep fresh. */
export default async function ImportRunPage({ params }: PageProps) {
  const viewer = await requireViewer();
  const { id } = await params;
  // A made-up id, or another engineer's run, is not found (parseId throws before any query runs).
  const run = await Promise.resolve()
    .then(() => getImportRun(viewer, parseId(id, "Import run")))
    .catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  });
  if (!run) notFound();
  return (
    <>
      <PageTitle name="Import run" />
      <nav aria-label="Breadcrumb" className="mb-3 text-sm">
        <Link href="/credentials/imports" className="text-accent-700 hover:underline">
          ← Import runs
        </Link>
      </nav>
      <PageHeader title={`Import of ${run.fileName}`} description={<span className="font-mono text-xs break-all">sha256 {run.fileSha256 ?? "—"}</span>} />
      <RunReport run={run} />
    </>
  );
}
