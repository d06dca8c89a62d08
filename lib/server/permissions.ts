import type { Role, TokenScope } from "@/lib/domain/identity";

/**
 * The permission table: every permission, which roles hold it, and which token scopes grant it. A request may do
 * something only when its user's role holds the permission and, for a token, one of the token's scopes grants it.
 * Team scoping (engineers see their own teams only) is applied by each data access function on top of this.
 */
export const permissionTable = {
  "self:read": { roles: ["admin", "auditor", "engineer"], scopes: ["read", "ingest", "evidence", "admin"] },
  "posture:read": { roles: ["admin", "auditor", "engineer"], scopes: ["read", "admin"] },
  "team:read": { roles: ["admin", "auditor", "engineer"], scopes: ["read", "admin"] },
  "team:manage": { roles: ["admin"], scopes: ["admin"] },
  "user:read": { roles: ["admin", "auditor"], scopes: ["read", "admin"] },
  "user:manage": { roles: ["admin"], scopes: ["admin"] },
  "token:read": { roles: ["admin", "auditor"], scopes: ["read", "admin"] },
  "token:manage": { roles: ["admin"], scopes: ["admin"] },
  "audit:read": { roles: ["admin", "auditor"], scopes: ["read", "evidence", "admin"] },
  "credential:read": { roles: ["admin", "auditor", "engineer"], scopes: ["read", "admin"] },
  "credential:write": { roles: ["admin", "engineer"], scopes: ["admin"] },
  "credential:import": { roles: ["admin", "engineer"], scopes: ["ingest", "admin"] },
  "activity:read": { roles: ["admin", "auditor", "engineer"], scopes: ["read", "admin"] },
  "activity:ingest": { roles: ["admin"], scopes: ["ingest", "admin"] },
  "approval:write": { roles: ["admin"], scopes: ["ingest", "admin"] },
  "scan:read": { roles: ["admin", "auditor", "engineer"], scopes: ["read", "admin"] },
  "scan:write": { roles: ["admin"], scopes: ["ingest", "admin"] },
  "finding:read": { roles: ["admin", "auditor", "engineer"], scopes: ["read", "admin"] },
  "finding:write": { roles: ["admin", "engineer"], scopes: ["admin"] },
  "exception:request": { roles: ["admin", "engineer"], scopes: ["admin"] },
  "exception:decide": { roles: ["admin"], scopes: ["admin"] },
  "evaluation:run": { roles: ["admin"], scopes: ["admin"] },
  "evidence:read": { roles: ["admin", "auditor"], scopes: ["evidence", "admin"] },
  "evidence:build": { roles: ["admin", "auditor"], scopes: ["evidence", "admin"] },
  // Everyone may follow their own jobs; admins and auditors see every job (lib/server/jobs/store.ts).
  "job:read": { roles: ["admin", "auditor", "engineer"], scopes: ["read", "ingest", "evidence", "admin"] },
  "settings:read": { roles: ["admin", "auditor"], scopes: ["read", "admin"] },
  "settings:manage": { roles: ["admin"], scopes: ["admin"] },
} as const satisfies Record<string, { roles: readonly Role[]; scopes: readonly TokenScope[] }>;

export type Permission = keyof typeof permissionTable;
export const permissions = Object.keys(permissionTable) as Permission[];

/** Permissions of a role, narrowed to what the token's scopes grant when the request carries a token. */
export function permissionsFor(role: Role, tokenScopes?: readonly TokenScope[]): Set<Permission> {
  return new Set(
    permissions.filter((permission) => {
      const entry = permissionTable[permission];
      if (!(entry.roles as readonly Role[]).includes(role)) return false;
      return !tokenScopes || tokenScopes.some((scope) => (entry.scopes as readonly TokenScope[]).includes(scope));
    }),
  );
}

export function can(viewer: { permissions: ReadonlySet<Permission> }, permission: Permission): boolean {
  return viewer.permissions.has(permission);
}
