"use client";

import { useState, useTransition } from "react";
import { QueryBoundary } from "@/components/query-boundary";
import { SectionHeader } from "@/components/ui/page-header";
import type { AuditQuery } from "@/lib/domain/identity";
import { AUDIT_PAGE_SIZE } from "@/lib/client/query-keys";
import { AuditFilters, emptyAuditFilters, type AuditFilterValues } from "./audit-filters";
import { AuditTable } from "./audit-table";
import { VerifyChain } from "./verify-chain";

/** Date inputs give calendar days; the log is kept in UTC, so a day filter spans that whole UTC day. */
function toAuditQuery(filters: AuditFilterValues, before: number | undefined): AuditQuery {
  return {
    limit: AUDIT_PAGE_SIZE,
    action: filters.action || undefined,
    actor: filters.actor || undefined,
    outcome: (filters.outcome || undefined) as AuditQuery["outcome"],
    from: filters.from ? `${filters.from}T00:00:00.000Z` : undefined,
    to: filters.to ? `${filters.to}T23:59:59.999Z` : undefined,
    before,
  };
}

export function AuditSection() {
  const [filters, setFilters] = useState<AuditFilterValues>(emptyAuditFilters);
  // Keyset pagination: a stack of `before` cursors, so "Newer" returns to exactly the page seen before.
  const [cursors, setCursors] = useState<number[]>([]);
  const [isPending, startTransition] = useTransition();
  const before = cursors.at(-1);
  const query = toAuditQuery(filters, before);

  // Transitions keep the current rows on screen while the next page suspends, instead of flashing a spinner.
  const apply = (next: AuditFilterValues) =>
    startTransition(() => {
      setFilters(next);
      setCursors([]);
    });

  return (
    <section aria-label="Audit log">
      <SectionHeader
        title="Audit log"
        description="Every sign-in, change, export and evidence view, hash-chained so that any edit or deletion is detectable."
        actions={<VerifyChain />}
      />
      <AuditFilters value={filters} onApply={apply} />
      <QueryBoundary>
        <AuditTable
          query={query}
          page={cursors.length + 1}
          busy={isPending}
          onOlder={(nextBefore) => startTransition(() => setCursors([...cursors, nextBefore]))}
          onNewer={() => startTransition(() => setCursors(cursors.slice(0, -1)))}
        />
      </QueryBoundary>
    </section>
  );
}
