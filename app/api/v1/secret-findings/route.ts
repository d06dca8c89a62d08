import { withAuth } from "@/lib/server/api";
import { listSecretFindings } from "@/lib/server/secret-findings";

export const GET = withAuth(async (request, { viewer }) => ({ findings: await listSecretFindings(viewer, Object.fromEntries(request.nextUrl.searchParams)) }), {
  permission: "scan:read",
});
