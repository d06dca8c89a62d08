import { withAuth } from "@/lib/server/api";
import { listScanRuns } from "@/lib/server/scans";

export const GET = withAuth(async (request, { viewer }) => ({ runs: await listScanRuns(viewer, request.nextUrl.searchParams.get("corpusId") ?? undefined) }), {
  permission: "scan:read",
});
