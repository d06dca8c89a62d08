import { postureQuerySchema } from "@/lib/domain/posture";
import { withAuth } from "@/lib/server/api";
import { getPosture } from "@/lib/server/posture";
import { parseInput } from "@/lib/server/errors";

/** What scripts and CI gate on: framework score, each control's status and population, and the blast radius. */
export const GET = withAuth(
  async (request, { viewer }) => {
    const query = parseInput(postureQuerySchema, Object.fromEntries(request.nextUrl.searchParams));
    return getPosture(viewer, { framework: query.framework, asOf: query.as_of ? new Date(query.as_of) : undefined });
  },
  { permission: "posture:read" },
);
