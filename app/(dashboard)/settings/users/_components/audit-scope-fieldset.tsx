"use client";

import { useId } from "react";
import { Checkbox } from "@/components/ui/checkbox";
import { Field, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { AuditScope } from "@/lib/domain/audit-scope";
import type { FieldErrors } from "@/lib/client/form";
import { DEFAULT_FRAMEWORK, defaultPeriod, FRAMEWORK_IDS, frameworkLabel } from "../../../controls/_lib/params";

/** The form's copy of a scope: kept while unticked, so ticking again restores what the admin had typed. */
export type AuditScopeDraft = { limited: boolean; framework: string; from: string; to: string };

export function auditScopeDraft(scope: AuditScope | null): AuditScopeDraft {
  return scope ? { limited: true, ...scope } : { limited: false, framework: DEFAULT_FRAMEWORK, from: "", to: "" };
}

/** What the API receives: the scope, or null for "sees everything". */
export function draftToScope(draft: AuditScopeDraft): AuditScope | null {
  return draft.limited ? { framework: draft.framework, from: draft.from, to: draft.to } : null;
}

export function sameScope(a: AuditScope | null, b: AuditScope | null): boolean {
  return a === null || b === null ? a === b : a.framework === b.framework && a.from === b.from && a.to === b.to;
}

type AuditScopeFieldsetProps = {
  value: AuditScopeDraft;
  onChange: (draft: AuditScopeDraft) => void;
  errors: FieldErrors;
};

/** Shown for the auditor role only: one framework and a window of whole UTC days, both ends included. */
export function AuditScopeFieldset({ value, onChange, errors }: AuditScopeFieldsetProps) {
  const errorId = useId();
  const fieldErrors = {
    framework: errors["auditScope.framework"],
    from: errors["auditScope.from"],
    to: errors["auditScope.to"],
  };
  // A nested error already shows next to its input; the whole-scope one ("only for the auditor role") shows here.
  const scopeError = Object.values(fieldErrors).some(Boolean) ? undefined : errors.auditScope;

  function setLimited(limited: boolean) {
    // Prefill an empty window with the last 30 days, so ticking the box alone gives a valid scope to adjust.
    const period = value.from || value.to ? { from: value.from, to: value.to } : defaultPeriod();
    onChange(limited ? { ...value, ...period, limited } : { ...value, limited });
  }

  return (
    <fieldset className="space-y-3 rounded-md border border-zinc-200 p-3" aria-describedby={scopeError ? errorId : undefined}>
      <legend className="px-1 text-sm font-medium text-zinc-800">Audit scope</legend>
      <Checkbox
        label="Limit to one framework and audit window"
        hint={
          value.limited
            ? "This auditor sees and exports only this framework, and only as of days inside the window."
            : "Unlimited: this auditor sees every framework and all history."
        }
        checked={value.limited}
        onChange={(event) => setLimited(event.target.checked)}
      />
      {value.limited ? (
        <>
          <Field label="Framework" error={fieldErrors.framework}>
            {({ id, describedBy, invalid }) => (
              <Select
                id={id}
                value={value.framework}
                onChange={(event) => onChange({ ...value, framework: event.target.value })}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
              >
                {FRAMEWORK_IDS.map((framework) => (
                  <option key={framework} value={framework}>
                    {frameworkLabel(framework)}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <div className="grid grid-cols-2 gap-3">
            <Field label="First day (UTC)" error={fieldErrors.from}>
              {({ id, describedBy, invalid }) => (
                <Input
                  id={id}
                  type="date"
                  value={value.from}
                  onChange={(event) => onChange({ ...value, from: event.target.value })}
                  aria-describedby={describedBy}
                  aria-invalid={invalid || undefined}
                />
              )}
            </Field>
            <Field label="Last day (UTC)" error={fieldErrors.to}>
              {({ id, describedBy, invalid }) => (
                <Input
                  id={id}
                  type="date"
                  value={value.to}
                  onChange={(event) => onChange({ ...value, to: event.target.value })}
                  aria-describedby={describedBy}
                  aria-invalid={invalid || undefined}
                />
              )}
            </Field>
          </div>
        </>
      ) : null}
      {scopeError ? (
        <p id={errorId} className="text-xs font-medium text-red-700">
          {scopeError}
        </p>
      ) : null}
    </fieldset>
  );
}
