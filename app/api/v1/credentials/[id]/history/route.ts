import { withAuth } from "@/lib/server/api";
import { credentialHistory } from "@/lib/server/credentials";
import { parseId } from "@/lib/server/ids";

export const GET = withAuth<{ id: string }>(
  async (_request, { viewer, params }) => ({ versions: await credentialHistory(viewer, parseId(params.id, "Credential")) }),
  { permission: "credential:read" },
);
