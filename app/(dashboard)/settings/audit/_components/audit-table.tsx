"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { AuditEntryDto, AuditQuery } from "@/lib/domain/identity";
import { formatDateTime } from "@/lib/client/format";
import { auditQuery } from "@/lib/client/queries";

type AuditTableProps = {
  query: AuditQuery;
  page: number;
  busy: boolean;
  onOlder: (before: number) => void;
  onNewer: () => void;
};

const outcomeTone = { success: "success", failure: "warning", denied: "danger" } as const;

export function AuditTable({ query, page, busy, onOlder, onNewer }: AuditTableProps) {
  const { data } = useSuspenseQuery(auditQuery(query));

  return (
    <div aria-busy={busy} className={cn("transition-opacity", busy && "opacity-60")}>
      {data.entries.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 bg-white px-4 py-8 text-center text-sm text-zinc-600">
          No audit entries match these filters.
        </p>
      ) : (
        <Table label="Audit log entries">
          <THead>
            <Tr>
              <Th className="text-right">#</Th>
              <Th>Time</Th>
              <Th>Actor</Th>
              <Th>Action</Th>
              <Th>Target</Th>
              <Th>Outcome</Th>
              <Th>IP</Th>
              <Th>Details</Th>
            </Tr>
          </THead>
          <TBody>
            {data.entries.map((entry) => (
              <AuditRow key={entry.seq} entry={entry} />
            ))}
          </TBody>
        </Table>
      )}
      <nav aria-label="Audit log pages" className="mt-3 flex items-center justify-between text-sm text-zinc-600">
        <span>Page {page}</span>
        <span className="flex gap-2">
          <Button variant="secondary" size="sm" disabled={page === 1 || busy} onClick={onNewer}>
            ← Newer
          </Button>
          <Button
            variant="secondary"
            size="sm"
            disabled={data.nextBefore === null || busy}
            onClick={() => data.nextBefore !== null && onOlder(data.nextBefore)}
          >
            Older →
          </Button>
        </span>
      </nav>
    </div>
  );
}

function AuditRow({ entry }: { entry: AuditEntryDto }) {
  const hasDetails = Object.keys(entry.details).length > 0;
  return (
    <Tr data-testid="audit-row">
      <Td className="text-right font-mono text-xs text-zinc-500 tabular-nums">{entry.seq}</Td>
      <Td className="whitespace-nowrap text-zinc-600">{formatDateTime(entry.at)}</Td>
      <Td>
        <span className="block max-w-56 truncate text-zinc-900" title={entry.actorLabel}>
          {entry.actorLabel}
        </span>
        <span className="text-xs text-zinc-500">{entry.actorType}</span>
      </Td>
      <Td className="font-mono text-xs text-zinc-800">{entry.action}</Td>
      <Td className="text-xs text-zinc-600">
        {entry.targetType ? (
          <span title={entry.targetId ?? undefined}>
            {entry.targetType}
            {entry.targetId ? <span className="font-mono"> {entry.targetId.slice(0, 8)}</span> : null}
          </span>
        ) : (
          "—"
        )}
      </Td>
      <Td>
        <Badge tone={outcomeTone[entry.outcome]}>{entry.outcome}</Badge>
      </Td>
      <Td className="font-mono text-xs text-zinc-600">{entry.ip ?? "—"}</Td>
      <Td className="text-xs">
        {hasDetails ? (
          <details>
            <summary className="cursor-pointer text-accent-700 hover:underline">View</summary>
            {/* Focusable so a keyboard user can scroll a wide entry. */}
            <pre tabIndex={0} aria-label="Entry details (JSON)" className="mt-1 max-w-md overflow-x-auto rounded bg-zinc-50 p-2 text-[11px] leading-snug text-zinc-800">
              {JSON.stringify(entry.details, null, 2)}
            </pre>
          </details>
        ) : (
          <span className="text-zinc-400">—</span>
        )}
      </Td>
    </Tr>
  );
}
