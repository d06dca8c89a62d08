"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Dialog, FormActions } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { roles, userUpdateSchema, type Role, type UserDto, type UserUpdateInput } from "@/lib/domain/identity";
import { errorMessage } from "@/lib/client/api";
import { roleLabels } from "@/lib/client/format";
import { checkForm, serverFieldErrors, type FieldErrors } from "@/lib/client/form";
import { teamsQuery } from "@/lib/client/queries";
import { AuditScopeFieldset, auditScopeDraft, draftToScope, sameScope } from "./audit-scope-fieldset";
import { TeamCheckboxes } from "./team-checkboxes";
import { useUpdateUser } from "./use-user-mutations";

type EditUserDialogProps = { user: UserDto; isSelf: boolean; onClose: () => void };

/** Sends only what changed, so the audit entry records exactly the edit that was made. */
export function EditUserDialog({ user, isSelf, onClose }: EditUserDialogProps) {
  const { data: teams } = useSuspenseQuery(teamsQuery());
  const update = useUpdateUser();
  const [name, setName] = useState(user.name);
  const [role, setRole] = useState<Role>(user.role);
  const [teamIds, setTeamIds] = useState(user.teams.map((team) => team.id));
  const [scope, setScope] = useState(() => auditScopeDraft(user.auditScope));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...serverFieldErrors(update.error), ...clientErrors };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const changes: UserUpdateInput = {};
    if (name !== user.name) changes.name = name;
    if (role !== user.role) changes.role = role;
    const before = new Set(user.teams.map((team) => team.id));
    if (teamIds.length !== before.size || teamIds.some((id) => !before.has(id))) changes.teamIds = teamIds;
    // For another role nothing is sent: the server drops the scope of a user who stops being an auditor.
    const auditScope = draftToScope(scope);
    if (role === "auditor" && !sameScope(auditScope, user.auditScope)) changes.auditScope = auditScope;
    if (Object.keys(changes).length === 0) return onClose();
    const parsed = checkForm(userUpdateSchema, changes);
    if (!parsed.success) return setClientErrors(parsed.fields);
    setClientErrors({});
    update.mutate({ id: user.id, input: parsed.data }, { onSuccess: onClose });
  }

  return (
    <Dialog open onClose={onClose} title={`Edit ${user.email}`}>
      <form onSubmit={submit} className="space-y-4" noValidate>
        {update.isError ? <Alert tone="danger">{errorMessage(update.error)}</Alert> : null}
        <Field label="Name" error={errors.name}>
          {({ id, describedBy, invalid }) => (
            <Input id={id} value={name} onChange={(event) => setName(event.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined} />
          )}
        </Field>
        <Field
          label="Role"
          error={errors.role}
          hint={
            isSelf
              ? "You cannot remove your own admin role; ask another admin."
              : user.auditScope && role !== "auditor"
                ? "Saving with another role removes this user's audit scope."
                : undefined
          }
        >
          {({ id, describedBy }) => (
            <Select id={id} value={role} disabled={isSelf} onChange={(event) => setRole(event.target.value as Role)} aria-describedby={describedBy}>
              {roles.map((value) => (
                <option key={value} value={value}>
                  {roleLabels[value]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        {role === "auditor" ? <AuditScopeFieldset value={scope} onChange={setScope} errors={errors} /> : null}
        <TeamCheckboxes teams={teams} value={teamIds} onChange={setTeamIds} error={errors.teamIds} />
        <FormActions onCancel={onClose} pending={update.isPending} label="Save changes" pendingLabel="Saving…" />
      </form>
    </Dialog>
  );
}
