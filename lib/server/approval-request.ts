import "server-only";
import type { NextRequest } from "next/server";
import { readApprovalBatch, type ApprovalBatchForm } from "@/lib/ingest/approvals";
import type { LineCounts } from "@/lib/ingest/row-error";
import { MAX_JSON_BYTES, parseJsonBody, readText } from "./api";
import { ingestReportStatus } from "./activity-ingest";
import { createApproval, ingestApprovals, type RecordedApproval } from "./approvals";
import type { Viewer } from "./viewer";

const NDJSON = /^\s*application\/(x-)?ndjson\s*(;|$)/i;

/** Which batch form a body is in, or null for the single form (one JSON object, as the UI sends). */
function batchForm(contentType: string | null, text: string): ApprovalBatchForm | null {
  if (contentType && NDJSON.test(contentType)) return "ndjson";
  return text.trimStart().startsWith("[") ? "json-array" : null;
}

async function* bytesOf(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

/**
 * POST /api/v1/approvals: one approval (a JSON object; `Idempotency-Key` optional), answered with the approval held,
 * or a batch (a JSON array, or NDJSON sent as application/x-ndjson), answered with the ingest report. Either body is
 * up to MAX_JSON_BYTES; a batch is stored in one transaction, so it is bounded like one.
 */
export async function recordApprovalRequest(viewer: Viewer, request: NextRequest): Promise<RecordedApproval | LineCounts> {
  const text = await readText(request, MAX_JSON_BYTES);
  const form = batchForm(request.headers.get("content-type"), text);
  if (form) return ingestApprovals(viewer, readApprovalBatch(bytesOf(text), form, MAX_JSON_BYTES));
  const body = parseJsonBody(text, " (send a batch as a JSON array, or one approval a line as Content-Type: application/x-ndjson)");
  return createApproval(viewer, body, request.headers.get("idempotency-key")?.trim() || undefined);
}

/** 201 for an approval recorded now, 200 for one held already; a batch's report as an event ingest's (422: all rejected). */
export function approvalAnswerStatus(answer: unknown): number {
  if (typeof answer === "object" && answer !== null && "accepted" in answer) return ingestReportStatus(answer);
  return (answer as RecordedApproval).duplicate ? 200 : 201;
}
