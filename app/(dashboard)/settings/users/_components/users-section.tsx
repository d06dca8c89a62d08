"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { LinkedFilter } from "@/components/linked-filter";
import { RoleBadge } from "@/components/role-badge";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SectionHeader } from "@/components/ui/page-header";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { UserDto, UserListQuery } from "@/lib/domain/identity";
import { errorMessage } from "@/lib/client/api";
import { formatDateTime } from "@/lib/client/format";
import { teamsQuery, usersQuery } from "@/lib/client/queries";
import { describeAuditScope } from "@/lib/domain/audit-scope";
import { CreateUserDialog } from "./create-user-dialog";
import { EditUserDialog } from "./edit-user-dialog";
import { useUpdateUser } from "./use-user-mutations";

type UsersSectionProps = { canManage: boolean; viewerId: string; query: UserListQuery };

/** Mutation controls are not rendered at all without user:manage: auditors get a read-only directory. */
export function UsersSection({ canManage, viewerId, query }: UsersSectionProps) {
  const router = useRouter();
  const { data: users } = useSuspenseQuery(usersQuery(query));
  const { data: teams } = useSuspenseQuery(teamsQuery());
  const teamName = teams.find((team) => team.id === query.teamId)?.name ?? "a team that does not exist";
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserDto | null>(null);
  const [deactivating, setDeactivating] = useState<UserDto | null>(null);
  const update = useUpdateUser();

  const setActive = (user: UserDto, active: boolean) =>
    update.mutate({ id: user.id, input: { active } }, { onSuccess: () => setDeactivating(null) });

  return (
    <section aria-label="Users">
      <SectionHeader
        title="Users"
        description={
          query.teamId
            ? `${users.length} ${users.length === 1 ? "member" : "members"} of ${teamName}.`
            : `${users.length} ${users.length === 1 ? "person" : "people"} can sign in to this instance.`
        }
        actions={canManage ? <Button onClick={() => setCreating(true)}>Create user</Button> : null}
      />
      {query.teamId ? (
        <LinkedFilter name="teamId" value={query.teamId} onRemove={() => router.push("/settings/users")}>
          Only the members of <strong>{teamName}</strong>, deactivated ones included, as its member count
        </LinkedFilter>
      ) : null}
      {update.isError && !deactivating ? (
        <p role="alert" className="mb-3 text-sm text-red-700">
          {errorMessage(update.error)}
        </p>
      ) : null}
      <Table label="Users">
        <THead>
          <Tr>
            <Th>User</Th>
            <Th>Role</Th>
            <Th>Teams</Th>
            <Th>Status</Th>
            <Th>Last sign-in</Th>
            <Th>Created</Th>
            {canManage ? <Th className="text-right">Actions</Th> : null}
          </Tr>
        </THead>
        <TBody>
          {users.map((user) => (
            <Tr key={user.id} data-testid={`user-row-${user.email}`}>
              <Td>
                <p className="font-medium text-zinc-900">{user.name}</p>
                <p className="text-xs text-zinc-500">{user.email}</p>
              </Td>
              <Td>
                <RoleBadge role={user.role} />
                {user.auditScope ? (
                  <p className="mt-1 text-xs text-zinc-600" data-testid="audit-scope">
                    Limited to {describeAuditScope(user.auditScope)}
                  </p>
                ) : null}
              </Td>
              <Td className="text-zinc-700">{user.teams.map((team) => team.name).join(", ") || "—"}</Td>
              <Td>{user.active ? <Badge tone="success">Active</Badge> : <Badge tone="neutral">Deactivated</Badge>}</Td>
              <Td className="whitespace-nowrap text-zinc-600">{formatDateTime(user.lastSignInAt)}</Td>
              <Td className="whitespace-nowrap text-zinc-600">{formatDateTime(user.createdAt)}</Td>
              {canManage ? (
                <Td className="text-right whitespace-nowrap">
                  <Button variant="ghost" size="sm" onClick={() => setEditing(user)} aria-label={`Edit ${user.email}`}>
                    Edit
                  </Button>
                  {user.id === viewerId ? null : user.active ? (
                    <Button variant="danger-ghost" size="sm" onClick={() => setDeactivating(user)} aria-label={`Deactivate ${user.email}`}>
                      Deactivate
                    </Button>
                  ) : (
                    <Button
                      variant="ghost"
                      size="sm"
                      disabled={update.isPending}
                      onClick={() => setActive(user, true)}
                      aria-label={`Reactivate ${user.email}`}
                    >
                      Reactivate
                    </Button>
                  )}
                </Td>
              ) : null}
            </Tr>
          ))}
        </TBody>
      </Table>

      {canManage ? (
        <>
          <CreateUserDialog open={creating} onClose={() => setCreating(false)} />
          {editing ? <EditUserDialog user={editing} isSelf={editing.id === viewerId} onClose={() => setEditing(null)} /> : null}
          <ConfirmDialog
            open={deactivating !== null}
            title="Deactivate user?"
            confirmLabel="Deactivate"
            pending={update.isPending}
            error={update.isError ? errorMessage(update.error) : null}
            onConfirm={() => deactivating && setActive(deactivating, false)}
            onClose={() => {
              update.reset();
              setDeactivating(null);
            }}
          >
            <p>
              <strong>{deactivating?.email}</strong> will be signed out and can no longer sign in or use API tokens
              acting for them. You can reactivate the account later.
            </p>
          </ConfirmDialog>
        </>
      ) : null}
    </section>
  );
}
