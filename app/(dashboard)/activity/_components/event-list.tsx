"use client";

import { useSuspenseInfiniteQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { eventPagesQuery } from "../_lib/queries";
import { EventTable } from "@/components/event-table";

type EventListProps = { query: Record<string, string>; label: string; empty: string; moreLabel?: string };

/** A list of events under one filter, newest first, with a cursor "Load more" under it. */
export function EventList({ query, label, empty, moreLabel = "Load more" }: EventListProps) {
  const { data, fetchNextPage, hasNextPage, isFetchingNextPage } = useSuspenseInfiniteQuery(eventPagesQuery(query));
  const events = data.pages.flatMap((page) => page.items);
  if (events.length === 0) {
    return <p className="rounded-lg border border-dashed border-zinc-300 bg-white px-4 py-6 text-center text-sm text-zinc-600">{empty}</p>;
  }
  return (
    <div>
      <EventTable label={label} events={events} />
      <div className="mt-3 flex items-center justify-between text-sm text-zinc-600">
        <span aria-live="polite">
          {/* No total is counted (a filter over millions of events would be a full scan); the end of the list is said. */}
          {hasNextPage
            ? `${events.length.toLocaleString("en")} events shown, more to load`
            : events.length === 1
              ? "1 event, all shown"
              : `${events.length.toLocaleString("en")} events, all shown`}
        </span>
        {hasNextPage ? (
          <Button variant="secondary" size="sm" onClick={() => fetchNextPage()} disabled={isFetchingNextPage}>
            {isFetchingNextPage ? "Loading…" : moreLabel}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
