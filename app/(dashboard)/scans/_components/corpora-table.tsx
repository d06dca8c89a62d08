"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { formatDateTime } from "@/lib/client/format";
import { corporaQuery } from "../_lib/queries";
import { AgentReadableBadge, CORPUS_KIND_LABELS, CoverageWarning, coverageGap } from "./badges";

/** Every registered corpus with its agent exposure and scan coverage; engineers see the list, findings are scoped. */
export function CorporaTable({ now, canWrite }: { now: number; canWrite: boolean }) {
  const { data: corpora } = useSuspenseQuery(corporaQuery());
  if (corpora.length === 0) {
    return (
      <EmptyState
        title="No corpora yet"
        description="A corpus is a place secrets leak into: a repository, a wiki or Notion export, a Slack export, a folder of runbooks. Say whether agents read it; Leash scans it and matches each secret to the inventory."
        steps={
          canWrite
            ? ["Add a corpus with “New corpus” and mark it agent-readable if it is.", "Upload an export to scan on its page, or run leash scan with --upload.", "Review exposures: only redacted previews are shown."]
            : ["Ask an admin to register the places agents read and scan them."]
        }
      />
    );
  }
  const gaps = corpora.filter((corpus) => coverageGap(corpus, now)).length;
  return (
    <>
      {gaps > 0 ? (
        <Alert tone="warning" className="mb-3" title={`${gaps} agent-readable ${gaps === 1 ? "corpus was" : "corpora were"} not scanned in the last 7 days`}>
          Agents may be reading secrets there that no scan has seen. Upload a fresh export or run leash scan on a schedule.
        </Alert>
      ) : null}
      <Table label="Corpora">
        <THead>
          <Tr>
            <Th>Corpus</Th>
            <Th>Kind</Th>
            <Th>Agent access</Th>
            <Th>Last scan</Th>
            <Th className="text-right">Open exposures</Th>
          </Tr>
        </THead>
        <TBody>
          {corpora.map((corpus) => (
            <Tr key={corpus.id} data-testid="corpus-row">
              <Td>
                <Link href={`/scans/corpora/${corpus.id}`} className="font-medium text-accent-700 hover:underline">
                  {corpus.name}
                </Link>
                {corpus.team ? <span className="block text-xs text-zinc-600">{corpus.team.name}</span> : null}
              </Td>
              <Td className="whitespace-nowrap">{CORPUS_KIND_LABELS[corpus.kind]}</Td>
              <Td>
                <AgentReadableBadge agentReadable={corpus.agentReadable} readers={corpus.readers} />
              </Td>
              <Td className="whitespace-nowrap">
                {corpus.lastScanAt ? formatDateTime(corpus.lastScanAt) : <span className="text-zinc-600">Never</span>}
                <CoverageWarning gap={coverageGap(corpus, now)} />
              </Td>
              <Td className="text-right tabular-nums">
                {corpus.openFindings > 0 ? (
                  <Link href={`/scans?corpusId=${corpus.id}#exposures`} className="font-semibold text-red-700 hover:underline">
                    {corpus.openFindings.toLocaleString("en")}
                    <span className="sr-only"> open exposures in {corpus.name}</span>
                  </Link>
                ) : (
                  0
                )}
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </>
  );
}
