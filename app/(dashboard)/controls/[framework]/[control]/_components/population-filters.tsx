"use client";

import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { ControlDetailDto } from "@/lib/domain/posture";
import { RESULT_LABELS } from "@/components/control-status";
import type { PopulationParams } from "../../../_lib/params";

type PopulationFiltersProps = {
  rules: ControlDetailDto["rules"];
  value: PopulationParams;
  busy: boolean;
  onApply: (changes: PopulationParams) => void;
};

/** Result and rule narrow the population; the instant (as_of) stays as it is. Keyed on the applied view. */
export function PopulationFilters({ rules, value, busy, onApply }: PopulationFiltersProps) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    onApply({ result: String(form.get("result") ?? "") || undefined, rule: String(form.get("rule") ?? "") || undefined });
  }

  return (
    <form
      key={`${value.result ?? ""}/${value.rule ?? ""}`}
      onSubmit={submit}
      role="search"
      aria-label="Filter population"
      className="mb-3 flex flex-wrap items-end gap-3 rounded-lg border border-zinc-200 bg-white p-4"
    >
      <Field label="Result" className="w-44">
        {({ id }) => (
          <Select id={id} name="result" defaultValue={value.result ?? ""}>
            <option value="">Any</option>
            {Object.entries(RESULT_LABELS).map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Rule" className="w-72">
        {({ id }) => (
          <Select id={id} name="rule" defaultValue={value.rule ?? ""}>
            <option value="">Any</option>
            {rules.map((r) => (
              <option key={r.id} value={r.id}>
                {r.id} {r.title}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <div className="flex gap-2">
        <Button type="submit" disabled={busy}>
          Apply
        </Button>
        <Button variant="ghost" disabled={busy} onClick={() => onApply({})}>
          Reset
        </Button>
      </div>
    </form>
  );
}
