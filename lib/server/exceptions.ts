import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import { findingExceptions, findings, teams } from "@/db/schema";
import {
  MAX_EXCEPTION_DAYS,
  exceptionDecisionSchema,
  exceptionListQuerySchema,
  exceptionRequestSchema,
  type ExceptionDto,
  type ExceptionStatus,
} from "@/lib/domain/posture";
import { ruleById } from "@/lib/rules";
import { DAY_MS } from "@/lib/domain/utc-days";
import { actorOf, appendAudit } from "./audit";
import { db } from "./db";
import { AppError, forbidden, notFound, parseInput } from "./errors";
import { expireExceptions } from "./evaluator/exception-expiry";
import { exceptionFields, findingScope } from "./findings";
import { inTeamScope, requirePermission, type Viewer } from "./viewer";

/**
 * Risk acceptance (DESIGN §2): requested with a justification and an expiry of at most a year by an engineer of the
 * finding's team or an admin; approved or rejected by an admin who did not request it. An approved exception
 * marks the finding risk accepted (excepted in scores) until it expires, when the finding reopens. All audited.
 */


function select() {
  return db()
    .select({ exception: findingExceptions, finding: findings, teamName: teams.name })
    .from(findingExceptions)
    .innerJoin(findings, eq(findings.id, findingExceptions.findingId))
    .leftJoin(teams, eq(teams.id, findings.teamId));
}

function toDto(row: { exception: typeof findingExceptions.$inferSelect; finding: typeof findings.$inferSelect; teamName: string | null }): ExceptionDto {
  return {
    ...exceptionFields(row.exception),
    finding: {
      ruleId: row.finding.ruleId,
      ruleTitle: ruleById(row.finding.ruleId)?.title ?? row.finding.ruleId,
      severity: row.finding.severity,
      subjectLabel: row.finding.subjectLabel,
      teamName: row.teamName,
    },
  };
}

async function getException(id: string): Promise<ExceptionDto> {
  const [row] = await select().where(eq(findingExceptions.id, id));
  return toDto(row!);
}

/** Permission: exception:request (engineers: their teams' findings). Only a failing finding can be accepted. */
export async function requestException(viewer: Viewer, findingId: string, input: unknown): Promise<ExceptionDto> {
  requirePermission(viewer, "exception:request");
  const request = parseInput(exceptionRequestSchema, input, "Invalid exception request");
  const now = Date.now();
  const expiresAt = new Date(request.expiresAt);
  if (expiresAt.getTime() <= now) throw new AppError("invalid", "The expiry must be in the future", { expiresAt: "in the past" });
  if (expiresAt.getTime() > now + MAX_EXCEPTION_DAYS * DAY_MS) {
    throw new AppError("invalid", `An exception lasts at most ${MAX_EXCEPTION_DAYS} days`, { expiresAt: `more than ${MAX_EXCEPTION_DAYS} days away` });
  }
  await expireExceptions(new Date(now));
  const id = await db().transaction(async (tx) => {
    const [finding] = await tx.select().from(findings).where(eq(findings.id, findingId)).for("update");
    if (!finding || !inTeamScope(viewer, finding.teamId)) throw notFound("Finding");
    if (finding.status === "resolved") throw new AppError("conflict", "This finding is resolved; there is no risk to accept", { finding: "resolved" });
    const [open] = await tx
      .select({ status: findingExceptions.status })
      .from(findingExceptions)
      .where(and(eq(findingExceptions.findingId, findingId), inArray(findingExceptions.status, ["pending", "approved"])));
    if (open) throw new AppError("conflict", `This finding already has an ${open.status} exception`, { finding: `exception ${open.status}` });
    const [row] = await tx
      .insert(findingExceptions)
      .values({ findingId, justification: request.justification, expiresAt, requestedBy: viewer.email, requestedByUserId: viewer.via === "cli" ? null : viewer.userId })
      .returning({ id: findingExceptions.id });
    await appendAudit(tx, actorOf(viewer), {
      action: "exception.request",
      targetType: "finding_exception",
      targetId: row!.id,
      details: { findingId, rule: finding.ruleId, subject: finding.subjectLabel, expiresAt: expiresAt.toISOString() },
    });
    return row!.id;
  });
  return getException(id);
}

/** Permission: finding:read (engineers: their teams' findings). Newest first. */
export async function listExceptions(viewer: Viewer, query: { status?: ExceptionStatus | "all" } = {}): Promise<ExceptionDto[]> {
  requirePermission(viewer, "finding:read");
  const { status } = parseInput(exceptionListQuerySchema, query);
  await expireExceptions(new Date());
  const rows = await select()
    .where(and(findingScope(viewer), status === "all" ? undefined : eq(findingExceptions.status, status)))
    .orderBy(desc(findingExceptions.requestedAt))
    .limit(500);
  return rows.map(toDto);
}

/** Permission: exception:decide. A pending request only, never one's own; approving accepts the finding's risk. */
export async function decideException(viewer: Viewer, id: string, input: unknown): Promise<ExceptionDto> {
  requirePermission(viewer, "exception:decide");
  const { decision, note } = parseInput(exceptionDecisionSchema, input);
  const now = new Date();
  await expireExceptions(now);
  await db().transaction(async (tx) => {
    const [row] = await tx.select().from(findingExceptions).where(eq(findingExceptions.id, id)).for("update");
    if (!row) throw notFound("Exception");
    const [finding] = await tx.select().from(findings).where(eq(findings.id, row.findingId)).for("update");
    if (!finding || !inTeamScope(viewer, finding.teamId)) throw notFound("Exception");
    if (row.status !== "pending") throw new AppError("conflict", `This exception is already ${row.status}`, { decision: `exception is ${row.status}` });
    const ownRequest = (row.requestedByUserId !== null && row.requestedByUserId === viewer.userId) || row.requestedBy.toLowerCase() === viewer.email.toLowerCase();
    if (ownRequest) throw forbidden("An exception must be decided by an admin other than the one who requested it");
    if (decision === "approve" && row.expiresAt.getTime() <= now.getTime()) {
      throw new AppError("conflict", "This request's expiry has passed; ask for a new one", { decision: "request expired" });
    }
    await tx
      .update(findingExceptions)
      .set({ status: decision === "approve" ? "approved" : "rejected", decidedBy: viewer.email, decidedByUserId: viewer.via === "cli" ? null : viewer.userId, decidedAt: now, decisionNote: note ?? null })
      .where(eq(findingExceptions.id, id));
    if (decision === "approve" && (finding.status === "open" || finding.status === "in_progress")) {
      await tx.update(findings).set({ status: "risk_accepted", updatedAt: now }).where(eq(findings.id, finding.id));
    }
    await appendAudit(tx, actorOf(viewer), {
      action: decision === "approve" ? "exception.approve" : "exception.reject",
      targetType: "finding_exception",
      targetId: id,
      details: { findingId: finding.id, rule: finding.ruleId, requestedBy: row.requestedBy, expiresAt: row.expiresAt.toISOString(), note: note ?? null },
    });
  });
  return getException(id);
}
