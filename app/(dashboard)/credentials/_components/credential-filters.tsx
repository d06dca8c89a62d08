"use client";

import Link from "next/link";
import type { FormEvent, ReactNode } from "react";
import { LinkedFilter } from "@/components/linked-filter";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { CREDENTIAL_KINDS, CREDENTIAL_STATUSES, KNOWN_PROVIDERS, PRINCIPAL_TYPES, STORAGE_KINDS } from "@/lib/domain/credential";
import { FILTER_PARAMS, type ListParam, type ListParams } from "../_lib/list-params";

type Option = readonly [value: string, label: string];
const same = (values: readonly string[]): Option[] => values.map((v) => [v, v.replaceAll("_", " ")] as const);

const yesNo: Option[] = [["true", "yes"], ["false", "no"]];

type FilterSpec = { name: ListParam; label: string; options: Option[] };

function selectSpecs(teams: { id: string; name: string }[]): FilterSpec[] {
  return [
    { name: "provider", label: "Provider", options: same(KNOWN_PROVIDERS) },
    { name: "kind", label: "Kind", options: same(CREDENTIAL_KINDS) },
    {
      name: "environment",
      label: "Environment",
      options: [["production", "production"], ["staging", "staging"], ["development", "development"], ["*", "everywhere (*)"], ["untagged", "untagged"]],
    },
    { name: "agentAccessible", label: "Agent-accessible", options: [["true", "yes"], ["false", "no"], ["unknown", "not stated"]] },
    { name: "principalType", label: "Principal type", options: [...same(PRINCIPAL_TYPES), ["unknown", "not stated"]] },
    { name: "teamId", label: "Team", options: teams.map((t) => [t.id, t.name] as const) },
    { name: "storage", label: "Storage", options: same(STORAGE_KINDS) },
    { name: "status", label: "Status", options: [...same(CREDENTIAL_STATUSES), ["unknown", "not stated"]] },
    { name: "noExpiry", label: "Never expires", options: yesNo },
    { name: "missingFromSource", label: "Missing from source", options: yesNo },
  ];
}

const LINKED_PARAMS = ["createdByImport", "updatedByImport", "unchangedByImport", "markedMissingByImport", "listedByImport", "sourceId"] as const satisfies readonly ListParam[];
type LinkedParam = (typeof LINKED_PARAMS)[number];

function linkedFilterText(name: LinkedParam, value: string, sourceName: string | undefined): ReactNode {
  const run = (
    <Link href={`/credentials/imports/${value}`} className="font-medium text-accent-700 hover:underline">
      an import run
    </Link>
  );
  if (name === "createdByImport") return <>Only the credentials created by {run}</>;
  if (name === "updatedByImport") return <>Only the credentials updated by {run}</>;
  if (name === "unchangedByImport") return <>Only the credentials {run} listed unchanged</>;
  if (name === "markedMissingByImport") return <>Only the credentials {run} marked missing from its source</>;
  if (name === "listedByImport") return <>Only the credentials listed in the file of {run}</>;
  return <>Only the credentials from {sourceName ? <strong>{sourceName}</strong> : "one source"}</>;
}

type CredentialFiltersProps = {
  value: ListParams;
  teams: { id: string; name: string }[];
  /** The name of the source a `sourceId` link narrows to, when a row shows it. */
  sourceName: string | undefined;
  onApply: (changes: ListParams) => void;
  busy: boolean;
};

/**
 * Uncontrolled inputs keyed on the applied view: typing is free and only Apply (or Enter) loads a page, so a
 * 100k-row inventory is not queried per keystroke.
 */
export function CredentialFilters({ value, teams, sourceName, onApply, busy }: CredentialFiltersProps) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const changes: ListParams = {};
    for (const name of FILTER_PARAMS) changes[name] = String(form.get(name) ?? "").trim() || undefined;
    onApply(changes);
  }

  const reset = () => onApply(Object.fromEntries(FILTER_PARAMS.map((name) => [name, undefined])));
  const linked = LINKED_PARAMS.flatMap((name) => {
    const linkedValue = value[name];
    return linkedValue ? [{ name, value: linkedValue }] : [];
  });

  return (
    <form
      key={JSON.stringify(value)}
      onSubmit={submit}
      role="search"
      aria-label="Filter credentials"
      className="mb-4 grid gap-3 rounded-lg border border-zinc-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4 xl:grid-cols-6"
    >
      {linked.length ? (
        <div className="space-y-1 sm:col-span-2 lg:col-span-4 xl:col-span-6">
          {linked.map((filter) => (
            <LinkedFilter key={filter.name} name={filter.name} value={filter.value} onRemove={() => onApply({ [filter.name]: undefined })}>
              {linkedFilterText(filter.name, filter.value, sourceName)}
            </LinkedFilter>
          ))}
        </div>
      ) : null}
      <Field label="Search" className="sm:col-span-2">
        {({ id }) => <Input id={id} name="q" type="search" defaultValue={value.q} placeholder="name, principal, account, key id" />}
      </Field>
      {selectSpecs(teams).map((spec) => (
        <FilterSelect key={spec.name} spec={spec} value={value[spec.name]} />
      ))}
      <Field label="Expiring within (days)">
        {({ id }) => <Input id={id} name="expiringWithinDays" type="number" min={0} max={3650} defaultValue={value.expiringWithinDays} />}
      </Field>
      <div className="flex items-end gap-2">
        <Button type="submit" disabled={busy}>
          Apply
        </Button>
        <Button variant="ghost" onClick={reset} disabled={busy}>
          Reset
        </Button>
      </div>
    </form>
  );
}

function FilterSelect({ spec, value }: { spec: FilterSpec; value: string | undefined }): ReactNode {
  // A list filter from a shared link (a,b) still shows: as one extra option naming both values.
  const custom = value && !spec.options.some(([v]) => v === value) ? value : null;
  return (
    <Field label={spec.label}>
      {({ id }) => (
        <Select id={id} name={spec.name} defaultValue={value ?? ""}>
          <option value="">Any</option>
          {custom ? <option value={custom}>{custom.replaceAll(",", ", ")}</option> : null}
          {spec.options.map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}
