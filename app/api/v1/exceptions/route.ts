import { exceptionListQuerySchema } from "@/lib/domain/posture";
import { withAuth } from "@/lib/server/api";
import { listExceptions } from "@/lib/server/exceptions";
import { parseInput } from "@/lib/server/errors";

export const GET = withAuth(
  async (request, { viewer }) => ({ exceptions: await listExceptions(viewer, parseInput(exceptionListQuerySchema, Object.fromEntries(request.nextUrl.searchParams))) }),
  { permission: "finding:read" },
);
