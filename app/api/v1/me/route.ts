import { withAuth } from "@/lib/server/api";
import { getMe } from "@/lib/server/users";

export const GET = withAuth((_request, { viewer }) => getMe(viewer), { permission: "self:read" });
