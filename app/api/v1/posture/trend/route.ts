import { postureTrendQuerySchema } from "@/lib/domain/posture";
import { withAuth } from "@/lib/server/api";
import { getPostureTrend } from "@/lib/server/posture";

export const GET = withAuth(
  async (request, { viewer }) => getPostureTrend(viewer, postureTrendQuerySchema.parse(Object.fromEntries(request.nextUrl.searchParams))),
  { permission: "posture:read" },
);
