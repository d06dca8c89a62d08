"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { formatDate, formatDateTime } from "@/lib/client/format";
import { AgentReadableBadge, CORPUS_KIND_LABELS, CoverageWarning, coverageGap } from "../../../_components/badges";
import { corpusQuery } from "../../../_lib/queries";
import { EditCorpusButton } from "./edit-corpus-dialog";

type CorpusDetailProps = { id: string; now: number; canWrite: boolean; teams: { id: string; name: string }[] };

export function CorpusDetail({ id, now, canWrite, teams }: CorpusDetailProps) {
  const { data: corpus } = useSuspenseQuery(corpusQuery(id));
  const gap = coverageGap(corpus, now);
  const facts: [string, ReactNode][] = [
    ["Kind", CORPUS_KIND_LABELS[corpus.kind]],
    ["Agent access", <AgentReadableBadge key="agents" agentReadable={corpus.agentReadable} readers={corpus.readers} />],
    ["Owning team", corpus.team?.name ?? "None (shared)"],
    ["Last scan", corpus.lastScanAt ? formatDateTime(corpus.lastScanAt) : "Never"],
    ["Open exposures", <span key="open" className={corpus.openFindings > 0 ? "font-semibold text-red-700" : undefined} data-testid="corpus-open-count">{corpus.openFindings}</span>],
    ["Registered", formatDate(corpus.createdAt)],
  ];
  return (
    <>
      <PageHeader
        title={corpus.name}
        description="A place secrets can leak into, its scans and the secrets found in it."
        actions={canWrite ? <EditCorpusButton corpus={corpus} teams={teams} /> : null}
      />
      {gap ? (
        <div role="status" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <CoverageWarning gap={gap} />
          Agents read this corpus; scan it at least weekly so a pasted secret is found before an agent repeats it.
        </div>
      ) : null}
      <dl className="mb-6 grid gap-3 rounded-lg border border-zinc-200 bg-white p-5 sm:grid-cols-3">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt className="text-xs font-medium text-zinc-600">{label}</dt>
            <dd className="mt-0.5 text-sm text-zinc-900">{value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
