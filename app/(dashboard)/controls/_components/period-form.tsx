"use client";

import { useRouter } from "next/navigation";
import { useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { toSearch } from "@/lib/client/api";

/** The audit period in UTC days; Apply reloads the grid for it. */
export function PeriodForm({ framework, from, to }: { framework: string; from: string; to: string }) {
  const router = useRouter();
  const [busy, startTransition] = useTransition();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = { framework, from: String(form.get("from") ?? ""), to: String(form.get("to") ?? "") };
    startTransition(() => router.push(`/controls/period${toSearch(next)}`, { scroll: false }));
  }

  return (
    <form key={`${from}/${to}`} onSubmit={submit} aria-label="Audit period" aria-busy={busy} className="mb-4 flex flex-wrap items-end gap-3">
      <Field label="First day (UTC)" className="w-44">
        {({ id }) => <Input id={id} name="from" type="date" required defaultValue={from} />}
      </Field>
      <Field label="Last day (UTC)" className="w-44">
        {({ id }) => <Input id={id} name="to" type="date" required defaultValue={to} />}
      </Field>
      <Button type="submit" disabled={busy}>
        {busy ? "Loading…" : "Show period"}
      </Button>
    </form>
  );
}
