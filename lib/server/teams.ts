import "server-only";
import { and, count, eq, inArray, sql } from "drizzle-orm";
import { memberships, teams, users } from "@/db/schema";
import { teamCreateSchema, type TeamCreateInput, type TeamDto } from "@/lib/domain/identity";
import { actorOf, appendAudit } from "./audit";
import { db } from "./db";
import { AppError, notFound, parseInput } from "./errors";
import { evaluateAfter } from "./evaluation";
import type { Tx } from "./inventory-writer";
import { rowsOf } from "./sql-rows";
import { requirePermission, teamScope, type Viewer } from "./viewer";

export type TeamDetailDto = TeamDto & { members: { id: string; email: string; name: string; role: string }[] };

function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}

async function memberCounts(teamIds: string[]): Promise<Map<string, number>> {
  if (teamIds.length === 0) return new Map();
  const rows = await db()
    .select({ teamId: memberships.teamId, n: count() })
    .from(memberships)
    .where(inArray(memberships.teamId, teamIds))
    .groupBy(memberships.teamId);
  return new Map(rows.map((r) => [r.teamId, Number(r.n)]));
}

function toTeamDto(row: typeof teams.$inferSelect, memberCount: number): TeamDto {
  return { id: row.id, name: row.name, slug: row.slug, memberCount, createdAt: row.createdAt.toISOString() };
}

/** Permission: team:read. Engineers see only the teams they belong to. */
export async function listTeams(viewer: Viewer): Promise<TeamDto[]> {
  requirePermission(viewer, "team:read");
  const scope = teamScope(viewer);
  if (scope !== "all" && scope.length === 0) return [];
  const rows = await db()
    .select()
    .from(teams)
    .where(scope === "all" ? undefined : inArray(teams.id, scope))
    .orderBy(teams.name);
  const counts = await memberCounts(rows.map((r) => r.id));
  return rows.map((row) => toTeamDto(row, counts.get(row.id) ?? 0));
}

/** Permission: team:read. Another team's id answers not found, so existence does not leak. */
export async function getTeam(viewer: Viewer, id: string): Promise<TeamDetailDto> {
  requirePermission(viewer, "team:read");
  const scope = teamScope(viewer);
  if (scope !== "all" && !scope.includes(id)) throw notFound("Team");
  const [row] = await db().select().from(teams).where(eq(teams.id, id));
  if (!row) throw notFound("Team");
  const members = await db()
    .select({ id: users.id, email: users.email, name: users.name, role: users.role })
    .from(memberships)
    .innerJoin(users, and(eq(users.id, memberships.userId), eq(users.active, true)))
    .where(eq(memberships.teamId, id))
    .orderBy(users.email);
  return { ...toTeamDto(row, members.length), members };
}

/** Permission: team:manage. */
export async function createTeam(viewer: Viewer, input: TeamCreateInput): Promise<TeamDto> {
  requirePermission(viewer, "team:manage");
  const data = parseInput(teamCreateSchema, input);
  const slug = slugify(data.name);
  if (!slug) throw new AppError("invalid", "Team name needs letters or digits", { name: "needs letters or digits" });
  const created = await db().transaction(async (tx) => {
    const [clash] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.slug, slug));
    if (clash) throw new AppError("conflict", "A team with this name already exists", { name: "is already in use" });
    const [row] = await tx.insert(teams).values({ name: data.name, slug }).returning();
    const linked = await linkCredentialsNamingTeam(tx, row!);
    await appendAudit(tx, actorOf(viewer), { action: "team.create", targetType: "team", targetId: row!.id, details: { name: data.name, linkedCredentials: linked } });
    return { team: toTeamDto(row!, 0), linked };
  });
  if (created.linked > 0) await evaluateAfter({ kind: "team", teamId: created.team.id }, actorOf(viewer).actorLabel);
  return created.team;
}

/**
 * An inventory may name a team before an administrator creates it: those credentials are kept with the name alone
 * (no team, so no engineer sees them). Creating the team gives it to them, as an import after it would have, and to
 * their events that have no team, as an ingest after it would have. The name matches as imports match it
 * (loadTeamResolver): the team's name or slug, case-insensitively. Returns how many credentials it took.
 */
async function linkCredentialsNamingTeam(tx: Tx, team: { id: string; name: string; slug: string }): Promise<number> {
  // One statement: the events follow the credentials the update returns, rather than a second read of them.
  const [linked] = await rowsOf<{ n: number }>(
    tx,
    sql`with linked as (
          update credentials set team_id = ${team.id}::uuid
          where team_id is null and lower(btrim(team)) in (lower(${team.name}), ${team.slug})
          returning id
        ), events as (
          update activity_events set team_id = ${team.id}::uuid
          where team_id is null and credential_id in (select id from linked)
        )
        select count(*)::int as n from linked`,
  );
  return linked!.n;
}
