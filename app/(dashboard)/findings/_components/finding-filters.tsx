"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { FINDING_AGES, FINDING_AGE_LABELS } from "@/lib/domain/posture";
import { FilterSelect } from "@/components/filter-select";
import { useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { FILTER_PARAMS, findingsHref, STATUS_OPTIONS, SUBJECT_KIND_LABELS, type FindingFilters } from "../_lib/filters";

type Option = readonly [value: string, label: string];
export type FilterChoices = { rules: { id: string; title: string }[]; teams: { id: string; name: string }[] };

const SEVERITY_OPTIONS: Option[] = ["critical", "high", "medium", "low"].map((s) => [s, s] as const);

function selects({ rules, teams }: FilterChoices): { name: keyof FindingFilters; label: string; anyOption: boolean; options: readonly Option[] }[] {
  return [
    { name: "status", label: "Status", anyOption: false, options: STATUS_OPTIONS },
    { name: "severity", label: "Severity", anyOption: true, options: SEVERITY_OPTIONS },
    { name: "rule", label: "Rule", anyOption: true, options: rules.map((r) => [r.id, `${r.id} · ${r.title}`] as const) },
    { name: "subjectKind", label: "Subject", anyOption: true, options: Object.entries(SUBJECT_KIND_LABELS) },
    { name: "teamId", label: "Team", anyOption: true, options: teams.map((t) => [t.id, t.name] as const) },
    { name: "assignee", label: "Assignee", anyOption: true, options: [["me", "Assigned to me"], ["none", "Unassigned"]] },
    { name: "overdue", label: "Due", anyOption: true, options: [["true", "Overdue"], ["false", "Not overdue"]] },
    { name: "age", label: "Age", anyOption: true, options: FINDING_AGES.map((a) => [a, FINDING_AGE_LABELS[a]] as const) },
  ];
}

/**
 * The filters live in the URL: Apply navigates, the server page loads the new view, and the transition keeps the
 * current one on screen until it arrives. A new filter always starts again from the first page.
 */
export function FindingFiltersForm({ value, choices }: { value: FindingFilters; choices: FilterChoices }) {
  const router = useRouter();
  const [busy, startTransition] = useTransition();
  const go = (filters: FindingFilters) => startTransition(() => router.push(findingsHref(filters), { scroll: false }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next: FindingFilters = {};
    for (const name of FILTER_PARAMS) {
      const v = String(form.get(name) ?? "").trim();
      if (v && name !== "cursor") next[name] = v;
    }
    go(next);
  }

  return (
    <form
      key={JSON.stringify(value)}
      onSubmit={submit}
      role="search"
      aria-label="Filter findings"
      aria-busy={busy}
      className="mb-4 grid gap-3 rounded-lg border border-zinc-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4"
    >
      {selects(choices).map((spec) => (
        <FilterSelect key={spec.name} spec={spec} defaultValue={value[spec.name] ?? ""} />
      ))}
      <OneSubjectNote value={value} busy={busy} onClear={() => go({ ...value, credentialId: undefined, subjectId: undefined, cursor: undefined })} />
      <Field label="Search" hint="Rule, subject or reason.">
        {({ id, describedBy }) => <Input id={id} name="q" type="search" maxLength={200} defaultValue={value.q} aria-describedby={describedBy} />}
      </Field>
      <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-3">
        <Button type="submit" disabled={busy}>
          {busy ? "Loading…" : "Apply"}
        </Button>
        <Button variant="ghost" disabled={busy} onClick={() => go({})}>
          Reset
        </Button>
      </div>
    </form>
  );
}

/**
 * Set from a credential's, an event's or a corpus's page: that one subject's findings (a credential's with its events').
 * Kept by Apply as hidden fields; "Show all" drops it and keeps the other filters.
 */
function OneSubjectNote({ value, busy, onClear }: { value: FindingFilters; busy: boolean; onClear: () => void }) {
  if (!value.credentialId && !value.subjectId) return null;
  const kind = value.subjectKind as keyof typeof SUBJECT_KIND_LABELS | undefined;
  return (
    <div className="flex items-end gap-2 text-sm text-zinc-700 sm:col-span-2 lg:col-span-4" data-testid="one-subject-filter">
      {value.credentialId ? <input type="hidden" name="credentialId" value={value.credentialId} /> : null}
      {value.subjectId ? <input type="hidden" name="subjectId" value={value.subjectId} /> : null}
      <span>
        {value.credentialId ? (
          <>
            Only the findings of{" "}
            <Link href={`/credentials/${encodeURIComponent(value.credentialId)}`} className="font-medium wrap-anywhere text-accent-700 hover:underline">
              one credential
            </Link>{" "}
            and its activity events.
          </>
        ) : (
          `Only the findings of one ${kind ? SUBJECT_KIND_LABELS[kind].toLowerCase() : "subject"} (id ${value.subjectId}).`
        )}
      </span>
      <Button variant="ghost" size="sm" disabled={busy} onClick={onClear}>
        Show all
      </Button>
    </div>
  );
}
