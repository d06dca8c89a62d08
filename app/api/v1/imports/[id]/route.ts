import { withAuth } from "@/lib/server/api";
import { parseId } from "@/lib/server/ids";
import { getImportRun } from "@/lib/server/imports";

export const GET = withAuth<{ id: string }>((_request, { viewer, params }) => getImportRun(viewer, parseId(params.id, "Import run")), {
  permission: "credential:read",
});
