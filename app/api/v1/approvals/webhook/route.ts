import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { readText, toErrorResponse } from "@/lib/server/api";
import { MAX_WEBHOOK_BODY, receiveApprovalWebhook } from "@/lib/server/approval-webhook";

/**
 * Slack-style signed approvals: no session or token, the shared-secret signature is the authentication
 * (verified, with the timestamp, inside receiveApprovalWebhook; replays are refused).
 */
export async function POST(request: NextRequest): Promise<Response> {
  const requestId = randomUUID();
  try {
    const body = await readText(request, MAX_WEBHOOK_BODY);
    const approval = await receiveApprovalWebhook(body, request.headers);
    return NextResponse.json(approval, { status: 201 });
  } catch (error) {
    return toErrorResponse(error, requestId);
  }
}
