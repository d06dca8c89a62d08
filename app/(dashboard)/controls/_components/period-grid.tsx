"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { CountLink } from "@/components/count-link";
import { frameworkById } from "@/lib/rules/frameworks";
import { controlHref, dayAsOf, periodDays, periodHref, type Period } from "../_lib/params";
import { notEffectiveDays, periodCells, type PeriodCell } from "../_lib/period-cells";
import { trendQuery } from "../_lib/queries";
import { formatScore, STATUS_LABELS } from "@/components/control-status";
import { NotEffectiveDays } from "./not-effective-days";

// Each status has a colour *and* a symbol; the full words are in every cell's title and in visually hidden text.
const CELL: Record<PeriodCell["status"], { symbol: string; className: string; label: string }> = {
  effective: { symbol: "✓", className: "bg-emerald-100 text-emerald-900", label: STATUS_LABELS.effective },
  effective_with_exceptions: { symbol: "E", className: "bg-amber-100 text-amber-900", label: STATUS_LABELS.effective_with_exceptions },
  not_effective: { symbol: "✗", className: "bg-red-200 text-red-900", label: STATUS_LABELS.not_effective },
  not_tested: { symbol: "–", className: "bg-zinc-100 text-zinc-600", label: STATUS_LABELS.not_tested },
  missing: { symbol: "?", className: "bg-white text-zinc-500 ring-1 ring-inset ring-zinc-300", label: "No evaluation recorded" },
};

/**
 * Each control's status at the end of each day of an audit period (a Type II view): every day of the period has a
 * column, so a day without an evaluation shows as such instead of disappearing. Each evaluated day opens the control's
 * population as of the end of that day: the subjects behind the cell. A control's days not effective open the list
 * of those days (`selected`), under the grid.
 */
export function PeriodGrid({ framework, period, selected }: { framework: string; period: Period; selected?: string }) {
  const { data } = useSuspenseQuery(trendQuery(framework, period));
  const days = periodDays(period);
  const known = frameworkById(framework)?.controls ?? [];
  const seen = new Set(known.map((c) => c.id));
  const extra = [...new Set(data.points.flatMap((p) => p.controls.map((c) => c.id)))].filter((id) => !seen.has(id));
  const controls = [...known.map((c) => ({ id: c.id, title: c.title })), ...extra.map((id) => ({ id, title: "" }))];
  const cells = periodCells(data.points, days, controls.map((c) => c.id));
  const selectedCells = selected ? cells.get(selected) : undefined;

  return (
    <section aria-labelledby="period-title">
      <h2 id="period-title" className="mb-1 text-base font-semibold text-zinc-900">
        Control status per day, {period.from} to {period.to} (UTC)
      </h2>
      <Legend />
      {/* relative: the cells' screen-reader text is absolutely positioned, and must stay inside the scroller, not widen the page. */}
      <ScrollRegion label={`Control status per day, ${period.from} to ${period.to}`} className="relative overflow-x-auto rounded-lg border border-zinc-200 bg-white">
        <table aria-label={`Control status per day, ${period.from} to ${period.to}`} className="border-separate border-spacing-0.5 text-xs">
          <thead>
            <tr>
              <th scope="col" className="sticky left-0 z-10 bg-white px-2 py-1 text-left font-semibold text-zinc-600">
                Control
              </th>
              <th scope="col" className="px-2 py-1 text-right font-semibold whitespace-nowrap text-zinc-600">
                Days not effective
              </th>
              {days.map((day) => (
                <th key={day} scope="col" className="px-0.5 py-1 font-mono font-normal whitespace-nowrap text-zinc-600">
                  <abbr title={day} className="no-underline">
                    {day.slice(5)}
                  </abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {controls.map((control) => {
              const row = cells.get(control.id) ?? [];
              const failing = notEffectiveDays(row).length;
              return (
                <tr key={control.id} data-testid="period-row">
                  <th scope="row" className="sticky left-0 z-10 bg-white px-2 py-1 text-left font-mono font-medium whitespace-nowrap text-zinc-900" title={control.title}>
                    {control.id}
                  </th>
                  <td className={cn("px-2 py-1 text-right tabular-nums", failing > 0 ? "font-semibold text-red-700" : "text-zinc-700")}>
                    <CountLink
                      value={failing}
                      href={failing > 0 ? `${periodHref(framework, period, control.id)}#not-effective-days` : null}
                      label={`days ${control.id} was not effective`}
                    />
                  </td>
                  {row.map((cell, i) => {
                    const look = CELL[cell.status];
                    const text = `${control.id}, ${days[i]}: ${look.label}${cell.score === null ? "" : `, score ${formatScore(cell.score)}`}`;
                    const symbol = (
                      <>
                        <span aria-hidden="true">{look.symbol}</span>
                        <span className="sr-only">{text}</span>
                      </>
                    );
                    return (
                      <td key={days[i]} title={text} className={cn("size-7 min-w-7 rounded p-0 text-center font-semibold", look.className)}>
                        {/* A day with an evaluation opens the control's population as it stood at the end of that day. */}
                        {cell.status === "missing" ? (
                          symbol
                        ) : (
                          <Link href={controlHref(framework, control.id, { as_of: dayAsOf(days[i]!) })} className="flex size-full items-center justify-center rounded hover:ring-2 hover:ring-accent-500 hover:ring-inset">
                            {symbol}
                          </Link>
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
      {selected && selectedCells ? <NotEffectiveDays framework={framework} controlId={selected} days={notEffectiveDays(selectedCells)} /> : null}
    </section>
  );
}

function Legend() {
  return (
    <ul aria-label="Legend" className="mb-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-700">
      {Object.values(CELL).map((c) => (
        <li key={c.label} className="flex items-center gap-1.5">
          <span aria-hidden="true" className={cn("inline-flex size-5 items-center justify-center rounded font-semibold", c.className)}>
            {c.symbol}
          </span>
          {c.label}
        </li>
      ))}
    </ul>
  );
}
