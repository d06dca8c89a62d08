"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { CountLink } from "@/components/count-link";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { formatDateTime } from "@/lib/client/format";
import { runCountHref } from "../_lib/filters";
import { scanRunsQuery } from "../_lib/queries";
import { durationOf, formatMegabytes, RunStatusBadge } from "./badges";

/** Scan runs, newest first: of every corpus on the Scans page, of one on its corpus page. */
export function ScanRuns({ corpusId, limit = 10 }: { corpusId?: string; limit?: number }) {
  const { data } = useSuspenseQuery(scanRunsQuery(corpusId));
  const runs = data.slice(0, limit);
  if (runs.length === 0) {
    return <p className="rounded-lg border border-dashed border-zinc-300 bg-white px-4 py-6 text-center text-sm text-zinc-600">No scans recorded yet.</p>;
  }
  return (
    <Table label={corpusId ? "Scan runs of this corpus" : "Recent scan runs"}>
      <THead>
        <Tr>
          <Th>Started</Th>
          {corpusId ? null : <Th>Corpus</Th>}
          <Th>Status</Th>
          <Th>Origin</Th>
          <Th className="text-right">Files</Th>
          <Th className="text-right">Size</Th>
          <Th className="text-right">Secrets</Th>
          <Th className="text-right">Newly open</Th>
          <Th className="text-right">Resolved</Th>
          <Th>Took</Th>
          <Th>By</Th>
        </Tr>
      </THead>
      <TBody>
        {runs.map((run) => (
          <Tr key={run.id} data-testid="scan-run-row">
            <Td className="whitespace-nowrap">{formatDateTime(run.startedAt)}</Td>
            {corpusId ? null : (
              <Td>
                <Link href={`/scans/corpora/${run.corpus.id}`} className="text-accent-700 hover:underline">
                  {run.corpus.name}
                </Link>
              </Td>
            )}
            <Td>
              <RunStatusBadge status={run.status} />
              {run.failure ? <span className="block text-xs text-red-800">{run.failure}</span> : null}
            </Td>
            <Td className="text-xs whitespace-nowrap" title={run.scannerVersion}>
              {run.origin === "cli" ? "CLI" : "Upload"}
            </Td>
            <Td className="text-right tabular-nums">{run.files}</Td>
            <Td className="text-right whitespace-nowrap tabular-nums">{formatMegabytes(run.bytes)}</Td>
            <Count value={run.findings} href={runCountHref(run, "findings")} label={`${secrets(run.findings)} this scan saw`} />
            <Count value={run.opened} href={runCountHref(run, "opened")} label={`${secrets(run.opened)} this scan opened`} alarm />
            <Count value={run.resolved} href={runCountHref(run, "resolved")} label={`${secrets(run.resolved)} this scan resolved`} />
            <Td className="whitespace-nowrap tabular-nums">{durationOf(run)}</Td>
            <Td className="max-w-40 truncate text-xs" title={run.requestedBy}>
              {run.requestedBy}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

const secrets = (count: number | null) => (count === 1 ? "secret" : "secrets");

/**
 * A run's secret count, opening the exposures behind it. Engineers are not given the counts of a corpus their teams
 * do not own (they span every team), which the cell says rather than "0".
 */
function Count({ value, href, label, alarm = false }: { value: number | null; href: string | null; label: string; alarm?: boolean }) {
  if (value === null) {
    return (
      <Td className="text-right text-zinc-600" title="Counts every team's secrets in this corpus: see the exposures of your teams below">
        <span aria-hidden="true">—</span>
        <span className="sr-only">not shown: counts every team</span>
      </Td>
    );
  }
  const tone = alarm && value > 0 ? "font-semibold text-red-700" : "";
  return (
    <Td className={`text-right tabular-nums ${tone}`} title={href ? undefined : "Recorded before Leash kept which exposures each scan saw, opened and resolved"}>
      <CountLink value={value} href={href} label={label} className={tone || "text-accent-700"} />
    </Td>
  );
}
