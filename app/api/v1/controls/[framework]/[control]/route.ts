import { controlPopulationQuerySchema } from "@/lib/domain/posture";
import { withAuth } from "@/lib/server/api";
import { getControl } from "@/lib/server/posture";

export const GET = withAuth<{ framework: string; control: string }>(
  async (request, { viewer, params }) =>
    getControl(viewer, decodeURIComponent(params.framework), decodeURIComponent(params.control), controlPopulationQuerySchema.parse(Object.fromEntries(request.nextUrl.searchParams))),
  { permission: "posture:read" },
);
