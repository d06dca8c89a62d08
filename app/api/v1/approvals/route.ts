import { withAuth } from "@/lib/server/api";
import { approvalAnswerStatus, recordApprovalRequest } from "@/lib/server/approval-request";
import { listApprovals } from "@/lib/server/approvals";

/** Keyset pages, newest approval first: `limit`, and `cursor` from the page before's `nextCursor`. */
export const GET = withAuth((request, { viewer }) => listApprovals(viewer, Object.fromEntries(request.nextUrl.searchParams)), { permission: "activity:read" });

/**
 * One approval (201, or 200 marked duplicate when it is held already; `Idempotency-Key` optional), or a batch as a
 * JSON array or NDJSON (the ingest report: 200, or 422 when every line was rejected).
 */
export const POST = withAuth((request, { viewer }) => recordApprovalRequest(viewer, request), { permission: "approval:write", status: approvalAnswerStatus });
