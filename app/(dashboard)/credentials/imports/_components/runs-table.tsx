"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { WrappingDateTime } from "@/components/wrapping-date-time";
import { importRunsQuery } from "../../_lib/queries";
import { RunStatusBadge } from "../../_components/run-report";

export function RunsTable() {
  const { data: runs } = useSuspenseQuery(importRunsQuery());
  if (runs.length === 0) {
    return <p className="rounded-lg border border-dashed border-zinc-300 bg-white p-6 text-sm text-zinc-600">No import runs yet.</p>;
  }
  return (
    <Table label="Import runs">
      <THead>
        <Tr>
          <Th>When</Th>
          <Th>Who</Th>
          <Th>Source, format</Th>
          <Th>File, SHA-256</Th>
          <Th>Status</Th>
          <Th className="text-right">Read</Th>
          <Th className="text-right">Created</Th>
          <Th className="text-right">Updated</Th>
          <Th className="text-right">Unchanged</Th>
          <Th className="text-right">Rejected</Th>
          <Th className="text-right">Missing</Th>
        </Tr>
      </THead>
      <TBody>
        {runs.map((run) => (
          <Tr key={run.id} data-testid="import-run-row">
            <Td>
              <Link href={`/credentials/imports/${run.id}`} className="font-medium text-accent-700 hover:underline">
                <WrappingDateTime iso={run.startedAt} />
              </Link>
            </Td>
            {/* Emails and source names break anywhere: unbroken, the e2e suite's longer ones still widened the table past
                a 1440 px window. */}
            <Td className="max-w-36 text-xs wrap-anywhere">{run.requestedBy}</Td>
            {/* Paired in one cell each, one above the other: thirteen columns side by side overflowed a 1440 px window. */}
            <Td className="max-w-36 wrap-anywhere">
              <span className="block">{run.source.name}</span>
              <span className="block text-xs whitespace-nowrap text-zinc-600">{run.format}</span>
            </Td>
            <Td className="max-w-32">
              <span className="block truncate" title={run.fileName}>
                {run.fileName}
              </span>
              <span className="block font-mono text-xs text-zinc-600" title={run.fileSha256 ?? undefined}>
                {run.fileSha256 ? run.fileSha256.slice(0, 12) : "—"}
              </span>
            </Td>
            <Td>
              <RunStatusBadge status={run.status} />
            </Td>
            <Td className="text-right tabular-nums">{run.counts.read}</Td>
            <Td className="text-right tabular-nums">{run.counts.created}</Td>
            <Td className="text-right tabular-nums">{run.counts.updated}</Td>
            <Td className="text-right tabular-nums">{run.counts.unchanged}</Td>
            <Td className={`text-right tabular-nums ${run.counts.rejected ? "font-semibold text-red-700" : ""}`}>{run.counts.rejected}</Td>
            <Td className="text-right tabular-nums">{run.counts.markedMissing}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
