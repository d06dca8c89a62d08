"use client";

import { useSuspenseQueries } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { scorePercent } from "@/components/control-status";
import { trendQuery } from "../../controls/_lib/queries";
import { TrendTable, type TrendRow } from "./trend-table";

export const TREND_PERIODS = [30, 90] as const;
// Distinct hues and dash patterns, so the two lines differ without colour too.
const STYLES = [
  { color: "#4f46e5", dash: undefined },
  { color: "#0e7490", dash: "6 3" },
] as const;

type PostureTrendProps = { frameworks: { id: string; label: string }[] };

/** Framework score per day. The chart is a picture; the summary line and the table say the same in text. */
export function PostureTrend({ frameworks }: PostureTrendProps) {
  const [days, setDays] = useState<(typeof TREND_PERIODS)[number]>(30);
  const [busy, startTransition] = useTransition();
  const [asTable, setAsTable] = useState(false);
  const results = useSuspenseQueries({ queries: frameworks.map((f) => trendQuery(f.id, { days: String(days) })) });

  // Series keys are positional (s0, s1): recharts reads a dotted dataKey such as "pci-dss-4.0.1" as a path.
  const byDay = new Map<string, TrendRow>();
  results.forEach((r, i) => {
    for (const p of r.data.points) {
      const row = byDay.get(p.day) ?? { day: p.day, scores: [] };
      row.scores[i] = scorePercent(p.score);
      byDay.set(p.day, row);
    }
  });
  const rows = [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
  const chartData = rows.map((r) => ({ day: r.day, ...Object.fromEntries(frameworks.map((_, i) => [`s${i}`, r.scores[i] ?? null])) }));
  // A trend cut to an audit window that is over ends before today: its last day is named, not called today.
  const today = new Date().toISOString().slice(0, 10);
  const summary = frameworks
    .map((f, i) => {
      const known = rows.filter((r) => r.scores[i] !== null && r.scores[i] !== undefined);
      const first = known[0];
      const last = known.at(-1);
      if (!first || !last) return `${f.label} not evaluated in the last ${days} days`;
      const latest = `${f.label} ${last.scores[i]}% ${last.day === today ? "today" : `on ${last.day}`}`;
      return first === last ? `${latest} (no earlier day evaluated)` : `${latest}, ${first.scores[i]}% on ${first.day}`;
    })
    .join("; ");

  return (
    <section aria-labelledby="trend-title" aria-busy={busy} className="rounded-lg border border-zinc-200 bg-white p-4">
      <div className="mb-3 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="trend-title" className="text-base font-semibold text-zinc-900">
            Score per day
          </h2>
          <p id="trend-summary" className="mt-0.5 text-sm text-zinc-600" data-testid="trend-summary">
            {summary}.
          </p>
        </div>
        <div className="flex items-center gap-2">
          <div role="group" aria-label="Period" className="flex rounded-md border border-zinc-300 p-0.5">
            {TREND_PERIODS.map((period) => (
              <button
                key={period}
                type="button"
                aria-pressed={period === days}
                onClick={() => startTransition(() => setDays(period))}
                className={cn("rounded px-2.5 py-1 text-xs font-medium", period === days ? "bg-accent-600 text-white" : "text-zinc-700 hover:bg-zinc-100")}
              >
                {period} days
              </button>
            ))}
          </div>
          <Button variant="secondary" size="sm" aria-expanded={asTable} aria-controls="posture-trend-table" onClick={() => setAsTable(!asTable)}>
            {asTable ? "Show as chart" : "Show as table"}
          </Button>
        </div>
      </div>
      {asTable ? (
        <div id="posture-trend-table">
          <TrendTable rows={rows} frameworks={frameworks} />
        </div>
      ) : (
        // One image to assistive technology, named by the heading and described by the summary; the table toggle has
        // every number. No accessibility layer: a focusable SVG inside an image would be a tab stop with no name.
        <div role="img" aria-labelledby="trend-title" aria-describedby="trend-summary" className={cn("h-64 w-full", busy && "opacity-60")}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={chartData} margin={{ top: 4, right: 8, bottom: 0, left: -16 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e4e4e7" />
              <XAxis dataKey="day" tickFormatter={(day: string) => day.slice(5)} tick={{ fontSize: 11, fill: "#52525b" }} minTickGap={16} />
              <YAxis domain={[0, 100]} unit="%" tick={{ fontSize: 11, fill: "#52525b" }} />
              <Tooltip formatter={(value) => (value === null || value === undefined ? "not evaluated" : `${String(value)}%`)} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {frameworks.map((f, i) => (
                <Line
                  key={f.id}
                  type="monotone"
                  dataKey={`s${i}`}
                  name={f.label}
                  stroke={STYLES[i % STYLES.length]!.color}
                  strokeDasharray={STYLES[i % STYLES.length]!.dash}
                  strokeWidth={2}
                  // A day with no neighbour (the first day evaluated, or after a gap) is drawn as a dot, not as nothing.
                  dot={{ r: 3 }}
                  connectNulls={false}
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </section>
  );
}
