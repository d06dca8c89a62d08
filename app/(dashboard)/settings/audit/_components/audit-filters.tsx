"use client";

import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

export type AuditFilterValues = { action: string; actor: string; outcome: string; from: string; to: string };

export const emptyAuditFilters: AuditFilterValues = { action: "", actor: "", outcome: "", from: "", to: "" };

type AuditFiltersProps = { value: AuditFilterValues; onApply: (next: AuditFilterValues) => void };

/** Uncontrolled inputs keyed on the applied value: typing is free, and only Apply runs a query. */
export function AuditFilters({ value, onApply }: AuditFiltersProps) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const read = (name: keyof AuditFilterValues) => String(form.get(name) ?? "").trim();
    onApply({ action: read("action"), actor: read("actor"), outcome: read("outcome"), from: read("from"), to: read("to") });
  }

  return (
    <form
      key={JSON.stringify(value)}
      onSubmit={submit}
      role="search"
      aria-label="Filter audit log"
      className="mb-4 grid gap-3 rounded-lg border border-zinc-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_10rem_10rem_10rem_auto]"
    >
      <Field label="Action">
        {({ id }) => <Input id={id} name="action" defaultValue={value.action} placeholder="prefix, e.g. user. or auth.sign_in" />}
      </Field>
      <Field label="Actor">
        {({ id }) => <Input id={id} name="actor" defaultValue={value.actor} placeholder="email or token name" />}
      </Field>
      <Field label="Outcome">
        {({ id }) => (
          <Select id={id} name="outcome" defaultValue={value.outcome}>
            <option value="">Any</option>
            <option value="success">Success</option>
            <option value="failure">Failure</option>
            <option value="denied">Denied</option>
          </Select>
        )}
      </Field>
      <Field label="From (UTC)">{({ id }) => <Input id={id} name="from" type="date" defaultValue={value.from} />}</Field>
      <Field label="To (UTC)">{({ id }) => <Input id={id} name="to" type="date" defaultValue={value.to} />}</Field>
      <div className="flex items-end gap-2">
        <Button type="submit">Apply</Button>
        <Button variant="ghost" onClick={() => onApply(emptyAuditFilters)}>
          Reset
        </Button>
      </div>
    </form>
  );
}
