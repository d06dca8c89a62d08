import { readJson, withAuth } from "@/lib/server/api";
import { createApproval, listApprovals } from "@/lib/server/approvals";

export const GET = withAuth(async (_request, { viewer }) => ({ approvals: await listApprovals(viewer) }), { permission: "activity:read" });

/** An approval; send `Idempotency-Key` to make retries safe. */
export const POST = withAuth(
  async (request, { viewer }) => createApproval(viewer, await readJson(request), request.headers.get("idempotency-key") ?? undefined),
  { permission: "approval:write", status: 201 },
);
