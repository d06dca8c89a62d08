"use client";

import { Checkbox } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/input";
import { errorFor, type FieldErrors } from "../_lib/parameter-draft";

type AgentRuntimesInputProps = {
  custom: boolean;
  text: string;
  errors: FieldErrors;
  editable: boolean;
  onChange: (next: { custom: boolean; text: string }) => void;
};

/** The runtimes attribution recognises in user agents and application names: an event from one is an agent's. */
export function AgentRuntimesInput({ custom, text, errors, editable, onChange }: AgentRuntimesInputProps) {
  return (
    <fieldset className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4">
      <legend className="px-1 text-sm font-semibold text-zinc-900">Agent runtimes (attribution at ingest)</legend>
      {editable ? (
        <Checkbox
          label="Replace the built-in list"
          hint="Unticked, Leash recognises its own list of coding agents, agent SDKs and automation frameworks, updated with Leash."
          checked={custom}
          onChange={(e) => onChange({ custom: e.target.checked, text })}
        />
      ) : (
        <p className="text-sm text-zinc-700">{custom ? "A custom list replaces the built-in one." : "The built-in list is in use."}</p>
      )}
      <Field label="Runtimes, one per line: token | name | kind" hint="Kinds: coding-agent, agent-sdk, automation, agent-service. Tokens match whole words, case-insensitively." error={errorFor(errors, "agentRuntimes")}>
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            rows={8}
            spellCheck={false}
            readOnly={!editable || !custom}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            className="w-full rounded-md border border-zinc-300 bg-white px-3 py-2 font-mono text-xs text-zinc-900 read-only:bg-zinc-50 read-only:text-zinc-600"
            value={text}
            onChange={(e) => onChange({ custom, text: e.target.value })}
          />
        )}
      </Field>
    </fieldset>
  );
}
