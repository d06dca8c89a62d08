"use client";

import { useRouter } from "next/navigation";
import { FilterSelect, type FilterOption } from "@/components/filter-select";
import { LinkedFilter } from "@/components/linked-filter";
import { useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { toSearch } from "@/lib/client/api";
import { formatDateTime } from "@/lib/client/format";
import { FINDING_FILTERS, RUN_COUNT_FILTERS, SECRET_KINDS, type FindingFilter, type FindingFilters } from "../_lib/filters";

type RunFilter = (typeof RUN_COUNT_FILTERS)[keyof typeof RUN_COUNT_FILTERS];
const RUN_FILTER_VERBS: Record<RunFilter, string> = { seenByScan: "saw", openedByScan: "opened", resolvedByScan: "resolved" };
type Run = { id: string; corpus: { name: string }; startedAt: string };

/** Names the run a count link narrows to, when it is among the recent runs listed. */
function runFilterText(name: RunFilter, runId: string, runs: Run[]): string {
  const run = runs.find((r) => r.id === runId);
  const scan = run ? `the scan of ${run.corpus.name} started ${formatDateTime(run.startedAt)}` : "one scan run";
  return `Only the exposures ${scan} ${RUN_FILTER_VERBS[name]}`;
}

type Option = FilterOption;

function specs(corpora: { id: string; name: string }[]): { name: FindingFilter; label: string; anyOption: boolean; options: Option[] }[] {
  return [
    { name: "corpusId", label: "Corpus", anyOption: true, options: corpora.map((c) => [c.id, c.name] as const) },
    { name: "kind", label: "Secret kind", anyOption: true, options: SECRET_KINDS.map((k) => [k, k.replaceAll("_", " ")] as const) },
    { name: "agentReadable", label: "Agents read the corpus", anyOption: true, options: [["true", "yes"], ["false", "no"]] },
    { name: "matched", label: "In inventory", anyOption: true, options: [["true", "matched to a credential"], ["false", "not in inventory"]] },
    { name: "status", label: "Status", anyOption: false, options: [["open", "open"], ["resolved", "resolved"], ["all", "all"]] },
  ];
}

/** The filters live in the URL, so a view of the exposures can be bookmarked and shared. */
export function ExposureFilters({ value, corpora, runs }: { value: FindingFilters; corpora: { id: string; name: string }[]; runs: Run[] }) {
  const router = useRouter();
  const [busy, startTransition] = useTransition();
  const apply = (next: FindingFilters) => startTransition(() => router.push(`/scans${toSearch(next)}`, { scroll: false }));
  const runFilters = Object.values(RUN_COUNT_FILTERS).flatMap((name) => {
    const runId = value[name];
    return runId ? [{ name, runId }] : [];
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    apply(Object.fromEntries(FINDING_FILTERS.map((name) => [name, String(form.get(name) ?? "")])));
  }

  return (
    <form
      key={JSON.stringify(value)}
      onSubmit={submit}
      role="search"
      aria-label="Filter exposures"
      aria-busy={busy}
      className="mb-4 grid gap-3 rounded-lg border border-zinc-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-6"
    >
      {runFilters.map(({ name, runId }) => (
        <div key={name} className="sm:col-span-2 lg:col-span-6">
          <LinkedFilter name={name} value={runId} onRemove={() => apply({ ...value, [name]: undefined })}>
            {runFilterText(name, runId, runs)}
          </LinkedFilter>
        </div>
      ))}
      {specs(corpora).map((spec) => (
        <FilterSelect key={spec.name} spec={spec} defaultValue={value[spec.name] ?? ""} />
      ))}
      <div className="flex items-end gap-2">
        <Button type="submit" disabled={busy}>
          {busy ? "Loading…" : "Apply"}
        </Button>
        <Button variant="ghost" disabled={busy} onClick={() => startTransition(() => router.push("/scans", { scroll: false }))}>
          Reset
        </Button>
      </div>
    </form>
  );
}
