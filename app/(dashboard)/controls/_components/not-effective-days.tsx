import Link from "next/link";
import { frameworkLabel, controlHref, controlsHref, dayAsOf } from "../_lib/params";

/**
 * The days of the period a control was not effective, behind its "days not effective" count: each opens the
 * control's population, or the framework's controls, as they stood at that day's end (today's: now).
 */
export function NotEffectiveDays({ framework, controlId, days }: { framework: string; controlId: string; days: string[] }) {
  return (
    <section id="not-effective-days" aria-labelledby="not-effective-days-title" className="mt-4 rounded-lg border border-zinc-200 bg-white p-4">
      <h3 id="not-effective-days-title" className="mb-2 text-sm font-semibold text-zinc-900">
        Days <span className="font-mono">{controlId}</span> was not effective: {days.length}
      </h3>
      {days.length === 0 ? (
        <p className="text-sm text-zinc-600">None in this period.</p>
      ) : (
        <ul className="grid gap-1 text-sm sm:grid-cols-2 lg:grid-cols-3" data-testid="not-effective-days">
          {days.map((day) => {
            const asOf = dayAsOf(day);
            return (
              <li key={day} className="flex gap-3">
                <Link href={controlHref(framework, controlId, { as_of: asOf })} className="font-mono text-accent-700 hover:underline">
                  {day}
                  <span className="sr-only"> {controlId} population</span>
                </Link>
                <Link href={controlsHref(framework, asOf)} className="text-zinc-600 hover:underline">
                  {frameworkLabel(framework)} that day
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
