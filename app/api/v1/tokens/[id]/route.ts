import { withAuth } from "@/lib/server/api";
import { parseId } from "@/lib/server/ids";
import { revokeToken } from "@/lib/server/tokens";

export const DELETE = withAuth<{ id: string }>((_request, { viewer, params }) => revokeToken(viewer, parseId(params.id, "Token")), {
  permission: "token:manage",
});
