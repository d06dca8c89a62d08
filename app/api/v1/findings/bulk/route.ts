import { readJson, withAuth } from "@/lib/server/api";
import { bulkUpdateFindings } from "@/lib/server/findings";

export const POST = withAuth(async (request, { viewer }) => bulkUpdateFindings(viewer, await readJson(request)), { permission: "finding:write" });
