import Link from "next/link";
import { CountLink } from "@/components/count-link";
import { RowLocationText } from "@/components/row-location";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { formatDateTime } from "@/lib/client/format";
import type { ImportRunDto } from "@/lib/domain/credential-query";
import { listHref } from "../_lib/list-params";

const STATUS_TONES: Record<ImportRunDto["status"], BadgeTone> = { running: "accent", applied: "success", rejected: "danger", failed: "danger" };

export function RunStatusBadge({ status }: { status: ImportRunDto["status"] }) {
  return <Badge tone={STATUS_TONES[status]}>{status}</Badge>;
}

type CountKey = keyof ImportRunDto["counts"];

const COUNTS: [CountKey, string][] = [
  ["read", "Rows read"],
  ["created", "Created"],
  ["updated", "Updated"],
  ["unchanged", "Unchanged"],
  ["rejected", "Rejected"],
  ["markedMissing", "Marked missing"],
];

/**
 * Where a count drills down to; a run that was not applied wrote nothing. Unchanged and marked missing list what
 * the run recorded doing (later imports move missing_from_source_at on); runs from before that was recorded have
 * nothing to list. Rows read lists the credentials the file listed, which are all of them only with no row rejected.
 */
function countHref(run: ImportRunDto, key: CountKey): string | null {
  if (key === "rejected") return run.errors.length ? "#rejected-rows" : null;
  if (run.status !== "applied") return null;
  if (key === "created") return listHref({ createdByImport: run.id });
  if (key === "updated") return listHref({ updatedByImport: run.id });
  if (!run.outcomesRecorded) return null;
  if (key === "unchanged") return listHref({ unchangedByImport: run.id });
  if (key === "markedMissing") return listHref({ markedMissingByImport: run.id });
  return run.counts.rejected === 0 ? listHref({ listedByImport: run.id }) : null;
}

function CountValue({ run, countKey, label }: { run: ImportRunDto; countKey: CountKey; label: string }) {
  const value = run.counts[countKey];
  const href = countHref(run, countKey);
  const tone = countKey === "rejected" && value > 0 ? "text-red-700" : href ? "text-accent-700" : "text-zinc-900";
  return (
    <dd className={`text-lg font-semibold tabular-nums ${tone}`}>
      <CountLink value={value} href={href} label={label.toLowerCase()} />
    </dd>
  );
}

/** What an import did, row by row for the rejects: shared by the import page and the run page. */
export function RunReport({ run }: { run: ImportRunDto }) {
  return (
    <section aria-label="Import run report" className="space-y-4 rounded-lg border border-zinc-200 bg-white p-5" data-testid="run-report">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-base font-semibold text-zinc-900">Run report</h2>
        <RunStatusBadge status={run.status} />
        <span className="text-sm text-zinc-600">
          {run.fileName} → source <strong>{run.source.name}</strong> ({run.format}) · {formatDateTime(run.startedAt)} by {run.requestedBy}
        </span>
      </div>
      {run.status === "rejected" ? (
        <p role="alert" className="text-sm font-medium text-red-800">
          Nothing was imported: {run.counts.rejected} row{run.counts.rejected === 1 ? " was" : "s were"} rejected. Fix them, or import again with
          “apply valid rows” ticked.
        </p>
      ) : null}
      {run.failure ? (
        <p role="alert" className="text-sm font-medium text-red-800">
          {run.failure}
        </p>
      ) : null}
      <dl className="grid grid-cols-3 gap-3 sm:grid-cols-6">
        {COUNTS.map(([key, label]) => (
          <div key={key} className="rounded-md border border-zinc-200 px-3 py-2" data-testid={`count-${key}`}>
            <dt className="text-xs text-zinc-600">{label}</dt>
            <CountValue run={run} countKey={key} label={label} />
          </div>
        ))}
      </dl>
      {run.unknownTeams?.length ? (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="unknown-teams">
          Teams Leash does not have: {run.unknownTeams.map((t) => `${t.name} (${t.credentials.toLocaleString("en")})`).join(", ")}. Their credentials
          have no team, so no engineer sees them, until an admin creates the team in{" "}
          <Link href="/settings/teams" className="font-medium underline">
            Settings → Teams
          </Link>
          ; they join it then.
        </p>
      ) : null}
      <p className="text-xs text-zinc-500">
        Options: {run.applyValid ? "valid rows applied even with rejects" : "all or nothing"} · {run.fullSync ? "full import (missing credentials marked)" : "partial import"}
        {run.fileSha256 ? <> · sha256 {run.fileSha256.slice(0, 16)}…</> : null}
      </p>
      {run.errors.length > 0 ? (
        <div id="rejected-rows">
          <Table label="Rejected rows">
            <THead>
              <Tr>
                <Th>Line</Th>
                <Th>Field</Th>
                <Th>Reason</Th>
              </Tr>
            </THead>
            <TBody>
              {run.errors.map((error, index) => (
                <Tr key={`${error.line}-${index}`} data-testid="rejected-row">
                  <Td className="font-mono">
                    <RowLocationText at={error} />
                  </Td>
                  <Td className="font-mono">{error.field ?? "—"}</Td>
                  <Td>{error.reason}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </div>
      ) : null}
      {run.counts.rejected > run.errors.length ? (
        <p className="text-xs text-zinc-500">Showing the first {run.errors.length} of {run.counts.rejected} rejected rows.</p>
      ) : null}
    </section>
  );
}
