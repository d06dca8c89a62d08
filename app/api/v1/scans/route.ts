import { scanRunQuerySchema } from "@/lib/domain/scan";
import { withAuth } from "@/lib/server/api";
import { listScanRuns } from "@/lib/server/scans";
import { parseInput } from "@/lib/server/errors";

export const GET = withAuth(
  async (request, { viewer }) => {
    const { corpusId } = parseInput(scanRunQuerySchema, Object.fromEntries(request.nextUrl.searchParams));
    return { runs: await listScanRuns(viewer, corpusId) };
  },
  { permission: "scan:read" },
);
