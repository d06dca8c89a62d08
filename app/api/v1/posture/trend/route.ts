import { postureTrendQuerySchema } from "@/lib/domain/posture";
import { withAuth } from "@/lib/server/api";
import { getPostureTrend } from "@/lib/server/posture";
import { parseInput } from "@/lib/server/errors";

export const GET = withAuth(
  async (request, { viewer }) => getPostureTrend(viewer, parseInput(postureTrendQuerySchema, Object.fromEntries(request.nextUrl.searchParams))),
  { permission: "posture:read" },
);
