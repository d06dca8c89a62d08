import "server-only";
import { and, eq } from "drizzle-orm";
import type { AuditScope } from "@/lib/domain/audit-scope";
import type { Role, TokenScope } from "@/lib/domain/identity";
import { memberships, teams, users } from "@/db/schema";
import { db } from "./db";
import { AppError, forbidden } from "./errors";
import { can, permissionsFor, permissionTable, type Permission } from "./permissions";

/** Who is asking, as re-read from the database for this request. Every data access function takes one. */
export type Viewer = {
  userId: string;
  email: string;
  name: string;
  role: Role;
  teamIds: string[];
  teams: { id: string; name: string }[];
  permissions: ReadonlySet<Permission>;
  via: "session" | "token" | "cli";
  token?: { id: string; name: string; scopes: TokenScope[]; expiresAt: Date };
  /** An auditor an admin limited to one framework and audit window (lib/server/audit-scope.ts); absent otherwise. */
  auditScope?: AuditScope | null;
  ip?: string | null;
  requestId?: string;
};

export type ViewerOrigin = Pick<Viewer, "via" | "token" | "ip" | "requestId">;

/**
 * Loads the viewer for a user id, or null when the user no longer exists or is deactivated. The role comes from
 * the database on every request, so removing a role takes effect at once rather than when a session expires.
 */
export async function loadViewer(userId: string, origin: ViewerOrigin): Promise<Viewer | null> {
  const [user] = await db()
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, auditScope: users.auditScope })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.active, true)));
  if (!user) return null;
  const teamRows = await db()
    .select({ id: teams.id, name: teams.name })
    .from(memberships)
    .innerJoin(teams, eq(teams.id, memberships.teamId))
    .where(eq(memberships.userId, userId))
    .orderBy(teams.name);
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    teamIds: teamRows.map((t) => t.id),
    teams: teamRows,
    permissions: permissionsFor(user.role, origin.token?.scopes),
    auditScope: user.role === "auditor" ? user.auditScope : null,
    ...origin,
  };
}

export function requirePermission(viewer: Viewer, permission: Permission): void {
  if (can(viewer, permission)) return;
  // The user may, the token may not: name the scope that would, or a script's author hunts through roles for nothing.
  const { roles, scopes } = permissionTable[permission];
  if (viewer.token && (roles as readonly Role[]).includes(viewer.role)) {
    throw forbidden(`This API token's scopes (${viewer.token.scopes.join(", ")}) do not allow ${permission}; a token with the ${scopes.join(" or ")} scope does`);
  }
  throw forbidden();
}

/** Engineers are confined to their teams; admins and auditors see every team. */
export function teamScope(viewer: Viewer): string[] | "all" {
  return viewer.role === "engineer" ? viewer.teamIds : "all";
}

export function inTeamScope(viewer: Viewer, teamId: string | null): boolean {
  return teamInScope(teamScope(viewer), teamId);
}

/** Whether a team's subject is within a team scope: a subject with no team is only in "all". */
export function teamInScope(scope: string[] | "all", teamId: string | null): boolean {
  return scope === "all" || (teamId !== null && scope.includes(teamId));
}

export function requireSignedIn(viewer: Viewer | null): Viewer {
  if (!viewer) throw new AppError("unauthenticated", "Sign in or send a valid API token");
  return viewer;
}
