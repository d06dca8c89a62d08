"use client";

import { Checkbox } from "@/components/ui/checkbox";
import { Field, Input } from "@/components/ui/input";
import { KNOWN_OPERATIONS } from "@/lib/domain/credential";
import type { EditForm } from "./edit-form";

type FieldsetProps = { form: EditForm; set: (patch: Partial<EditForm>) => void; error?: string };

function Errors({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={id} className="mt-1 text-xs font-medium text-red-700">
      {error}
    </p>
  ) : null;
}

export function EnvironmentsFieldset({ form, set, error }: FieldsetProps) {
  const toggle = (env: string, on: boolean) => set({ envs: on ? [...form.envs, env] : form.envs.filter((e) => e !== env) });
  return (
    <fieldset aria-describedby={error ? "env-error" : undefined} aria-invalid={error ? true : undefined}>
      <legend className="text-sm font-medium text-zinc-800">Environments</legend>
      <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {["production", "staging", "development"].map((env) => (
          <Checkbox key={env} label={env} disabled={form.everywhere} checked={!form.everywhere && form.envs.includes(env)} onChange={(e) => toggle(env, e.target.checked)} />
        ))}
        <Checkbox label="everywhere (*)" checked={form.everywhere} onChange={(e) => set({ everywhere: e.target.checked })} />
      </div>
      <p className="mt-1 text-xs text-zinc-500">None ticked = untagged. Agent-usable credentials should work in one environment only (R08).</p>
      <Errors id="env-error" error={error} />
    </fieldset>
  );
}

export function OperationsFieldset({ form, set, error }: FieldsetProps) {
  const toggle = (op: string, on: boolean) => set({ ops: on ? [...form.ops, op] : form.ops.filter((o) => o !== op) });
  return (
    <fieldset aria-describedby={error ? "ops-error" : undefined}>
      <legend className="text-sm font-medium text-zinc-800">Allowed operations</legend>
      <Checkbox
        className="mt-1"
        label="Unrestricted"
        hint="Every operation, destructive ones included (R09, R10)."
        checked={form.unrestricted}
        onChange={(e) => set({ unrestricted: e.target.checked })}
      />
      <div className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
        {KNOWN_OPERATIONS.map((op) => (
          <Checkbox key={op} label={op} disabled={form.unrestricted} checked={!form.unrestricted && form.ops.includes(op)} onChange={(e) => toggle(op, e.target.checked)} />
        ))}
      </div>
      <Field label="Other operations" hint="Comma-separated lowercase names, e.g. s3:getobject" className="mt-2">
        {({ id, describedBy }) => (
          <Input id={id} value={form.otherOps} disabled={form.unrestricted} aria-describedby={describedBy} onChange={(e) => set({ otherOps: e.target.value })} />
        )}
      </Field>
      <Errors id="ops-error" error={error} />
    </fieldset>
  );
}

export function ExpiryFieldset({ form, set, error }: FieldsetProps) {
  return (
    <div>
      <Field label="Expires at (UTC)" error={error}>
        {({ id, describedBy, invalid }) => (
          <Input
            id={id}
            type="datetime-local"
            value={form.expires}
            disabled={form.never}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onChange={(e) => set({ expires: e.target.value })}
          />
        )}
      </Field>
      <Checkbox className="mt-1" label="Never expires" checked={form.never} onChange={(e) => set({ never: e.target.checked })} />
    </div>
  );
}
