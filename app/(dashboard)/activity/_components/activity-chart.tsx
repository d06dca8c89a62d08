"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { activityHref, CHART_PERIODS, type ActivityFilters } from "../_lib/filters";
import { summaryQuery } from "../_lib/queries";
import { ChartTable, dayHref } from "./chart-table";

// Agents get the strongest colour, matching their badge; each series also has its own legend label.
export const SERIES = [
  { key: "agent", label: "Agent", color: "#6d28d9" },
  { key: "human", label: "Human", color: "#0e7490" },
  { key: "service", label: "Service", color: "#64748b" },
  { key: "unknown", label: "Unknown", color: "#d97706" },
] as const;

type ActivityChartProps = { days: number; filters: ActivityFilters };

/** Operations per day by actor type. The chart is a picture; the summary line and the table are its text. */
export function ActivityChart({ days, filters }: ActivityChartProps) {
  const { data } = useSuspenseQuery(summaryQuery(days));
  const [asTable, setAsTable] = useState(false);
  const router = useRouter();
  const [busy, startTransition] = useTransition();
  const totals = Object.fromEntries(SERIES.map((s) => [s.key, data.days.reduce((sum, d) => sum + d[s.key], 0)])) as Record<(typeof SERIES)[number]["key"], number>;
  const flagged = data.days.reduce((sum, d) => sum + d.flagged, 0);
  const summary = `Last ${days} days: ${SERIES.map((s) => `${totals[s.key].toLocaleString("en")} ${s.label.toLowerCase()}`).join(", ")} operations; ${flagged} flagged.`;

  return (
    <section aria-labelledby="activity-chart-title" aria-busy={busy} className="mb-6 rounded-lg border border-zinc-200 bg-white p-4">
      <div className="mb-3 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="activity-chart-title" className="text-base font-semibold text-zinc-900">
            Operations per day by actor type
          </h2>
          <p id="activity-chart-summary" className="mt-0.5 text-sm text-zinc-600" data-testid="chart-summary">
            {summary}
          </p>
        </div>
        <div className="flex items-center gap-2">
          <div role="group" aria-label="Period" className="flex rounded-md border border-zinc-300 p-0.5">
            {CHART_PERIODS.map((period) => (
              <button
                key={period}
                type="button"
                aria-pressed={period === days}
                onClick={() => startTransition(() => router.push(activityHref(filters, period), { scroll: false }))}
                className={cn("rounded px-2.5 py-1 text-xs font-medium", period === days ? "bg-accent-600 text-white" : "text-zinc-700 hover:bg-zinc-100")}
              >
                {period} days
              </button>
            ))}
          </div>
          <Button variant="secondary" size="sm" aria-expanded={asTable} aria-controls="activity-chart-table" onClick={() => setAsTable(!asTable)}>
            {asTable ? "Show as chart" : "Show as table"}
          </Button>
        </div>
      </div>
      {asTable ? (
        <div id="activity-chart-table">
          <ChartTable days={data.days} period={days} />
        </div>
      ) : (
        // One image to assistive technology, named by the heading and described by the summary; the table toggle has
        // every number. No accessibility layer: a focusable SVG inside an image would be a tab stop with no name.
        <div role="img" aria-labelledby="activity-chart-title" aria-describedby="activity-chart-summary" className="h-64 w-full">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data.days} margin={{ top: 4, right: 8, bottom: 0, left: -16 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e4e4e7" />
              <XAxis dataKey="day" tickFormatter={(day: string) => day.slice(5)} tick={{ fontSize: 11, fill: "#52525b" }} minTickGap={16} />
              <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#52525b" }} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {SERIES.map((s) => (
                <Bar
                  key={s.key}
                  dataKey={s.key}
                  name={s.label}
                  stackId="ops"
                  fill={s.color}
                  isAnimationActive={false}
                  // A pointer shortcut to the day's events of that actor type; the table's links are the keyboard way.
                  cursor="pointer"
                  onClick={(entry: { payload?: { day?: string } }) => {
                    const day = entry.payload?.day;
                    if (day) startTransition(() => router.push(dayHref(day, { actorType: s.key }, days)));
                  }}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </section>
  );
}
