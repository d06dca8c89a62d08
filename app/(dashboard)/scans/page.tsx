import { Hydrate } from "@/components/hydrate";
import { PageTitle } from "@/components/page-title";
import { QueryBoundary } from "@/components/query-boundary";
import { SectionHeader, PageHeader } from "@/components/ui/page-header";
import { corpusKeys, scanRunKeys, secretFindingKeys } from "@/lib/client/query-keys";
import type { SecretFindingQuery } from "@/lib/domain/scan";
import { listCorpora } from "@/lib/server/corpora";
import { can } from "@/lib/server/permissions";
import { listScanRuns } from "@/lib/server/scans";
import { listSecretFindings } from "@/lib/server/secret-findings";
import { requireViewer } from "@/lib/server/session";
import { listTeams } from "@/lib/server/teams";
import { CorporaTable } from "./_components/corpora-table";
import { NewCorpusButton } from "./_components/new-corpus-dialog";
import { OpenExposures } from "./_components/open-exposures";
import { ScanRuns } from "./_components/scan-runs";
import { readFindingFilters } from "./_lib/filters";

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ScansPage({ searchParams }: PageProps) {
  const viewer = await requireViewer();
  const filters = readFindingFilters(await searchParams);
  const canWrite = can(viewer, "scan:write");
  const [corpora, runs, findings, teams] = await Promise.all([
    listCorpora(viewer),
    listScanRuns(viewer),
    listSecretFindings(viewer, filters as SecretFindingQuery),
    canWrite ? listTeams(viewer) : Promise.resolve([]),
  ]);
  const newCorpus = canWrite ? <NewCorpusButton teams={teams.map((t) => ({ id: t.id, name: t.name }))} /> : null;

  return (
    <Hydrate
      queries={[
        { queryKey: corpusKeys.list(), data: corpora },
        { queryKey: scanRunKeys.list(), data: runs },
        { queryKey: secretFindingKeys.list(filters as Record<string, string>), data: findings },
      ]}
    >
      <PageTitle name="Scans" />
      <PageHeader
        title="Scans"
        description="Secret scans of the places agents read — repos, wiki and Notion exports, Slack exports, runbooks. Only redacted previews and fingerprints are kept, never a secret."
        actions={newCorpus}
      />
      <div className="space-y-10">
        <section aria-label="Corpora">
          <SectionHeader title="Corpora" description="Where secrets can leak, whether agents read it, and when it was last scanned." />
          <QueryBoundary>
            <CorporaTable now={Date.now()} canWrite={canWrite} />
          </QueryBoundary>
        </section>
        <section id="exposures" aria-label="Exposures" className="scroll-mt-4">
          <SectionHeader title="Exposures" description="One row per secret, however many places it was found in. Matched to the inventory by fingerprint." />
          <QueryBoundary>
            <OpenExposures filters={filters} />
          </QueryBoundary>
        </section>
        <section aria-label="Recent scan runs">
          <SectionHeader title="Recent runs" description="Each upload or CLI scan: what it read, what it found, what it newly opened or resolved." />
          <QueryBoundary>
            <ScanRuns />
          </QueryBoundary>
        </section>
      </div>
    </Hydrate>
  );
}
