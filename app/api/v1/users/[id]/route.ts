import { readJson, withAuth } from "@/lib/server/api";
import { userUpdateSchema } from "@/lib/domain/identity";
import { updateUser } from "@/lib/server/users";
import { parseId } from "@/lib/server/ids";
import { parseInput } from "@/lib/server/errors";

export const PATCH = withAuth<{ id: string }>(
  async (request, { viewer, params }) => updateUser(viewer, parseId(params.id, "User"), parseInput(userUpdateSchema, await readJson(request))),
  { permission: "user:manage" },
);
