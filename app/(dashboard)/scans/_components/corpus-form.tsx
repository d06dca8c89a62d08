"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Checkbox } from "@/components/ui/checkbox";
import { FormActions } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { errorMessage } from "@/lib/client/api";
import { checkForm, serverFieldErrors, type FieldErrors } from "@/lib/client/form";
import { corpusCreateSchema, corpusKinds, type CorpusCreateInput, type CorpusDto } from "@/lib/domain/scan";
import { CORPUS_KIND_LABELS } from "./badges";

type CorpusFormProps = {
  initial?: CorpusDto;
  teams: { id: string; name: string }[];
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (input: CorpusCreateInput) => void;
  onCancel: () => void;
};

/** Create and edit share one form and one schema; readers are typed as a comma-separated list. */
export function CorpusForm({ initial, teams, submitLabel, pending, error, onSubmit, onCancel }: CorpusFormProps) {
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...serverFieldErrors(error), ...clientErrors };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const readers = String(form.get("readers") ?? "")
      .split(",")
      .map((r) => r.trim())
      .filter(Boolean);
    const parsed = checkForm(corpusCreateSchema, {
      name: form.get("name"),
      kind: form.get("kind"),
      agentReadable: form.get("agentReadable") === "on",
      readers,
      teamId: String(form.get("teamId") ?? "") || null,
    });
    if (!parsed.success) return setClientErrors(parsed.fields);
    setClientErrors({});
    onSubmit(parsed.data);
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {error ? <Alert tone="danger">{errorMessage(error)}</Alert> : null}
      <Field label="Name" error={errors.name} hint="As you will pass it to leash scan --corpus, e.g. “eng-wiki” or “slack-export”.">
        {({ id, describedBy, invalid }) => (
          <Input id={id} name="name" defaultValue={initial?.name} autoComplete="off" required aria-describedby={describedBy} aria-invalid={invalid || undefined} />
        )}
      </Field>
      <Field label="Kind" error={errors.kind}>
        {({ id, describedBy, invalid }) => (
          <Select id={id} name="kind" defaultValue={initial?.kind ?? "docs_export"} aria-describedby={describedBy} aria-invalid={invalid || undefined}>
            {corpusKinds.map((kind) => (
              <option key={kind} value={kind}>
                {CORPUS_KIND_LABELS[kind]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Checkbox
        name="agentReadable"
        defaultChecked={initial?.agentReadable ?? false}
        label="Agents can read this corpus"
        hint="Coding assistants, RAG indexes or chat bots read it: any secret here is exposed to them."
      />
      <Field label="Readers" error={errors.readers} hint="Which agents or tools read it, separated by commas (e.g. Claude Code, Glean).">
        {({ id, describedBy, invalid }) => (
          <Input id={id} name="readers" defaultValue={initial?.readers.join(", ")} autoComplete="off" aria-describedby={describedBy} aria-invalid={invalid || undefined} />
        )}
      </Field>
      <Field label="Owning team" error={errors.teamId} hint="Engineers of the owning team see this corpus's exposures.">
        {({ id, describedBy }) => (
          <Select id={id} name="teamId" defaultValue={initial?.team?.id ?? ""} aria-describedby={describedBy}>
            <option value="">No team (shared)</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <FormActions onCancel={onCancel} pending={pending} label={submitLabel} pendingLabel="Saving…" />
    </form>
  );
}
