"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { CountLink } from "@/components/count-link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { SectionHeader } from "@/components/ui/page-header";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { formatDate } from "@/lib/client/format";
import { teamsQuery } from "@/lib/client/queries";
import { CreateTeamDialog } from "./create-team-dialog";

/** Shown only to those who may list users (settingsSections), so a member count always opens the team's members. */
export function TeamsSection({ canManage }: { canManage: boolean }) {
  const { data: teams } = useSuspenseQuery(teamsQuery());
  const [creating, setCreating] = useState(false);
  const createButton = canManage ? <Button onClick={() => setCreating(true)}>Create team</Button> : null;

  return (
    <section aria-label="Teams">
      <SectionHeader
        title="Teams"
        description="Teams own credentials and findings. Engineers see only the data of the teams they belong to."
        actions={teams.length > 0 ? createButton : null}
      />
      {teams.length === 0 ? (
        <EmptyState
          title="No teams yet"
          description="Create a team for each group that owns credentials, then add engineers to it from Users."
          action={createButton}
        />
      ) : (
        <Table label="Teams">
          <THead>
            <Tr>
              <Th>Name</Th>
              <Th>Slug</Th>
              <Th className="text-right">Members</Th>
              <Th>Created</Th>
            </Tr>
          </THead>
          <TBody>
            {teams.map((team) => (
              <Tr key={team.id} data-testid={`team-row-${team.slug}`}>
                <Td className="font-medium text-zinc-900">{team.name}</Td>
                <Td className="font-mono text-xs text-zinc-600">{team.slug}</Td>
                <Td className="text-right tabular-nums">
                  <CountLink
                    value={team.memberCount}
                    href={`/settings/users?teamId=${team.id}`}
                    label={`${team.memberCount === 1 ? "member" : "members"} of ${team.name}`}
                    className="font-medium text-accent-700"
                  />
                </Td>
                <Td className="text-zinc-600">{formatDate(team.createdAt)}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      {canManage ? <CreateTeamDialog open={creating} onClose={() => setCreating(false)} /> : null}
    </section>
  );
}
