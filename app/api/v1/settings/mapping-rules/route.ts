import { readJson, withAuth } from "@/lib/server/api";
import { getMappingRules, setMappingRules } from "@/lib/server/settings";

export const GET = withAuth((_request, { viewer }) => getMappingRules(viewer), { permission: "settings:read" });

export const PUT = withAuth(async (request, { viewer }) => setMappingRules(viewer, await readJson(request)), { permission: "settings:manage" });
