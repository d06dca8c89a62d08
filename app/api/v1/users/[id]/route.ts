import { readJson, withAuth } from "@/lib/server/api";
import { userUpdateSchema } from "@/lib/domain/identity";
import { updateUser } from "@/lib/server/users";
import { parseId } from "@/lib/server/ids";

export const PATCH = withAuth<{ id: string }>(
  async (request, { viewer, params }) => updateUser(viewer, parseId(params.id, "User"), userUpdateSchema.parse(await readJson(request))),
  { permission: "user:manage" },
);
