"use client";

import { Field, Input } from "@/components/ui/input";
import { SEVERITIES, type Severity } from "@/lib/rules";
import { errorFor, type FieldErrors } from "../_lib/parameter-draft";

type SlaInputsProps = {
  values: Record<Severity, string>;
  errors: FieldErrors;
  editable: boolean;
  onChange: (severity: Severity, value: string) => void;
};

/** Days from first detection until a finding of each severity is overdue. */
export function SlaInputs({ values, errors, editable, onChange }: SlaInputsProps) {
  return (
    <fieldset className="rounded-lg border border-zinc-200 bg-white p-4">
      <legend className="px-1 text-sm font-semibold text-zinc-900">Finding SLAs (days until overdue)</legend>
      <div className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        {SEVERITIES.map((severity) => (
          <Field key={severity} label={severity.charAt(0).toUpperCase() + severity.slice(1)} error={errorFor(errors, `slas.${severity}`)}>
            {({ id, describedBy, invalid }) =>
              editable ? (
                <Input
                  id={id}
                  type="number"
                  min={1}
                  max={365}
                  step={1}
                  className="tabular-nums"
                  value={values[severity]}
                  aria-describedby={describedBy}
                  aria-invalid={invalid || undefined}
                  onChange={(e) => onChange(severity, e.target.value)}
                />
              ) : (
                <p id={id} className="text-sm font-medium text-zinc-900 tabular-nums">
                  {values[severity]} {values[severity] === "1" ? "day" : "days"}
                </p>
              )
            }
          </Field>
        ))}
      </div>
    </fieldset>
  );
}
