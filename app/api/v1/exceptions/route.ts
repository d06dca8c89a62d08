import { exceptionListQuerySchema } from "@/lib/domain/posture";
import { withAuth } from "@/lib/server/api";
import { listExceptions } from "@/lib/server/exceptions";

export const GET = withAuth(
  async (request, { viewer }) => ({ exceptions: await listExceptions(viewer, exceptionListQuerySchema.parse(Object.fromEntries(request.nextUrl.searchParams))) }),
  { permission: "finding:read" },
);
