import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Hydrate } from "@/components/hydrate";
import { QueryBoundary } from "@/components/query-boundary";
import { teamKeys, userKeys } from "@/lib/client/query-keys";
import { can } from "@/lib/server/permissions";
import { requireViewer } from "@/lib/server/session";
import { listTeams } from "@/lib/server/teams";
import { listUsers } from "@/lib/server/users";
import { UsersSection } from "./_components/users-section";

export const metadata: Metadata = { title: "Users" };

export default async function UsersSettingsPage() {
  const viewer = await requireViewer();
  if (!can(viewer, "user:read")) notFound();
  const [users, teams] = await Promise.all([listUsers(viewer), listTeams(viewer)]);
  return (
    <Hydrate
      queries={[
        { queryKey: userKeys.list(), data: users },
        { queryKey: teamKeys.list(), data: teams },
      ]}
    >
      <QueryBoundary>
        <UsersSection canManage={can(viewer, "user:manage")} viewerId={viewer.userId} />
      </QueryBoundary>
    </Hydrate>
  );
}
