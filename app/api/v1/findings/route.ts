import { withAuth } from "@/lib/server/api";
import { listFindings } from "@/lib/server/findings";

export const GET = withAuth(async (request, { viewer }) => listFindings(viewer, Object.fromEntries(request.nextUrl.searchParams)), { permission: "finding:read" });
