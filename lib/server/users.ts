import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { memberships, teams, users } from "@/db/schema";
import {
  userCreateSchema,
  userListQuerySchema,
  userUpdateSchema,
  type MeDto,
  type UserCreateInput,
  type UserDto,
  type UserListQuery,
  type UserUpdateInput,
} from "@/lib/domain/identity";
import { actorOf, appendAudit } from "./audit";
import { db } from "./db";
import { AppError, notFound, parseInput } from "./errors";
import { hashPassword } from "./passwords";
import { requirePermission, type Viewer } from "./viewer";

type UserRow = typeof users.$inferSelect;

async function teamsByUser(userIds: string[]): Promise<Map<string, { id: string; name: string }[]>> {
  const byUser = new Map<string, { id: string; name: string }[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db()
    .select({ userId: memberships.userId, id: teams.id, name: teams.name })
    .from(memberships)
    .innerJoin(teams, eq(teams.id, memberships.teamId))
    .where(inArray(memberships.userId, userIds))
    .orderBy(teams.name);
  for (const { userId, ...team } of rows) byUser.set(userId, [...(byUser.get(userId) ?? []), team]);
  return byUser;
}

function toUserDto(row: UserRow, userTeams: { id: string; name: string }[]): UserDto {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    active: row.active,
    teams: userTeams,
    createdAt: row.createdAt.toISOString(),
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
    hasPassword: row.passwordHash !== null,
    auditScope: row.auditScope,
  };
}

/** Permission: user:read (every team's people, so no team scope to apply). `teamId`: that team's members, deactivated ones too, as its member count. */
export async function listUsers(viewer: Viewer, query: UserListQuery = {}): Promise<UserDto[]> {
  requirePermission(viewer, "user:read");
  const { teamId } = parseInput(userListQuerySchema, query);
  const members = teamId ? inArray(users.id, db().select({ id: memberships.userId }).from(memberships).where(eq(memberships.teamId, teamId))) : undefined;
  const rows = await db().select().from(users).where(members).orderBy(users.email);
  const byUser = await teamsByUser(rows.map((r) => r.id));
  return rows.map((row) => toUserDto(row, byUser.get(row.id) ?? []));
}

/** Permission: self:read. What the caller is, as the server sees it. */
export async function getMe(viewer: Viewer): Promise<MeDto> {
  requirePermission(viewer, "self:read");
  return {
    id: viewer.userId,
    email: viewer.email,
    name: viewer.name,
    role: viewer.role,
    teams: viewer.teams,
    permissions: [...viewer.permissions].sort(),
    auditScope: viewer.auditScope ?? null,
    via: viewer.via === "token" ? "token" : "session",
    token: viewer.token
      ? { id: viewer.token.id, name: viewer.token.name, scopes: viewer.token.scopes, expiresAt: viewer.token.expiresAt.toISOString() }
      : null,
  };
}

async function assertTeamsExist(teamIds: string[]): Promise<void> {
  if (teamIds.length === 0) return;
  const found = await db().select({ id: teams.id }).from(teams).where(inArray(teams.id, teamIds));
  if (found.length !== new Set(teamIds).size) throw new AppError("invalid", "Unknown team", { teamIds: "contains an unknown team" });
}

/** Permission: user:manage. */
export async function createUser(viewer: Viewer, input: UserCreateInput): Promise<UserDto> {
  requirePermission(viewer, "user:manage");
  const data = parseInput(userCreateSchema, input);
  if (data.auditScope) requireAuditorFor(data.role);
  await assertTeamsExist(data.teamIds);
  const passwordHash = data.password ? await hashPassword(data.password) : null;
  const id = await db().transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, data.email));
    if (existing) throw new AppError("conflict", "A user with this email already exists", { email: "is already in use" });
    const [row] = await tx
      .insert(users)
      .values({ email: data.email, name: data.name, role: data.role, passwordHash, auditScope: data.auditScope ?? null })
      .returning({ id: users.id });
    const userId = row!.id;
    if (data.teamIds.length) await tx.insert(memberships).values(data.teamIds.map((teamId) => ({ userId, teamId })));
    await appendAudit(tx, actorOf(viewer), {
      action: "user.create",
      targetType: "user",
      targetId: userId,
      details: { email: data.email, role: data.role, teamIds: data.teamIds, password: data.password ? "set" : "none", auditScope: data.auditScope ?? null },
    });
    return userId;
  });
  return getUserDto(id);
}

/** Only an auditor can be limited to one framework and audit window; the other roles are not scoped that way. */
function requireAuditorFor(role: string): void {
  if (role !== "auditor") throw new AppError("invalid", "Only auditors can be limited to a framework and an audit window", { auditScope: "only for the auditor role" });
}

async function getUserDto(id: string): Promise<UserDto> {
  const [row] = await db().select().from(users).where(eq(users.id, id));
  if (!row) throw notFound("User");
  return toUserDto(row, (await teamsByUser([id])).get(id) ?? []);
}

/** Permission: user:manage. An admin cannot demote or deactivate themself, so an instance never loses its last admin by accident. */
export async function updateUser(viewer: Viewer, id: string, input: UserUpdateInput): Promise<UserDto> {
  requirePermission(viewer, "user:manage");
  const data = parseInput(userUpdateSchema, input);
  if (id === viewer.userId && ((data.role && data.role !== "admin") || data.active === false)) {
    throw new AppError("invalid", "You cannot remove your own admin role or deactivate yourself");
  }
  if (data.teamIds) await assertTeamsExist(data.teamIds);
  await db().transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, id)).for("update");
    if (!before) throw notFound("User");
    const role = data.role ?? before.role;
    if (data.auditScope) requireAuditorFor(role);
    const { teamIds, ...fields } = data;
    // A scope belongs to an auditor: a user who stops being one loses it.
    if (role !== "auditor" && before.auditScope) fields.auditScope = null;
    if (Object.keys(fields).length) await tx.update(users).set({ ...fields, updatedAt: sql`now()` }).where(eq(users.id, id));
    if (teamIds) {
      await tx.delete(memberships).where(eq(memberships.userId, id));
      if (teamIds.length) await tx.insert(memberships).values(teamIds.map((teamId) => ({ userId: id, teamId })));
    }
    await appendAudit(tx, actorOf(viewer), {
      action: data.active === false ? "user.deactivate" : data.active === true && !before.active ? "user.reactivate" : "user.update",
      targetType: "user",
      targetId: id,
      details: { email: before.email, before: { role: before.role, active: before.active, auditScope: before.auditScope }, changes: { ...data, ...fields } },
    });
  });
  return getUserDto(id);
}

/** For the CLI's first-admin bootstrap: whether any active admin exists. */
export async function hasActiveAdmin(): Promise<boolean> {
  const [row] = await db()
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true)))
    .limit(1);
  return Boolean(row);
}
