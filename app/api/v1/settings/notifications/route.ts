import { readJson, withAuth } from "@/lib/server/api";
import { getNotificationSettings, setNotificationSettings } from "@/lib/server/rule-parameters";

export const GET = withAuth((_request, { viewer }) => getNotificationSettings(viewer), { permission: "settings:read" });

export const PUT = withAuth(async (request, { viewer }) => setNotificationSettings(viewer, await readJson(request)), { permission: "settings:manage" });
