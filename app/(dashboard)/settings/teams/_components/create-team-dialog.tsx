"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Dialog, FormActions } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import { teamCreateSchema, type TeamCreateInput, type TeamDto } from "@/lib/domain/identity";
import { api, errorMessage } from "@/lib/client/api";
import { checkForm, serverFieldErrors, type FieldErrors } from "@/lib/client/form";
import { auditKeys, teamKeys } from "@/lib/client/query-keys";

export function CreateTeamDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Create team">
      <CreateTeamForm onDone={onClose} />
    </Dialog>
  );
}

function CreateTeamForm({ onDone }: { onDone: () => void }) {
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (input: TeamCreateInput) => api.post<TeamDto>("/teams", input),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: teamKeys.all }),
        queryClient.invalidateQueries({ queryKey: auditKeys.all }),
      ]);
      onDone();
    },
  });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...serverFieldErrors(create.error), ...clientErrors };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = checkForm(teamCreateSchema, { name: new FormData(event.currentTarget).get("name") });
    if (!parsed.success) return setClientErrors(parsed.fields);
    setClientErrors({});
    create.mutate(parsed.data);
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {create.isError ? <Alert tone="danger">{errorMessage(create.error)}</Alert> : null}
      <Field label="Team name" error={errors.name} hint="For example “Payments” or “Platform”. Shown to engineers and in evidence.">
        {({ id, describedBy, invalid }) => (
          <Input id={id} name="name" autoComplete="off" required aria-describedby={describedBy} aria-invalid={invalid || undefined} />
        )}
      </Field>
      <FormActions onCancel={onDone} pending={create.isPending} label="Create team" pendingLabel="Creating…" />
    </form>
  );
}
