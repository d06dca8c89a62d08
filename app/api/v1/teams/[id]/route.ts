import { withAuth } from "@/lib/server/api";
import { parseId } from "@/lib/server/ids";
import { getTeam } from "@/lib/server/teams";

export const GET = withAuth<{ id: string }>((_request, { viewer, params }) => getTeam(viewer, parseId(params.id, "Team")), {
  permission: "team:read",
});
