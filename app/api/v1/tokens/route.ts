import { readJson, withAuth } from "@/lib/server/api";
import { tokenCreateSchema } from "@/lib/domain/identity";
import { createToken, listTokens } from "@/lib/server/tokens";
import { parseInput } from "@/lib/server/errors";

export const GET = withAuth(async (_request, { viewer }) => ({ tokens: await listTokens(viewer) }), { permission: "token:read" });

export const POST = withAuth(
  async (request, { viewer }) => createToken(viewer, parseInput(tokenCreateSchema, await readJson(request))),
  { permission: "token:manage", status: 201 },
);
