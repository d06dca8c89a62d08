import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { toErrorResponse } from "@/lib/server/api";
import { receiveApprovalWebhook } from "@/lib/server/approval-webhook";

/**
 * Slack-style signed approvals: no session or token, the shared-secret signature is the authentication
 * (verified, with the timestamp, inside receiveApprovalWebhook; replays are refused).
 */
export async function POST(request: NextRequest): Promise<Response> {
  const requestId = randomUUID();
  try {
    const body = await request.text();
    const approval = await receiveApprovalWebhook(body, request.headers);
    return NextResponse.json(approval, { status: 201 });
  } catch (error) {
    return toErrorResponse(error, requestId);
  }
}
