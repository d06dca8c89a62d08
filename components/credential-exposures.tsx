"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { LoadError, LoadingBlock } from "@/components/query-boundary";
import { Badge } from "@/components/ui/badge";
import { SectionHeader } from "@/components/ui/page-header";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { SecretFindingDto } from "@/lib/domain/scan";
import { api, toSearch } from "@/lib/client/api";
import { formatDate } from "@/lib/client/format";
import { secretFindingKeys } from "@/lib/client/query-keys";

const credentialExposuresQuery = (credentialId: string) => {
  const query = { credentialId, status: "all" };
  return {
    queryKey: secretFindingKeys.list(query),
    queryFn: async () => (await api.get<{ findings: SecretFindingDto[] }>(`/secret-findings${toSearch(query)}`)).findings,
  };
};

/** Where this credential's secret was found by scans, and whether agents read those places; the credential page places it. */
export function CredentialExposures({ credentialId }: { credentialId: string }) {
  return (
    <section aria-label="Secret exposures">
      <SectionHeader title="Exposures" description="Places the secret scanner found this credential's secret (matched by fingerprint or key id), and whether agents read them." />
      <CredentialExposuresBody credentialId={credentialId} />
    </section>
  );
}

/** useQuery rather than useSuspenseQuery: the host page does not prefetch these, so they load in the browser. */
function CredentialExposuresBody({ credentialId }: { credentialId: string }) {
  const { data: findings, error, isPending, refetch } = useQuery(credentialExposuresQuery(credentialId));
  if (isPending) return <LoadingBlock label="Loading exposures…" />;
  if (error) return <LoadError title="Could not load where this secret was found." error={error} retry={() => refetch()} />;
  if (findings.length === 0) {
    return <p className="rounded-lg border border-dashed border-zinc-300 bg-white px-4 py-6 text-center text-sm text-zinc-600">No scan has found this secret.</p>;
  }
  const openToAgents = findings.filter((f) => !f.resolvedAt && f.corpus.agentReadable).length;
  return (
    <div className="space-y-3">
      <p className="text-sm text-zinc-700" data-testid="credential-exposure-summary">
        {openToAgents > 0 ? (
          <strong className="text-red-700">
            Readable by agents in {openToAgents} {openToAgents === 1 ? "place" : "places"}: rotate it.
          </strong>
        ) : (
          "Not open in any agent-readable place."
        )}
      </p>
      <Table label="Where this secret was found">
        <THead>
          <Tr>
            <Th>Corpus</Th>
            <Th>Agents</Th>
            <Th>Preview</Th>
            <Th>Locations</Th>
            <Th>Status</Th>
            <Th>Last seen</Th>
          </Tr>
        </THead>
        <TBody>
          {findings.map((f) => (
            <Tr key={f.id} data-testid="credential-exposure-row">
              <Td>
                <Link href={`/scans/findings/${f.id}`} className="font-medium text-accent-700 hover:underline">
                  {f.corpus.name}
                </Link>
              </Td>
              <Td>
                {f.corpus.agentReadable ? <Badge tone="danger">Agents read this</Badge> : <Badge>Not read by agents</Badge>}
                {f.corpus.agentReadable && f.corpus.readers.length ? <span className="block text-xs text-zinc-700">{f.corpus.readers.join(", ")}</span> : null}
              </Td>
              <Td>
                <code className="font-mono text-xs">{f.preview}</code>
              </Td>
              <Td className="text-xs">
                <span className="tabular-nums">{f.locations.length}</span>
                {f.locations[0] ? <code className="block max-w-64 truncate font-mono text-zinc-600" title={f.locations[0].file}>{f.locations[0].file}:{f.locations[0].line}</code> : null}
              </Td>
              <Td>{f.resolvedAt ? <Badge tone="success">resolved</Badge> : <Badge tone="warning">open</Badge>}</Td>
              <Td className="whitespace-nowrap text-zinc-700">{formatDate(f.lastSeenAt)}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
