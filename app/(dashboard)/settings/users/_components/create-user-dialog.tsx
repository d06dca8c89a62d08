"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Dialog, FormActions } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { roles, userCreateSchema, type Role } from "@/lib/domain/identity";
import { errorMessage } from "@/lib/client/api";
import { roleLabels } from "@/lib/client/format";
import { checkForm, serverFieldErrors, type FieldErrors } from "@/lib/client/form";
import { teamsQuery } from "@/lib/client/queries";
import { AuditScopeFieldset, auditScopeDraft, draftToScope } from "./audit-scope-fieldset";
import { TeamCheckboxes } from "./team-checkboxes";
import { useCreateUser } from "./use-user-mutations";

export function CreateUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Create user" description="They sign in with this email and the initial password you set.">
      <CreateUserForm onDone={onClose} />
    </Dialog>
  );
}

function CreateUserForm({ onDone }: { onDone: () => void }) {
  const { data: teams } = useSuspenseQuery(teamsQuery());
  const create = useCreateUser();
  const [role, setRole] = useState<Role>("engineer");
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const [scope, setScope] = useState(() => auditScopeDraft(null));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...serverFieldErrors(create.error), ...clientErrors };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    // The same schema the server enforces, so most mistakes show before a round trip.
    const parsed = checkForm(userCreateSchema, {
      email: form.get("email"),
      name: form.get("name"),
      role,
      password: password || undefined,
      teamIds,
      // Only an auditor can be scoped; for the other roles the (hidden) draft is not sent at all.
      ...(role === "auditor" && scope.limited ? { auditScope: draftToScope(scope) } : {}),
    });
    if (!parsed.success) return setClientErrors(parsed.fields);
    setClientErrors({});
    create.mutate(parsed.data, { onSuccess: onDone });
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {create.isError ? <Alert tone="danger">{errorMessage(create.error)}</Alert> : null}
      <Field label="Email" error={errors.email}>
        {({ id, describedBy, invalid }) => (
          <Input id={id} name="email" type="email" autoComplete="off" required data-autofocus aria-describedby={describedBy} aria-invalid={invalid || undefined} />
        )}
      </Field>
      <Field label="Name" error={errors.name}>
        {({ id, describedBy, invalid }) => (
          <Input id={id} name="name" autoComplete="off" required aria-describedby={describedBy} aria-invalid={invalid || undefined} />
        )}
      </Field>
      <Field label="Role" error={errors.role} hint="Engineers see only their teams' data; auditors can read everything and change nothing.">
        {({ id, describedBy }) => (
          <Select id={id} name="role" value={role} onChange={(event) => setRole(event.target.value as Role)} aria-describedby={describedBy}>
            {roles.map((value) => (
              <option key={value} value={value}>
                {roleLabels[value]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {role === "auditor" ? <AuditScopeFieldset value={scope} onChange={setScope} errors={errors} /> : null}
      <Field label="Initial password" error={errors.password} hint="At least 12 characters. Share it out of band; leave empty for single sign-on only.">
        {({ id, describedBy, invalid }) => (
          <Input id={id} name="password" type="password" autoComplete="new-password" aria-describedby={describedBy} aria-invalid={invalid || undefined} />
        )}
      </Field>
      <TeamCheckboxes teams={teams} value={teamIds} onChange={setTeamIds} error={errors.teamIds} />
      <FormActions onCancel={onDone} pending={create.isPending} label="Create user" pendingLabel="Creating…" />
    </form>
  );
}
