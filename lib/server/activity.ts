import "server-only";
import { and, between, desc, eq, gte, ilike, inArray, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import { activityDayCounts, activityEvents, credentials } from "@/db/schema";
import { eventFlags, eventListQuerySchema, type ActivitySummaryDto, type EventDetailDto, type EventDto, type EventListQuery, type EventPage } from "@/lib/domain/activity-query";
import { addDays, utcDay } from "@/lib/domain/utc-days";
import { coveringApproval } from "./approval-coverage";
import { activityDays, activityWindow } from "./audit-scope";
import { db } from "./db";
import { AppError, notFound, parseInput } from "./errors";
import { requirePermission, teamScope, type Viewer } from "./viewer";
import { escapeLike } from "./sql-text";

type Row = typeof activityEvents.$inferSelect;
type Joined = { event: Row; credentialName: string | null; credentialExternalId: string | null };


/**
 * Engineers see events of their teams' credentials only; events not yet linked to a credential are admin/auditor-only.
 * A scoped auditor sees the events of their audit window.
 */
function scopeCondition(viewer: Viewer): SQL | undefined {
  const scope = teamScope(viewer);
  const window = activityWindow(viewer);
  return and(
    scope === "all" ? undefined : scope.length ? inArray(activityEvents.teamId, scope) : sql`false`,
    window ? between(activityEvents.occurredAt, window.start, window.end) : undefined,
  );
}

function conditions(viewer: Viewer, query: EventListQuery): { where: SQL[]; limit: number; cursor: number | null } {
  const f = parseInput(eventListQuerySchema, query);
  const where = [scopeCondition(viewer)];
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    where.push(or(ilike(activityEvents.resource, like), ilike(activityEvents.actor, like), ilike(activityEvents.rawOperation, like), ilike(activityEvents.ingestKey, like)));
  }
  if (f.actorType?.length) where.push(inArray(activityEvents.actorType, f.actorType));
  if (f.agent) where.push(ilike(activityEvents.agentName, `%${escapeLike(f.agent)}%`));
  if (f.credential) where.push(f.credential === "unlinked" ? isNull(activityEvents.credentialId) : eq(activityEvents.credentialId, f.credential));
  if (f.environment?.length) {
    const named = f.environment.filter((e) => e !== "unknown") as ("production" | "staging" | "development")[];
    where.push(or(named.length ? inArray(activityEvents.resourceEnvironment, named) : undefined, f.environment.includes("unknown") ? isNull(activityEvents.resourceEnvironment) : undefined));
  }
  if (f.destructive !== undefined) where.push(eq(activityEvents.destructive, f.destructive));
  if (f.flagged !== undefined) where.push(eq(activityEvents.flagged, f.flagged));
  if (f.unapproved !== undefined) where.push(eq(activityEvents.unapprovedDestructive, f.unapproved));
  if (f.from) where.push(gte(activityEvents.occurredAt, new Date(f.from)));
  if (f.to) where.push(lte(activityEvents.occurredAt, new Date(f.to)));
  const cursor = f.cursor === undefined ? null : Number(f.cursor);
  if (cursor !== null && !Number.isSafeInteger(cursor)) throw new AppError("invalid", "Invalid cursor", { cursor: "is not a cursor from this list" });
  return { where: where.filter((w): w is SQL => w !== undefined), limit: f.limit, cursor };
}

function toEventDto({ event: e, credentialName, credentialExternalId }: Joined): EventDto {
  const ref = e.credentialKeyId || e.credentialFingerprint || e.credentialExternalId
    ? { ...(e.credentialKeyId ? { keyId: e.credentialKeyId } : {}), ...(e.credentialFingerprint ? { fingerprint: e.credentialFingerprint } : {}), ...(e.credentialExternalId ? { externalId: e.credentialExternalId } : {}) }
    : null;
  return {
    id: e.id,
    occurredAt: e.occurredAt.toISOString(),
    format: e.format,
    credential: e.credentialId && credentialExternalId ? { id: e.credentialId, name: credentialName, externalId: credentialExternalId } : null,
    credentialRef: ref,
    actor: e.actor,
    actorType: e.actorType,
    attributionReason: e.attributionReason,
    onBehalfOf: e.onBehalfOf,
    agentName: e.agentName,
    operation: e.operation,
    rawOperation: e.rawOperation,
    destructive: e.destructive,
    resource: e.resource,
    resourceEnvironment: e.resourceEnvironment,
    outcome: e.outcome,
    origin: e.origin,
    approvalRef: e.approvalRef,
    crossEnv: e.crossEnv,
    afterExpiry: e.afterExpiry,
    unapprovedDestructive: e.unapprovedDestructive,
    flagged: e.flagged,
    flagReasons: raisedFlagReasons(e),
  };
}

/** The reasons of the flags raised: a flag not raised keeps its reason (why not) for the event page only. */
function raisedFlagReasons(e: Row): EventDto["flagReasons"] {
  return Object.fromEntries(eventFlags.filter((flag) => e[flag]).map((flag) => [flag, e.flagReasons[flag]]));
}

function selectJoined() {
  return db()
    .select({ event: activityEvents, credentialName: credentials.name, credentialExternalId: credentials.externalId })
    .from(activityEvents)
    .leftJoin(credentials, eq(credentials.id, activityEvents.credentialId));
}

/** Permission: activity:read, team-scoped. Newest first; the cursor is the last id seen (ids grow with ingest). */
export async function listEvents(viewer: Viewer, query: EventListQuery): Promise<EventPage> {
  requirePermission(viewer, "activity:read");
  const { where, limit, cursor } = conditions(viewer, query);
  // The cursor is looked up within the viewer's scope too: another team's event id answers as one that does not
  // exist (an empty page), or its existence and time would show through whichever of the viewer's events follow it.
  const anchor = db()
    .select({ occurredAt: activityEvents.occurredAt, id: activityEvents.id })
    .from(activityEvents)
    .where(and(eq(activityEvents.id, cursor ?? 0), scopeCondition(viewer)));
  const rows = await selectJoined()
    .where(and(...where, cursor !== null ? sql`(${activityEvents.occurredAt}, ${activityEvents.id}) < (${anchor})` : undefined))
    .orderBy(desc(activityEvents.occurredAt), desc(activityEvents.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return { items: page.map(toEventDto), nextCursor: rows.length > limit ? String(page.at(-1)!.event.id) : null };
}

/** Permission: activity:read. Another team's event is not found. */
export async function getEvent(viewer: Viewer, id: number): Promise<EventDetailDto> {
  requirePermission(viewer, "activity:read");
  const [row] = await selectJoined().where(and(eq(activityEvents.id, id), scopeCondition(viewer)));
  if (!row) throw notFound("Event");
  const e = row.event;
  return {
    ...toEventDto(row),
    ingestKey: e.ingestKey,
    destructiveReason: e.destructiveReason,
    environmentReason: e.environmentReason,
    flagReasons: e.flagReasons,
    coveringApproval: await coveringApproval(e),
    payload: e.payload,
  };
}

/**
 * The day counts of the viewer's teams (admins and auditors: all, including events not linked to a team), and of the
 * days of a scoped auditor's window.
 */
function dayCountScope(viewer: Viewer): SQL | undefined {
  const scope = teamScope(viewer);
  const days = activityDays(viewer);
  return and(
    scope === "all" ? undefined : scope.length ? inArray(activityDayCounts.teamKey, scope) : sql`false`,
    days ? between(activityDayCounts.day, days.from, days.to) : undefined,
  );
}

/**
 * Permission: activity:read. Operations per UTC day by actor type (the chart), within the viewer's scope: the last
 * `days` UTC days, today included (the same days as a posture trend of `days`), read from the day counts the
 * database keeps as events arrive.
 */
export async function activitySummary(viewer: Viewer, days = 30, now = new Date()): Promise<ActivitySummaryDto> {
  requirePermission(viewer, "activity:read");
  const to = utcDay(now);
  const from = addDays(to, 1 - days);
  const rows = await db()
    .select({
      day: sql<string>`${activityDayCounts.day}::text`,
      actorType: activityDayCounts.actorType,
      n: sql<number>`sum(${activityDayCounts.events})::int`,
      flagged: sql<number>`sum(${activityDayCounts.flagged})::int`,
    })
    .from(activityDayCounts)
    .where(and(gte(activityDayCounts.day, from), lte(activityDayCounts.day, to), dayCountScope(viewer)))
    .groupBy(activityDayCounts.day, activityDayCounts.actorType);
  const byDay = new Map<string, ActivitySummaryDto["days"][number]>();
  for (let d = 0; d < days; d++) {
    const key = addDays(from, d);
    byDay.set(key, { day: key, human: 0, agent: 0, service: 0, unknown: 0, flagged: 0 });
  }
  for (const r of rows) {
    const point = byDay.get(r.day);
    if (!point) continue;
    point[r.actorType] += Number(r.n);
    point.flagged += Number(r.flagged);
  }
  return { days: [...byDay.values()] };
}

/** Permission: activity:read. Flagged and unapproved destructive events of the last `days` UTC days, today included. */
export async function flaggedTotals(viewer: Viewer, days: number, now = new Date()): Promise<{ flagged: number; unapprovedDestructive: number }> {
  requirePermission(viewer, "activity:read");
  const [row] = await db()
    .select({ flagged: sql<number>`coalesce(sum(${activityDayCounts.flagged}), 0)::int`, unapproved: sql<number>`coalesce(sum(${activityDayCounts.unapprovedDestructive}), 0)::int` })
    .from(activityDayCounts)
    .where(and(gte(activityDayCounts.day, addDays(utcDay(now), 1 - days)), dayCountScope(viewer)));
  return { flagged: Number(row?.flagged ?? 0), unapprovedDestructive: Number(row?.unapproved ?? 0) };
}
