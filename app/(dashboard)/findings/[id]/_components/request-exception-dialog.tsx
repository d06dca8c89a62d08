"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Dialog, FormActions } from "@/components/ui/dialog";
import { controlClasses, Field, Input } from "@/components/ui/input";
import { errorMessage } from "@/lib/client/api";
import { checkForm, serverFieldErrors, type FieldErrors } from "@/lib/client/form";
import { exceptionRequestSchema, MAX_EXCEPTION_DAYS } from "@/lib/domain/posture";
import { expiryBounds, expiryIso } from "../../_lib/dates";
import { useRequestException } from "../../_components/use-finding-mutations";

type RequestExceptionDialogProps = { open: boolean; findingId: string; now: number; onClose: () => void; onRequested: () => void };

export function RequestExceptionDialog({ open, findingId, now, onClose, onRequested }: RequestExceptionDialogProps) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Request exception"
      description="Accept this risk for a limited time. An admin other than you must approve it; it lapses on its expiry day."
    >
      <RequestExceptionForm findingId={findingId} now={now} onCancel={onClose} onRequested={onRequested} />
    </Dialog>
  );
}

function RequestExceptionForm({ findingId, now, onCancel, onRequested }: { findingId: string; now: number; onCancel: () => void; onRequested: () => void }) {
  const request = useRequestException(findingId);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const bounds = expiryBounds(now);
  const errors = { ...serverFieldErrors(request.error), ...clientErrors };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const day = String(form.get("expiresOn") ?? "").trim();
    const found: FieldErrors = {};
    // The same checks as the server, so a mistake is shown at once and next to its field.
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) found.expiresAt = "Pick the day the exception lapses";
    else if (day < bounds.min) found.expiresAt = "Must be after today";
    else if (day > bounds.max) found.expiresAt = `At most ${MAX_EXCEPTION_DAYS} days from today (${bounds.max})`;
    const parsed = checkForm(exceptionRequestSchema, { justification: String(form.get("justification") ?? ""), expiresAt: day ? expiryIso(day) : "" });
    if (!parsed.success) Object.assign(found, { ...parsed.fields, ...found });
    setClientErrors(found);
    if (!parsed.success || Object.keys(found).length > 0) return;
    request.mutate(parsed.data, { onSuccess: onRequested });
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {request.isError ? <Alert tone="danger">{errorMessage(request.error)}</Alert> : null}
      <Field label="Justification" error={errors.justification} hint="What the risk is, why it is acceptable for now, and what will end it (at least 20 characters).">
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            name="justification"
            rows={5}
            maxLength={4000}
            className={controlClasses}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
          />
        )}
      </Field>
      <Field label="Expires on (UTC)" error={errors.expiresAt} hint={`The exception lapses at 00:00 UTC that day; at most ${MAX_EXCEPTION_DAYS} days from today.`}>
        {({ id, describedBy, invalid }) => (
          <Input
            id={id}
            name="expiresOn"
            type="date"
            min={bounds.min}
            max={bounds.max}
            defaultValue={bounds.fallback}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
          />
        )}
      </Field>
      <FormActions onCancel={onCancel} pending={request.isPending} label="Request exception" pendingLabel="Requesting…" />
    </form>
  );
}
