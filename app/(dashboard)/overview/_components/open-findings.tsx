import Link from "next/link";
import { FINDING_AGES, FINDING_AGE_LABELS, type FindingSummaryDto } from "@/lib/domain/posture";
import { SEVERITIES } from "@/lib/rules";

const AGES = FINDING_AGES.map((key) => ({ key, label: FINDING_AGE_LABELS[key] }));

function Row({ href, label, value, danger = false }: { href: string; label: string; value: number; danger?: boolean }) {
  return (
    <li className="flex items-center justify-between gap-3 py-1.5">
      <span className="text-sm text-zinc-700">{label}</span>
      <Link href={href} className={danger && value > 0 ? "font-semibold text-red-700 tabular-nums hover:underline" : "font-medium text-accent-700 tabular-nums hover:underline"}>
        {value.toLocaleString("en")}
        <span className="sr-only"> open findings {label}</span>
      </Link>
    </li>
  );
}

/** Open findings by severity and by age; each number opens the queue. The queue has no age filter, so ages open all. */
export function OpenFindings({ summary }: { summary: FindingSummaryDto }) {
  return (
    <div className="rounded-lg border border-zinc-200 bg-white p-4">
      <p className="mb-3 text-sm text-zinc-700">
        <Link href="/findings" className="font-semibold text-accent-700 tabular-nums hover:underline">
          {summary.open.toLocaleString("en")} open
        </Link>
        {", "}
        <Link href="/findings?overdue=true" className={summary.overdue > 0 ? "font-semibold text-red-700 hover:underline" : "text-accent-700 hover:underline"}>
          {summary.overdue.toLocaleString("en")} past due
        </Link>
      </p>
      <div className="grid gap-6 sm:grid-cols-2">
        <div>
          <h3 className="text-xs font-semibold tracking-wide text-zinc-600 uppercase">By severity</h3>
          <ul className="divide-y divide-zinc-100">
            {SEVERITIES.map((s) => (
              <Row key={s} href={`/findings?severity=${s}`} label={s} value={summary.bySeverity[s]} danger={s === "critical" || s === "high"} />
            ))}
          </ul>
        </div>
        <div>
          <h3 className="text-xs font-semibold tracking-wide text-zinc-600 uppercase">By age (since first detected)</h3>
          <ul className="divide-y divide-zinc-100">
            {AGES.map((a) => (
              <Row key={a.key} href={`/findings?age=${a.key}`} label={a.label} value={summary.byAge[a.key]} danger={a.key === "over90"} />
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
