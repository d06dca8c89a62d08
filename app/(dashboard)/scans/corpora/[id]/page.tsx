import Link from "next/link";
import { notFound } from "next/navigation";
import { Hydrate } from "@/components/hydrate";
import { PageTitle } from "@/components/page-title";
import { QueryBoundary } from "@/components/query-boundary";
import { SubjectFindings } from "@/components/subject-findings";
import { SectionHeader } from "@/components/ui/page-header";
import { corpusKeys, scanRunKeys, secretFindingKeys } from "@/lib/client/query-keys";
import { getCorpus } from "@/lib/server/corpora";
import { AppError } from "@/lib/server/errors";
import { pathSegment } from "@/lib/server/ids";
import { can } from "@/lib/server/permissions";
import { listScanRuns } from "@/lib/server/scans";
import { listSecretFindings } from "@/lib/server/secret-findings";
import { requireViewer } from "@/lib/server/session";
import { inTeamScope } from "@/lib/server/viewer";
import { listTeams } from "@/lib/server/teams";
import { CliHint } from "../../_components/cli-hint";
import { ScanRuns } from "../../_components/scan-runs";
import { corpusFindingsFilter } from "../../_lib/filters";
import { CorpusDetail } from "./_components/corpus-detail";
import { CorpusExposures } from "./_components/corpus-exposures";
import { UploadScanForm } from "./_components/upload-scan-form";

type PageProps = { params: Promise<{ id: string }> };

export default async function CorpusPage({ params }: PageProps) {
  const viewer = await requireViewer();
  const { id: raw } = await params;
  // The id segment may also be the corpus name, as the CLI names corpora; unknown either way is not found.
  const corpus = await getCorpus(viewer, pathSegment(raw)).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  });
  if (!corpus) notFound();
  const canWrite = can(viewer, "scan:write");
  // An engineer sees the exposures and findings of their teams only; in a corpus their team does not own, the empty
  // lists must say so instead of reading as "all clear" above scan runs that count every secret found.
  const partial = !inTeamScope(viewer, corpus.team?.id ?? null);
  const filter = corpusFindingsFilter(corpus.id);
  const [runs, findings, teams] = await Promise.all([
    listScanRuns(viewer, corpus.id),
    listSecretFindings(viewer, filter),
    canWrite ? listTeams(viewer) : Promise.resolve([]),
  ]);

  return (
    <Hydrate
      queries={[
        { queryKey: corpusKeys.detail(corpus.id), data: corpus },
        { queryKey: scanRunKeys.list(corpus.id), data: runs },
        { queryKey: secretFindingKeys.list(filter), data: findings },
      ]}
    >
      <PageTitle name="Corpus" />
      <nav aria-label="Breadcrumb" className="mb-3 text-sm">
        <Link href="/scans" className="text-accent-700 hover:underline">
          ← Scans
        </Link>
      </nav>
      <QueryBoundary>
        <CorpusDetail id={corpus.id} now={Date.now()} canWrite={canWrite} teams={teams.map((t) => ({ id: t.id, name: t.name }))} />
      </QueryBoundary>
      <div className="space-y-10">
        {canWrite ? (
          <div className="grid gap-4 lg:grid-cols-2">
            <UploadScanForm corpusId={corpus.id} />
            <CliHint corpusName={corpus.name} />
          </div>
        ) : null}
        <section aria-label="Exposures in this corpus">
          <SectionHeader title="Exposures" description="Every secret found here, open or resolved, with where it sits and whether the inventory knows it." />
          <QueryBoundary>
            <CorpusExposures corpusId={corpus.id} partial={partial} />
          </QueryBoundary>
        </section>
        <SubjectFindings
          of={{ subjectKind: "corpus", subjectId: corpus.id }}
          description="Rules this corpus fails (secrets left where agents read, scans too old), with status and due date."
          emptyText={partial ? "No finding of this corpus is in your teams' queue: the findings of a corpus your teams do not own are worked by its owners or an admin." : undefined}
        />
        <section aria-label="Scan runs">
          <SectionHeader title="Scan runs" />
          <QueryBoundary>
            <ScanRuns corpusId={corpus.id} limit={50} />
          </QueryBoundary>
        </section>
      </div>
    </Hydrate>
  );
}
