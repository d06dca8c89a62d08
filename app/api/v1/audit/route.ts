import { withAuth } from "@/lib/server/api";
import { auditQuerySchema } from "@/lib/domain/identity";
import { listAuditEntries } from "@/lib/server/audit";

export const GET = withAuth(
  (request, { viewer }) => listAuditEntries(viewer, auditQuerySchema.parse(Object.fromEntries(request.nextUrl.searchParams))),
  { permission: "audit:read" },
);
