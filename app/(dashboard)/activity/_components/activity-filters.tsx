"use client";

import { useRouter } from "next/navigation";
import { useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { actorTypes } from "@/lib/domain/activity-event";
import { activityHref, ENVIRONMENT_OPTIONS, type ActivityFilters } from "../_lib/filters";

type ActivityFiltersProps = { value: ActivityFilters; days: number };

/**
 * The filters live in the URL: Apply navigates, the server page loads the new view, and the transition keeps the
 * current one on screen until it arrives. Inputs are uncontrolled and keyed on the applied value.
 */
export function ActivityFiltersForm({ value, days }: ActivityFiltersProps) {
  const router = useRouter();
  const [busy, startTransition] = useTransition();
  const go = (filters: ActivityFilters) => startTransition(() => router.push(activityHref(filters, days), { scroll: false }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim() || undefined;
    const many = (name: string) => form.getAll(name).map(String).join(",") || undefined;
    go({
      q: text("q"),
      actorType: many("actorType"),
      agent: text("agent"),
      credential: text("credential"),
      environment: many("environment"),
      destructive: text("destructive"),
      flagged: text("flagged"),
      from: text("from"),
      to: text("to"),
    });
  }

  const actorSet = new Set(value.actorType?.split(",") ?? []);
  const envSet = new Set(value.environment?.split(",") ?? []);
  return (
    <form
      key={JSON.stringify(value)}
      onSubmit={submit}
      role="search"
      aria-label="Filter activity"
      aria-busy={busy}
      className="mb-6 space-y-3 rounded-lg border border-zinc-200 bg-white p-4"
    >
      {/* The three yes/no menus keep the width of their words ("Any"); the text fields share the rest. */}
      <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-[repeat(3,minmax(0,1fr))_auto]">
        <Field label="Search">
          {({ id }) => <Input id={id} name="q" defaultValue={value.q} placeholder="resource, actor or operation" />}
        </Field>
        <Field label="Agent">{({ id }) => <Input id={id} name="agent" defaultValue={value.agent} placeholder="e.g. Claude Code" />}</Field>
        <Field label="Credential" hint="A credential id, or “unlinked”.">
          {({ id, describedBy }) => (
            <Input id={id} name="credential" defaultValue={value.credential} aria-describedby={describedBy} placeholder="id or unlinked" />
          )}
        </Field>
        <div className="grid grid-cols-[repeat(3,minmax(6.5rem,1fr))] gap-3">
          <Field label="Destructive">
            {({ id }) => (
              <Select id={id} name="destructive" defaultValue={value.destructive ?? ""}>
                <option value="">Any</option>
                <option value="true">Yes</option>
                <option value="false">No</option>
              </Select>
            )}
          </Field>
          <Field label="Flagged">
            {({ id }) => (
              <Select id={id} name="flagged" defaultValue={value.flagged ?? ""}>
                <option value="">Any</option>
                <option value="true">Yes</option>
                <option value="false">No</option>
              </Select>
            )}
          </Field>
          <Field label="Unapproved">
            {({ id }) => (
              <Select id={id} name="unapproved" defaultValue={value.unapproved ?? ""} title="Agent destructive operations in production with no approval before them">
                <option value="">Any</option>
                <option value="true">Yes</option>
                <option value="false">No</option>
              </Select>
            )}
          </Field>
        </div>
      </div>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_10rem_10rem_auto]">
        <CheckboxGroup legend="Actor type" name="actorType" options={actorTypes} checked={actorSet} />
        <CheckboxGroup legend="Environment" name="environment" options={ENVIRONMENT_OPTIONS} checked={envSet} />
        <Field label="From (UTC)">{({ id }) => <Input id={id} name="from" type="date" defaultValue={value.from} />}</Field>
        <Field label="To (UTC)">{({ id }) => <Input id={id} name="to" type="date" defaultValue={value.to} />}</Field>
        <div className="flex items-end gap-2">
          <Button type="submit" disabled={busy}>
            {busy ? "Loading…" : "Apply"}
          </Button>
          <Button variant="ghost" onClick={() => go({})} disabled={busy}>
            Reset
          </Button>
        </div>
      </div>
    </form>
  );
}

function CheckboxGroup({ legend, name, options, checked }: { legend: string; name: string; options: readonly string[]; checked: Set<string> }) {
  return (
    <fieldset>
      <legend className="mb-1 block text-sm font-medium text-zinc-800">{legend}</legend>
      <div className="flex flex-wrap gap-x-3 gap-y-1">
        {options.map((option) => (
          <label key={option} className="flex items-center gap-1.5 text-sm text-zinc-700">
            <input type="checkbox" name={name} value={option} defaultChecked={checked.has(option)} className="size-4 accent-accent-600" />
            {option}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
