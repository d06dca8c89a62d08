import { notFound } from "next/navigation";
import { Hydrate } from "@/components/hydrate";
import { PageTitle } from "@/components/page-title";
import { QueryBoundary } from "@/components/query-boundary";
import { teamKeys, userKeys } from "@/lib/client/query-keys";
import { userListQuerySchema, type UserListQuery } from "@/lib/domain/identity";
import { can } from "@/lib/server/permissions";
import { requireViewer } from "@/lib/server/session";
import { listTeams } from "@/lib/server/teams";
import { listUsers } from "@/lib/server/users";
import { searchParam, type RawSearch } from "../../_lib/search-params";
import { UsersSection } from "./_components/users-section";

type PageProps = { searchParams: Promise<RawSearch> };

/** A team's member count links here with its teamId; a tampered one is dropped, as the other lists' filters are. */
function readUserQuery(search: RawSearch): UserListQuery {
  const teamId = searchParam(search, "teamId");
  return teamId && userListQuerySchema.safeParse({ teamId }).success ? { teamId } : {};
}

export default async function UsersSettingsPage({ searchParams }: PageProps) {
  const viewer = await requireViewer();
  if (!can(viewer, "user:read")) notFound();
  const query = readUserQuery(await searchParams);
  const [users, teams] = await Promise.all([listUsers(viewer, query), listTeams(viewer)]);
  return (
    <Hydrate
      queries={[
        { queryKey: userKeys.list(query), data: users },
        { queryKey: teamKeys.list(), data: teams },
      ]}
    >
      <PageTitle name="Users" />
      <QueryBoundary>
        <UsersSection canManage={can(viewer, "user:manage")} viewerId={viewer.userId} query={query} />
      </QueryBoundary>
    </Hydrate>
  );
}
