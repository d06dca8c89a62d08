"use client";

import { useRouter } from "next/navigation";
import { useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { toSearch } from "@/lib/client/api";

type AsOfFormProps = {
  /** The page to reload with the new instant. */
  path: string;
  /** The applied instant (ISO, UTC); undefined = now. */
  value: string | undefined;
  /** Other params of the view that survive a new instant (framework, population filters). */
  keep?: Record<string, string | undefined>;
};

/** "2020-01-01T00:00" typed in UTC becomes 2020-01-01T00:00:00.000Z; empty means now. */
function toIso(local: string): string | undefined {
  if (!local) return undefined;
  const date = new Date(`${local}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * The instant the posture describes, in UTC like every time on screen, so an auditor reproduces the answer
 * Leash gave on any past day. Uncontrolled and keyed on the applied value: only Apply reloads.
 */
export function AsOfForm({ path, value, keep = {} }: AsOfFormProps) {
  const router = useRouter();
  const [busy, startTransition] = useTransition();
  const go = (asOf: string | undefined) => startTransition(() => router.push(`${path}${toSearch({ ...keep, as_of: asOf })}`, { scroll: false }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    go(toIso(String(new FormData(event.currentTarget).get("as_of") ?? "")));
  }

  return (
    <form key={value ?? "now"} onSubmit={submit} aria-label="Posture as of" aria-busy={busy} className="mb-4 flex flex-wrap items-end gap-2">
      <Field label="As of (UTC)" hint="Empty = now." className="w-64">
        {({ id, describedBy }) => (
          <Input id={id} name="as_of" type="datetime-local" step={1} aria-describedby={describedBy} defaultValue={value ? value.slice(0, 19) : ""} />
        )}
      </Field>
      <div className="flex gap-2 pb-5">
        <Button type="submit" disabled={busy}>
          {busy ? "Loading…" : "Apply"}
        </Button>
        {value ? (
          <Button variant="ghost" disabled={busy} onClick={() => go(undefined)}>
            Back to now
          </Button>
        ) : null}
      </div>
    </form>
  );
}
