import { withAuth } from "@/lib/server/api";
import { verifyAuditLog } from "@/lib/server/audit";

export const GET = withAuth((_request, { viewer }) => verifyAuditLog(viewer), { permission: "audit:read" });
