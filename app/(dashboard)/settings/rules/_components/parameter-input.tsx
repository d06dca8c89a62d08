"use client";

import { Input } from "@/components/ui/input";
import { displayValue, parameterLabel, type DraftValue, type ParameterKind } from "../_lib/parameter-draft";

type ParameterInputProps = {
  ruleId: string;
  name: string;
  kind: ParameterKind;
  value: DraftValue;
  defaultValue: unknown;
  error: string | undefined;
  editable: boolean;
  onChange: (value: DraftValue) => void;
};

function shown(value: unknown): string {
  const text = displayValue(value);
  return typeof text === "boolean" ? (text ? "yes" : "no") : text || "(none)";
}

/** One parameter: typed input (or its value, read-only), the default beside it, and the server's error under it. */
export function ParameterInput({ ruleId, name, kind, value, defaultValue, error, editable, onChange }: ParameterInputProps) {
  const id = `param-${ruleId}-${name}`;
  const label = parameterLabel(name);
  const describedBy = [`${id}-default`, error ? `${id}-error` : null].filter(Boolean).join(" ");
  const defaultHint = (
    <span id={`${id}-default`} className="text-xs text-zinc-500">
      default {shown(defaultValue)}
    </span>
  );

  if (!editable) {
    return (
      <div className="flex flex-wrap items-baseline gap-x-2 text-sm">
        <span className="text-zinc-600">{label}:</span>
        <span className="font-medium text-zinc-900 tabular-nums" data-testid={id}>
          {typeof value === "boolean" ? (value ? "yes" : "no") : value || "(none)"}
        </span>
        {defaultHint}
      </div>
    );
  }

  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        {kind === "boolean" ? (
          <label htmlFor={id} className="flex items-center gap-2 text-sm font-medium text-zinc-800">
            <input
              id={id}
              type="checkbox"
              className="size-4 rounded border-zinc-300 accent-accent-600"
              checked={value === true}
              aria-describedby={describedBy}
              aria-invalid={error ? true : undefined}
              onChange={(e) => onChange(e.target.checked)}
            />
            {label}
          </label>
        ) : (
          <>
            <label htmlFor={id} className="text-sm font-medium text-zinc-800">
              {label}
            </label>
            <Input
              id={id}
              type={kind === "number" ? "number" : "text"}
              inputMode={kind === "number" ? "decimal" : undefined}
              step={kind === "number" ? "any" : undefined}
              className={kind === "number" ? "w-28 tabular-nums" : kind === "list" ? "min-w-64 flex-1 font-mono text-xs" : "min-w-64 flex-1"}
              value={String(value)}
              placeholder={kind === "list" ? "comma-separated" : undefined}
              aria-describedby={describedBy}
              aria-invalid={error ? true : undefined}
              onChange={(e) => onChange(e.target.value)}
            />
          </>
        )}
        {defaultHint}
      </div>
      {error ? (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
