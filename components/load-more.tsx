"use client";

import { Button } from "@/components/ui/button";

type LoadMoreProps = {
  shown: number;
  /** What is listed, singular and plural: "event", "events". */
  noun: readonly [string, string];
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
  label?: string;
};

/** Under a keyset-paged list: how many are shown, whether that is all, and the button that loads the next page. */
export function LoadMore({ shown, noun: [one, many], hasMore, loading, onMore, label = "Load more" }: LoadMoreProps) {
  return (
    <div className="mt-3 flex items-center justify-between text-sm text-zinc-600">
      <span aria-live="polite">
        {/* No total is counted (a filter over millions of rows would be a full scan); the end of the list is said. */}
        {hasMore ? `${shown.toLocaleString("en")} ${many} shown, more to load` : shown === 1 ? `1 ${one}, all shown` : `${shown.toLocaleString("en")} ${many}, all shown`}
      </span>
      {hasMore ? (
        <Button variant="secondary" size="sm" onClick={onMore} disabled={loading}>
          {loading ? "Loading…" : label}
        </Button>
      ) : null}
    </div>
  );
}
