"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { NavIcon } from "@/components/nav-icons";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { findingsHref, hasNarrowingFilters, STATUS_OPTIONS, type FindingFilters } from "../_lib/filters";
import { findingsQuery } from "../_lib/queries";
import { BulkBar, type AssigneeOption } from "./bulk-bar";
import { FindingFiltersForm, type FilterChoices } from "./finding-filters";
import { FindingsTable } from "./findings-table";

type FindingsQueueProps = {
  filters: FindingFilters;
  choices: FilterChoices;
  /** Who the bulk bar may assign to; null when the viewer may not change findings at all. */
  assignees: AssigneeOption[] | null;
  now: number;
};

/** The triage queue: filters in the URL, one cursor page at a time, and bulk triage of the selected rows. */
export function FindingsQueue({ filters, choices, assignees, now }: FindingsQueueProps) {
  const { data } = useSuspenseQuery(findingsQuery(filters));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  // Only rows on screen can be acted on: a refetch that drops a row also drops it from the selection.
  const visible = data.items.filter((f) => selected.has(f.id)).map((f) => f.id);
  const canWrite = assignees !== null;

  const selection = canWrite
    ? {
        selected,
        toggle: (id: string) =>
          setSelected((prev) => {
            const next = new Set(prev);
            if (!next.delete(id)) next.add(id);
            return next;
          }),
        toggleAll: (checked: boolean) => setSelected(checked ? new Set(data.items.map((f) => f.id)) : new Set()),
      }
    : null;

  const statusLabel = STATUS_OPTIONS.find(([v]) => v === filters.status)?.[1] ?? "All";
  return (
    <div>
      <FindingFiltersForm value={filters} choices={choices} />
      <p className="mb-2 text-sm text-zinc-700" aria-live="polite" data-testid="finding-total">
        {data.total === 1 ? "1 finding" : `${data.total.toLocaleString("en-US")} findings`} · {statusLabel}
        {hasNarrowingFilters(filters) ? " · filtered" : ""}
        {data.total > data.items.length ? ` · ${data.items.length} on this page` : ""}
      </p>
      <div aria-live="polite">{notice ? <p className="mb-2 text-sm text-emerald-800">{notice}</p> : null}</div>
      {canWrite && visible.length > 0 ? (
        <BulkBar
          ids={visible}
          assignees={assignees}
          onClear={() => setSelected(new Set())}
          onDone={(message) => {
            setNotice(message);
            setSelected(new Set());
          }}
        />
      ) : null}
      {data.items.length === 0 ? (
        <EmptyState
          icon={<NavIcon name="findings" className="size-5" />}
          title={hasNarrowingFilters(filters) ? "No findings match these filters" : "No findings here"}
          description={
            hasNarrowingFilters(filters)
              ? "Widen the filters or reset them to see the whole queue."
              : "Findings are opened when a rule fails for a credential, an activity event or a scanned corpus, and resolve themselves when the subject passes again."
          }
          action={
            hasNarrowingFilters(filters) ? (
              <Link href="/findings" className={buttonClasses("secondary")}>
                Reset filters
              </Link>
            ) : null
          }
        />
      ) : (
        <FindingsTable findings={data.items} now={now} selection={selection} />
      )}
      <Pager filters={filters} nextCursor={data.nextCursor} />
    </div>
  );
}

function Pager({ filters, nextCursor }: { filters: FindingFilters; nextCursor: string | null }) {
  if (!filters.cursor && !nextCursor) return null;
  return (
    <nav aria-label="Findings pages" className="mt-3 flex justify-end gap-2">
      {filters.cursor ? (
        <Link href={findingsHref({ ...filters, cursor: undefined })} scroll={false} className={buttonClasses("secondary", "sm")}>
          ← First page
        </Link>
      ) : null}
      {nextCursor ? (
        <Link href={findingsHref({ ...filters, cursor: nextCursor })} scroll={false} className={buttonClasses("secondary", "sm")}>
          Next page →
        </Link>
      ) : null}
    </nav>
  );
}
