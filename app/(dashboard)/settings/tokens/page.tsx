import { notFound } from "next/navigation";
import { Hydrate } from "@/components/hydrate";
import { PageTitle } from "@/components/page-title";
import { QueryBoundary } from "@/components/query-boundary";
import { tokenKeys, userKeys } from "@/lib/client/query-keys";
import { can } from "@/lib/server/permissions";
import { requireViewer } from "@/lib/server/session";
import { listTokens } from "@/lib/server/tokens";
import { listUsers } from "@/lib/server/users";
import { TokensSection } from "./_components/tokens-section";

export default async function TokensSettingsPage() {
  const viewer = await requireViewer();
  if (!can(viewer, "token:read")) notFound();
  const canManage = can(viewer, "token:manage");
  // The user list is only needed for the "acts for" picker, which only token managers see.
  const [tokens, users] = await Promise.all([listTokens(viewer), canManage ? listUsers(viewer) : null]);
  return (
    <Hydrate
      queries={[
        { queryKey: tokenKeys.list(), data: tokens },
        ...(users ? [{ queryKey: userKeys.list(), data: users }] : []),
      ]}
    >
      <PageTitle name="API tokens" />
      <QueryBoundary>
        <TokensSection canManage={canManage} viewerId={viewer.userId} />
      </QueryBoundary>
    </Hydrate>
  );
}
