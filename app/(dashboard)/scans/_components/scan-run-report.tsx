import Link from "next/link";
import { CountLink } from "@/components/count-link";
import { formatDateTime } from "@/lib/client/format";
import type { ScanRunDto } from "@/lib/domain/scan";
import { runCountHref } from "../_lib/filters";
import { durationOf, formatMegabytes, RunStatusBadge } from "./badges";

/** What one scan did: shown right after an upload, so the admin sees at once whether it found anything. */
export function ScanRunReport({ run }: { run: ScanRunDto }) {
  const counts: [key: string, label: string, value: string | number, alarm: boolean, href: string | null][] = [
    ["files", "Files", run.files, false, null],
    ["size", "Size", formatMegabytes(run.bytes), false, null],
    ["secrets", "Secrets", run.findings, run.findings > 0, runCountHref(run, "findings")],
    ["opened", "Newly open", run.opened, run.opened > 0, runCountHref(run, "opened")],
    ["resolved", "Resolved", run.resolved, false, runCountHref(run, "resolved")],
  ];
  return (
    <section aria-label="Scan run report" className="space-y-3 rounded-lg border border-zinc-200 bg-white p-5" data-testid="scan-run-report">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-base font-semibold text-zinc-900">Run report</h3>
        <RunStatusBadge status={run.status} />
        <span className="text-sm text-zinc-600">
          {formatDateTime(run.startedAt)} · took {durationOf(run)} · {run.scannerVersion}
        </span>
      </div>
      {run.failure ? (
        <p role="alert" className="text-sm font-medium text-red-800">
          {run.failure}
        </p>
      ) : null}
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {counts.map(([key, label, value, alarm, href]) => (
          <div key={key} className="rounded-md border border-zinc-200 px-3 py-2" data-testid={`scan-count-${key}`}>
            <dt className="text-xs text-zinc-600">{label}</dt>
            <dd className={`text-lg font-semibold tabular-nums ${alarm ? "text-red-700" : href ? "text-accent-700" : "text-zinc-900"}`}>
              <CountLink value={value} href={href} label={label.toLowerCase()} />
            </dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-zinc-700">
        {run.findings === 0 ? "No secrets found in this upload." : "The exposures are listed below; each links to its locations."}{" "}
        The uploaded file was deleted after the scan. <Link href="/scans" className="text-accent-700 underline">All exposures</Link>
      </p>
    </section>
  );
}
