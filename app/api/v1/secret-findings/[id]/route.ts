import { withAuth } from "@/lib/server/api";
import { parseId } from "@/lib/server/ids";
import { getSecretFinding } from "@/lib/server/secret-findings";

export const GET = withAuth<{ id: string }>((_request, { viewer, params }) => getSecretFinding(viewer, parseId(params.id, "Secret finding")), {
  permission: "scan:read",
});
