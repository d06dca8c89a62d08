"use client";

import { useSuspenseInfiniteQuery } from "@tanstack/react-query";
import { eventPagesQuery } from "../_lib/queries";
import { EventTable } from "@/components/event-table";
import { LoadMore } from "@/components/load-more";

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
      <LoadMore shown={events.length} noun={["event", "events"]} hasMore={hasNextPage} loading={isFetchingNextPage} onMore={() => fetchNextPage()} label={moreLabel} />
    </div>
  );
}
