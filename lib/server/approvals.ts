import "server-only";
import { desc } from "drizzle-orm";
import { approvals } from "@/db/schema";
import { approvalSchema, type Approval } from "@/lib/domain/approval";
import { actorOf, appendAudit } from "./audit";
import { db } from "./db";
import { evaluateAfter } from "./evaluation";
import { approvalOfRow } from "./held-approvals";
import { AppError, parseInput } from "./errors";
import { requirePermission, type Viewer } from "./viewer";

export type ApprovalDto = Approval & { id: string; createdAt: string; createdBy: string };

function toDto(row: typeof approvals.$inferSelect): ApprovalDto {
  return { ...approvalOfRow(row), createdAt: row.createdAt.toISOString(), createdBy: row.createdBy };
}

/**
 * Permission: approval:write. Records an out-of-band approval; with an idempotency key, a retry or a replayed
 * delivery records nothing new and answers conflict.
 */
export async function createApproval(viewer: Viewer, input: unknown, ingestKey?: string): Promise<ApprovalDto> {
  requirePermission(viewer, "approval:write");
  const a = parseInput(approvalSchema, input);
  const approval = await db().transaction(async (tx) => {
    const [row] = await tx
      .insert(approvals)
      .values({ ...a, approvedAt: new Date(a.approvedAt), expiresAt: new Date(a.expiresAt), ingestKey: ingestKey ?? null, createdBy: actorOf(viewer).actorLabel })
      .onConflictDoNothing({ target: approvals.ingestKey })
      .returning();
    if (!row) throw new AppError("conflict", "This approval was already recorded (replayed delivery)");
    await appendAudit(tx, actorOf(viewer), { action: "approval.create", targetType: "approval", targetId: row.id, details: { operation: a.operation, resource: a.resource, reference: a.reference, channel: a.channel } });
    return toDto(row);
  });
  await evaluateAfter({ kind: "approval", approvalId: approval.id }, actorOf(viewer).actorLabel);
  return approval;
}

/** Permission: activity:read. Newest first. */
export async function listApprovals(viewer: Viewer, limit = 100): Promise<ApprovalDto[]> {
  requirePermission(viewer, "activity:read");
  const rows = await db().select().from(approvals).orderBy(desc(approvals.approvedAt)).limit(Math.min(Math.max(limit, 1), 500));
  return rows.map(toDto);
}

