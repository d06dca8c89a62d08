"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Dialog, FormActions } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { environments } from "@/lib/domain/activity-event";
import { approvalChannels, approvalSchema, type Approval } from "@/lib/domain/approval";
import { api, errorMessage } from "@/lib/client/api";
import { checkForm, serverFieldErrors, type FieldErrors } from "@/lib/client/form";
import { approvalKeys, auditKeys, eventKeys } from "@/lib/client/query-keys";

/** The API's answer to one approval: `duplicate` when the same approval was recorded before (nothing new stored). */
export type RecordedApproval = Approval & { id: string; duplicate: boolean };

type RecordApprovalDialogProps = { open: boolean; onClose: () => void; onRecorded: (approval: RecordedApproval) => void };

export function RecordApprovalDialog({ open, onClose, onRecorded }: RecordApprovalDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} title="Record approval" description="An approval given outside Leash, with the reference to find it again." className="max-w-2xl">
      <RecordApprovalForm onCancel={onClose} onRecorded={onRecorded} />
    </Dialog>
  );
}

/** `datetime-local` has no zone; the form says UTC, so the value is read as UTC. */
function toUtcIso(local: string): string {
  return local ? `${local.length === 16 ? `${local}:00` : local}Z` : "";
}

function localUtc(date: Date): string {
  return date.toISOString().slice(0, 16);
}

function RecordApprovalForm({ onCancel, onRecorded }: { onCancel: () => void; onRecorded: (approval: RecordedApproval) => void }) {
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (input: Approval) => api.post<RecordedApproval>("/approvals", input),
    onSuccess: async (approval) => {
      onRecorded(approval);
      await Promise.all([approvalKeys.all, eventKeys.all, auditKeys.all].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
  });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [now] = useState(() => new Date());
  const errors = { ...serverFieldErrors(create.error), ...clientErrors };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const read = (name: string) => String(form.get(name) ?? "").trim();
    const values = {
      approver: read("approver"),
      requester: read("requester"),
      operation: read("operation"),
      resource: read("resource"),
      environment: read("environment"),
      approvedAt: toUtcIso(read("approvedAt")),
      expiresAt: toUtcIso(read("expiresAt")),
      reference: read("reference"),
      channel: read("channel"),
    };
    // An empty field reads "is required", as the server words it, rather than a length or format message.
    const parsed = checkForm(approvalSchema, values);
    if (!parsed.success) return setClientErrors(parsed.fields);
    setClientErrors({});
    create.mutate(parsed.data);
  }

  const text = (name: string, label: string, hint?: ReactNode, placeholder?: string) => (
    <Field label={label} error={errors[name]} hint={hint}>
      {({ id, describedBy, invalid }) => (
        <Input id={id} name={name} autoComplete="off" placeholder={placeholder} aria-describedby={describedBy} aria-invalid={invalid || undefined} />
      )}
    </Field>
  );

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {create.isError ? <Alert tone="danger">{errorMessage(create.error)}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        {text("requester", "Requester", "Who asked (usually the person the agent acts for).", "maya@pocketos.example")}
        {text("approver", "Approver", "Someone other than the requester.", "li@pocketos.example")}
        {text("operation", "Operation", "Normalized (delete), raw (volumeDelete) or a glob.", "delete")}
        {text("resource", "Resource", "A glob: * matches any run of characters.", "railway:volume/pocket-prod-*")}
        <Field label="Environment" error={errors.environment}>
          {({ id, describedBy }) => (
            <Select id={id} name="environment" defaultValue="production" aria-describedby={describedBy}>
              {environments.map((env) => (
                <option key={env} value={env}>
                  {env}
                </option>
              ))}
              <option value="*">any environment (*)</option>
            </Select>
          )}
        </Field>
        <Field label="Channel" error={errors.channel}>
          {({ id, describedBy }) => (
            <Select id={id} name="channel" defaultValue="slack" aria-describedby={describedBy}>
              {approvalChannels.map((channel) => (
                <option key={channel} value={channel}>
                  {channel}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <DateField name="approvedAt" label="Approved at (UTC)" error={errors.approvedAt} defaultValue={localUtc(now)} />
        <DateField name="expiresAt" label="Expires at (UTC)" error={errors.expiresAt} defaultValue={localUtc(new Date(now.getTime() + 4 * 3_600_000))} />
      </div>
      {text("reference", "Reference", "Slack permalink, PagerDuty incident or ticket id.", "CHG-1234")}
      <FormActions onCancel={onCancel} pending={create.isPending} label="Record approval" pendingLabel="Recording…" />
    </form>
  );
}

function DateField({ name, label, error, defaultValue }: { name: string; label: string; error?: string; defaultValue: string }) {
  return (
    <Field label={label} error={error}>
      {({ id, describedBy, invalid }) => (
        <Input id={id} name={name} type="datetime-local" defaultValue={defaultValue} aria-describedby={describedBy} aria-invalid={invalid || undefined} />
      )}
    </Field>
  );
}
