"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, FormActions } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import {
  MAX_TOKEN_DAYS,
  tokenCreateSchema,
  tokenScopes,
  type CreatedTokenDto,
  type TokenCreateInput,
  type TokenScope,
} from "@/lib/domain/identity";
import { api, errorMessage } from "@/lib/client/api";
import { checkForm, serverFieldErrors, type FieldErrors } from "@/lib/client/form";
import { usersQuery } from "@/lib/client/queries";
import { auditKeys, tokenKeys } from "@/lib/client/query-keys";

const scopeHints: Record<TokenScope, string> = {
  read: "Read posture, credentials, findings, users and the audit log",
  ingest: "Send inventory, scan results and activity logs",
  evidence: "Build and download evidence packages",
  admin: "Everything the acting user's role allows, including changes",
};

type CreateTokenDialogProps = { open: boolean; onClose: () => void; onCreated: (token: CreatedTokenDto) => void };

export function CreateTokenDialog({ open, onClose, onCreated }: CreateTokenDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} title="Create API token" description="Give it the fewest scopes and the shortest life that will do.">
      <CreateTokenForm onCancel={onClose} onCreated={onCreated} />
    </Dialog>
  );
}

function CreateTokenForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (token: CreatedTokenDto) => void }) {
  const { data: users } = useSuspenseQuery(usersQuery());
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (input: TokenCreateInput) => api.post<CreatedTokenDto>("/tokens", input),
    onSuccess: async (token) => {
      onCreated(token);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
        queryClient.invalidateQueries({ queryKey: auditKeys.all }),
      ]);
    },
  });
  const [scopes, setScopes] = useState<TokenScope[]>(["read"]);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...serverFieldErrors(create.error), ...clientErrors };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const userId = String(form.get("userId") ?? "");
    const parsed = checkForm(tokenCreateSchema, {
      name: form.get("name"),
      scopes,
      expiresInDays: Number(form.get("expiresInDays")),
      userId: userId || undefined,
    });
    if (!parsed.success) return setClientErrors(parsed.fields);
    setClientErrors({});
    create.mutate(parsed.data);
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {create.isError ? <Alert tone="danger">{errorMessage(create.error)}</Alert> : null}
      <Field label="Name" error={errors.name} hint="What uses it, e.g. “CI secret scan” or “CloudTrail shipper”.">
        {({ id, describedBy, invalid }) => (
          <Input id={id} name="name" autoComplete="off" required aria-describedby={describedBy} aria-invalid={invalid || undefined} />
        )}
      </Field>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-zinc-800">Scopes</legend>
        {tokenScopes.map((scope) => (
          <Checkbox
            key={scope}
            name="scopes"
            value={scope}
            label={scope}
            hint={scopeHints[scope]}
            checked={scopes.includes(scope)}
            onChange={(event) => setScopes(event.target.checked ? [...scopes, scope] : scopes.filter((s) => s !== scope))}
          />
        ))}
        {errors.scopes ? <p className="text-xs font-medium text-red-700">{errors.scopes}</p> : null}
      </fieldset>
      <Field label="Expires in (days)" error={errors.expiresInDays} hint={`1 to ${MAX_TOKEN_DAYS} days. Tokens cannot live longer.`}>
        {({ id, describedBy, invalid }) => (
          <Input
            id={id}
            name="expiresInDays"
            type="number"
            min={1}
            max={MAX_TOKEN_DAYS}
            defaultValue={30}
            required
            className="w-32"
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
          />
        )}
      </Field>
      <Field label="Acts for" error={errors.userId} hint="The token can never do more than this user's role allows.">
        {({ id, describedBy }) => (
          <Select id={id} name="userId" defaultValue="" aria-describedby={describedBy}>
            <option value="">Me</option>
            {users
              .filter((user) => user.active)
              .map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name} ({user.email})
                </option>
              ))}
          </Select>
        )}
      </Field>
      <FormActions onCancel={onCancel} pending={create.isPending} label="Create token" pendingLabel="Creating…" />
    </form>
  );
}
