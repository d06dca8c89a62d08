import { readJson, withAuth } from "@/lib/server/api";
import { userCreateSchema } from "@/lib/domain/identity";
import { createUser, listUsers } from "@/lib/server/users";
import { parseInput } from "@/lib/server/errors";

export const GET = withAuth(async (request, { viewer }) => ({ users: await listUsers(viewer, Object.fromEntries(request.nextUrl.searchParams)) }), {
  permission: "user:read",
});

export const POST = withAuth(
  async (request, { viewer }) => createUser(viewer, parseInput(userCreateSchema, await readJson(request))),
  { permission: "user:manage", status: 201 },
);
