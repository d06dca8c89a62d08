import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { approvalSchema } from "@/lib/domain/approval";
import { type Checked, issueFields } from "@/lib/domain/zod-issue";
import { createApproval, type RecordedApproval } from "./approvals";
import { systemViewer } from "./cli-viewer";
import { env } from "./env";
import { AppError, assertStorable, tooLarge } from "./errors";

const MAX_SKEW_SECONDS = 300;
export const MAX_WEBHOOK_BODY = 64_000;

/** Slack's request signing scheme: v0=hex(HMAC-SHA256(secret, "v0:" + timestamp + ":" + body)). */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

const payloadSchema = z.object({
  approver: z.string(),
  requester: z.string(),
  operation: z.string(),
  resource: z.string(),
  environment: z.string(),
  approved_at: z.string(),
  expires_at: z.string(),
  reference: z.string(),
  channel: z.string().default("slack"),
});

/**
 * Verifies a signed approval delivery and records it. Refused: a missing or wrong signature, a timestamp more than
 * five minutes away (replay window), and a second delivery of the same signature (replay).
 */
export async function receiveApprovalWebhook(body: string, headers: Headers, now = Date.now()): Promise<RecordedApproval> {
  const secret = env().LEASH_APPROVAL_WEBHOOK_SECRET;
  if (!secret) throw new AppError("not_found", "The approval webhook is not configured (LEASH_APPROVAL_WEBHOOK_SECRET)");
  if (body.length > MAX_WEBHOOK_BODY) throw tooLarge(`Body larger than ${MAX_WEBHOOK_BODY} bytes`);
  const timestamp = Number(headers.get("x-slack-request-timestamp"));
  const signature = headers.get("x-slack-signature") ?? "";
  if (!Number.isInteger(timestamp) || Math.abs(now / 1000 - timestamp) > MAX_SKEW_SECONDS) {
    throw new AppError("unauthenticated", "Stale or missing timestamp");
  }
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError("unauthenticated", "Bad signature");
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new AppError("invalid", "Body is not JSON", { body: "is not JSON" });
  }
  const payload = payloadSchema.safeParse(json);
  if (!payload.success) throw invalidPayload(payload.error, { schema: payloadSchema, input: json });
  const parsed = payload.data;
  assertStorable(parsed);
  const input = {
    approver: parsed.approver,
    requester: parsed.requester,
    operation: parsed.operation,
    resource: parsed.resource,
    environment: parsed.environment,
    approvedAt: parsed.approved_at,
    expiresAt: parsed.expires_at,
    reference: parsed.reference,
    channel: parsed.channel,
  };
  const approval = approvalSchema.safeParse(input);
  if (!approval.success) throw invalidPayload(approval.error, { schema: approvalSchema, input });
  const recorded = await createApproval(systemViewer("approval webhook"), approval.data, `webhook:${signature}`);
  // The signature covers the timestamp, so a second delivery of it is a replay, refused rather than answered.
  if (recorded.duplicate) throw new AppError("conflict", "This approval was already recorded (replayed delivery)");
  return recorded;
}

/** The approval's fields the payload names in snake_case, so an error names what the sender wrote. */
const PAYLOAD_NAMES: Record<string, string> = { approvedAt: "approved_at", expiresAt: "expires_at" };

/** A payload refused field by field (the sender fixes its template from this answer alone). */
function invalidPayload(error: z.ZodError, checked: Checked): AppError {
  const fields = Object.entries(issueFields(error, checked)).map(([path, reason]) => {
    const [first = "", ...rest] = path.split(".");
    return [[PAYLOAD_NAMES[first] ?? first, ...rest].join("."), reason] as const;
  });
  return new AppError("invalid", "Body is not a valid approval payload", Object.fromEntries(fields));
}
