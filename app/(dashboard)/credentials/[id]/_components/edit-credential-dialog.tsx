"use client";

import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Dialog, FormActions } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { KNOWN_OPERATIONS, PRINCIPAL_TYPES, STORAGE_KINDS, type CredentialFieldName } from "@/lib/domain/credential";
import { credentialEditSchema, type CredentialDto } from "@/lib/domain/credential-query";
import { errorMessage } from "@/lib/client/api";
import { checkForm, serverFieldErrors, type FieldErrors } from "@/lib/client/form";
import { teamsQuery } from "@/lib/client/queries";
import { changesBetween, formFromFields, topLevelErrors, type EditForm } from "./edit-form";
import { EnvironmentsFieldset, ExpiryFieldset, OperationsFieldset } from "./edit-fieldsets";
import { useUpdateCredential } from "./use-credential-mutations";

type EditCredentialDialogProps = { credential: CredentialDto; onClose: () => void };

/** The server re-checks everything (team scope, values) and its field errors land next to the same inputs. */
export function EditCredentialDialog({ credential, onClose }: EditCredentialDialogProps) {
  const [initial] = useState(() => formFromFields(credential.fields, KNOWN_OPERATIONS));
  const [form, setForm] = useState<EditForm>(initial);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [nothing, setNothing] = useState(false);
  const update = useUpdateCredential(credential.id);
  // Not suspense: the dialog opens at once and the team list fills in (the current team is always an option).
  const teams = useQuery(teamsQuery()).data ?? [];
  const errors = { ...topLevelErrors(serverFieldErrors(update.error)), ...clientErrors };
  const set = (patch: Partial<EditForm>) => setForm((current) => ({ ...current, ...patch }));
  const teamNames = [...new Set([...(form.team ? [form.team] : []), ...teams.map((t) => t.name)])];
  // Fields the source alone sets (a Leash API token's) are not offered: the server would refuse the edit.
  const open = (field: CredentialFieldName) => !credential.lockedFields.includes(field);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const changes = changesBetween(initial, form);
    if (Object.keys(changes).length === 0) return setNothing(true);
    setNothing(false);
    const parsed = checkForm(credentialEditSchema, changes);
    if (!parsed.success) return setClientErrors(parsed.fields);
    setClientErrors({});
    update.mutate(parsed.data, { onSuccess: onClose });
  }

  return (
    <Dialog open onClose={onClose} title="Edit credential" description="Each saved edit becomes a new version and an audit entry." className="max-w-2xl">
      <form onSubmit={submit} className="space-y-4" noValidate>
        {update.isError ? <Alert tone="danger">{errorMessage(update.error)}</Alert> : null}
        {nothing ? <Alert>Nothing changed.</Alert> : null}
        {credential.lockedFields.length > 0 ? (
          <p className="text-sm text-zinc-600">
            Its owner, operations, expiry and principal come from {credential.source.name} and change only there.
          </p>
        ) : null}
        <EnvironmentsFieldset form={form} set={set} error={errors.environments} />
        <Field label="Agent-accessible" error={errors.agent_accessible} hint="Can an AI agent read or use this credential?">
          {({ id, describedBy, invalid }) => (
            <Select id={id} value={form.agent} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => set({ agent: e.target.value as EditForm["agent"] })}>
              {initial.agent === "" ? <option value="">not stated</option> : null}
              <option value="true">yes</option>
              <option value="false">no</option>
            </Select>
          )}
        </Field>
        {open("allowed_operations") ? <OperationsFieldset form={form} set={set} error={errors.allowed_operations} /> : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Team" error={errors.team}>
            {({ id, describedBy, invalid }) => (
              <Select id={id} value={form.team} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => set({ team: e.target.value })}>
                {form.team === "" ? <option value="">not stated</option> : null}
                {teamNames.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          {open("owner_email") ? (
            <Field label="Owner email" error={errors.owner_email}>
              {({ id, describedBy, invalid }) => (
                <Input id={id} type="email" value={form.owner} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => set({ owner: e.target.value })} />
              )}
            </Field>
          ) : null}
          {open("expires_at") ? <ExpiryFieldset form={form} set={set} error={errors.expires_at} /> : null}
          <EnumSelect label="Storage" value={form.storage} options={STORAGE_KINDS} error={errors.storage} onChange={(storage) => set({ storage })} />
          {open("principal_type") ? (
            <EnumSelect label="Principal type" value={form.principalType} options={PRINCIPAL_TYPES} error={errors.principal_type} onChange={(principalType) => set({ principalType })} />
          ) : null}
        </div>
        <FormActions onCancel={onClose} pending={update.isPending} label="Save changes" pendingLabel="Saving…" />
      </form>
    </Dialog>
  );
}

type EnumSelectProps = { label: string; value: string; options: readonly string[]; error?: string; onChange: (value: string) => void };

function EnumSelect({ label, value, options, error, onChange }: EnumSelectProps) {
  return (
    <Field label={label} error={error}>
      {({ id, describedBy, invalid }) => (
        <Select id={id} value={value} aria-describedby={describedBy} aria-invalid={invalid || undefined} onChange={(e) => onChange(e.target.value)}>
          {value === "" ? <option value="">not stated</option> : null}
          {options.map((option) => (
            <option key={option} value={option}>
              {option.replaceAll("_", " ")}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}
