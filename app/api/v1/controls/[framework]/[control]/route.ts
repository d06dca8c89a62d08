import { controlPopulationQuerySchema } from "@/lib/domain/posture";
import { withAuth } from "@/lib/server/api";
import { pathSegment } from "@/lib/server/ids";
import { getControl } from "@/lib/server/posture";
import { parseInput } from "@/lib/server/errors";

export const GET = withAuth<{ framework: string; control: string }>(
  async (request, { viewer, params }) =>
    getControl(viewer, pathSegment(params.framework), pathSegment(params.control), parseInput(controlPopulationQuerySchema, Object.fromEntries(request.nextUrl.searchParams))),
  { permission: "posture:read" },
);
