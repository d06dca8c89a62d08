import { formatDateTime } from "@/lib/client/format";

/**
 * An instant in a table cell that may break between its day and its time, never inside either: a table with many
 * columns then fits a 1440 px window by making the row taller (a day and time kept on one line made it overflow).
 */
export function WrappingDateTime({ iso }: { iso: string }) {
  const [day, ...time] = formatDateTime(iso).split(" ");
  return (
    <>
      <span className="whitespace-nowrap">{day}</span> <span className="whitespace-nowrap">{time.join(" ")}</span>
    </>
  );
}
