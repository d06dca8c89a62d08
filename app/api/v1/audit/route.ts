import { withAuth } from "@/lib/server/api";
import { auditQuerySchema } from "@/lib/domain/identity";
import { listAuditEntries } from "@/lib/server/audit";
import { parseInput } from "@/lib/server/errors";

export const GET = withAuth(
  (request, { viewer }) => listAuditEntries(viewer, parseInput(auditQuerySchema, Object.fromEntries(request.nextUrl.searchParams))),
  { permission: "audit:read" },
);
