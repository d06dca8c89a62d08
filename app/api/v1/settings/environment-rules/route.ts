import { readJson, withAuth } from "@/lib/server/api";
import { getEnvironmentRules, setEnvironmentRules } from "@/lib/server/settings";

export const GET = withAuth((_request, { viewer }) => getEnvironmentRules(viewer), { permission: "settings:read" });

export const PUT = withAuth(async (request, { viewer }) => setEnvironmentRules(viewer, await readJson(request)), { permission: "settings:manage" });
