import type { RowLocation } from "@/lib/ingest/row-error";

/** A row's line, and in a JSON file its item: a minified file is all on line 1, so the line alone finds nothing. */
export function RowLocationText({ at }: { at: RowLocation }) {
  return (
    <>
      {at.line}
      {at.item !== undefined ? <span className="text-zinc-500"> · item {at.item}</span> : null}
    </>
  );
}
