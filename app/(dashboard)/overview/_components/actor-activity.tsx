import Link from "next/link";
import type { ActivitySummaryDto } from "@/lib/domain/activity-query";
import { actorTypes, type ActorType } from "@/lib/domain/activity-event";

/** As they read after "operations by". */
const LABELS: Record<ActorType, string> = { agent: "AI agents", human: "humans", service: "services", unknown: "unknown actors" };
const ORDER: ActorType[] = ["agent", "human", "service", "unknown"];

/** Who did the operations of the last 30 days; each count opens the timeline filtered to that actor type. */
export function ActorActivity({ summary }: { summary: ActivitySummaryDto }) {
  const totals = Object.fromEntries(actorTypes.map((t) => [t, summary.days.reduce((sum, d) => sum + d[t], 0)])) as Record<ActorType, number>;
  // The timeline link covers the same days as the counts.
  const from = summary.days[0]?.day;
  const all = ORDER.reduce((sum, t) => sum + totals[t], 0);
  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      {ORDER.map((t) => (
        <li key={t}>
          <Link
            href={`/activity?actorType=${t}${from ? `&from=${from}` : ""}`}
            className="flex h-full flex-col rounded-lg border border-zinc-200 bg-white p-4 hover:border-accent-300 focus-visible:outline-2"
          >
            <span className={t === "unknown" && totals[t] > 0 ? "text-2xl font-semibold text-amber-800 tabular-nums" : "text-2xl font-semibold text-zinc-900 tabular-nums"}>
              {totals[t].toLocaleString("en")}
            </span>
            <span className="mt-1 text-sm text-zinc-600">
              operations by {LABELS[t]}
              {all > 0 ? ` (${Math.round((totals[t] / all) * 100)}%)` : ""}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
