import { readJson, withAuth } from "@/lib/server/api";
import { tokenCreateSchema } from "@/lib/domain/identity";
import { createToken, listTokens } from "@/lib/server/tokens";

export const GET = withAuth(async (_request, { viewer }) => ({ tokens: await listTokens(viewer) }), { permission: "token:read" });

export const POST = withAuth(
  async (request, { viewer }) => createToken(viewer, tokenCreateSchema.parse(await readJson(request))),
  { permission: "token:manage", status: 201 },
);
