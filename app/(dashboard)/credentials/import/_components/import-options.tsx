"use client";

import { Checkbox } from "@/components/ui/checkbox";
import { Field, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

export type FormatOption = { name: string; description: string; fileTypes: string[] };
export type ImportChoice = { format: string; source: string; applyValid: boolean; fullSync: boolean };

type ImportOptionsProps = {
  formats: FormatOption[];
  choice: ImportChoice;
  file: File | null;
  errors: Record<string, string>;
  onChange: (next: Partial<ImportChoice>, file?: File | null) => void;
};

export function ImportOptions({ formats, choice, file, errors, onChange }: ImportOptionsProps) {
  const format = formats.find((f) => f.name === choice.format);
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Format" hint={format?.description} error={errors.format}>
          {({ id, describedBy }) => (
            <Select id={id} value={choice.format} aria-describedby={describedBy} onChange={(e) => onChange({ format: e.target.value })}>
              {formats.map((f) => (
                <option key={f.name} value={f.name}>
                  {f.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Source name" hint="Re-importing into the same source updates its credentials instead of adding copies. Defaults to the format name." error={errors.source}>
          {({ id, describedBy, invalid }) => (
            <Input
              id={id}
              value={choice.source}
              placeholder={choice.format}
              maxLength={120}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onChange={(e) => onChange({ source: e.target.value })}
            />
          )}
        </Field>
      </div>
      <Field label="File" hint={format ? `Accepted: ${format.fileTypes.join(", ")}` : undefined} error={errors.file}>
        {({ id, describedBy }) => (
          <input
            id={id}
            type="file"
            accept={format?.fileTypes.join(",")}
            aria-describedby={describedBy}
            onChange={(e) => onChange({}, e.target.files?.[0] ?? null)}
            className="block w-full text-sm text-zinc-700 file:mr-3 file:rounded-md file:border file:border-zinc-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium hover:file:bg-zinc-50"
          />
        )}
      </Field>
      {file ? <p className="text-xs text-zinc-600">Selected: {file.name} ({(file.size / 1024).toFixed(1)} KB)</p> : null}
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-zinc-800">Options</legend>
        <Checkbox
          label="Apply valid rows even if some are rejected"
          hint="Off: a file with any bad row imports nothing, and the report lists every bad row."
          checked={choice.applyValid}
          onChange={(e) => onChange({ applyValid: e.target.checked })}
        />
        <Checkbox
          label="Full import (mark credentials missing from this file)"
          hint="The file is the whole source: credentials of this source it no longer lists are flagged “missing from source” (none when a row is rejected: the file may still list them)."
          checked={choice.fullSync}
          onChange={(e) => onChange({ fullSync: e.target.checked })}
        />
      </fieldset>
    </>
  );
}
