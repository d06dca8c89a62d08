import Link from "next/link";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { ActivitySummaryDto } from "@/lib/domain/activity-query";
import { activityHref, type ActivityFilters } from "../_lib/filters";

type Day = ActivitySummaryDto["days"][number];
const COLUMNS = [
  { key: "agent", label: "Agent", filter: { actorType: "agent" } },
  { key: "human", label: "Human", filter: { actorType: "human" } },
  { key: "service", label: "Service", filter: { actorType: "service" } },
  { key: "unknown", label: "Unknown", filter: { actorType: "unknown" } },
  { key: "flagged", label: "Flagged", filter: { flagged: "true" } },
] as const satisfies readonly { key: keyof Day; label: string; filter: ActivityFilters }[];

/** The timeline of one day, narrowed to one column's operations: the events behind a count. */
export function dayHref(day: string, filter: ActivityFilters, days: number): string {
  return activityHref({ ...filter, from: day, to: day }, days);
}

/**
 * The chart's data as a table: the text alternative for anyone who cannot (or would rather not) read the bars.
 * Each count opens the timeline of that day filtered to that column.
 */
export function ChartTable({ days, period }: { days: ActivitySummaryDto["days"]; period: number }) {
  return (
    <Table label="Operations per day by actor type" className="max-h-80 overflow-y-auto">
      <THead>
        <Tr>
          <Th>Day (UTC)</Th>
          {COLUMNS.map((c) => (
            <Th key={c.key} className="text-right">
              {c.label}
            </Th>
          ))}
        </Tr>
      </THead>
      <TBody>
        {[...days].reverse().map((d) => (
          <Tr key={d.day}>
            <Td className="font-mono text-xs">{d.day}</Td>
            {COLUMNS.map((c) => {
              const value = d[c.key];
              const alarm = c.key === "flagged" && value > 0;
              return (
                <Td key={c.key} className={alarm ? "text-right font-semibold tabular-nums" : "text-right tabular-nums"}>
                  {value === 0 ? (
                    0
                  ) : (
                    <Link href={dayHref(d.day, c.filter, period)} className={alarm ? "text-red-700 hover:underline" : "text-accent-700 hover:underline"}>
                      {value.toLocaleString("en")}
                      <span className="sr-only">
                        {" "}
                        {c.label.toLowerCase()} operations on {d.day}
                      </span>
                    </Link>
                  )}
                </Td>
              );
            })}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
