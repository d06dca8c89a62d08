import { scanRunQuerySchema } from "@/lib/domain/scan";
import { withAuth } from "@/lib/server/api";
import { listScanRuns } from "@/lib/server/scans";

export const GET = withAuth(
  async (request, { viewer }) => {
    const { corpusId } = scanRunQuerySchema.parse(Object.fromEntries(request.nextUrl.searchParams));
    return { runs: await listScanRuns(viewer, corpusId) };
  },
  { permission: "scan:read" },
);
