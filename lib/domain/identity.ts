import { z } from "zod";
import { isoInstant } from "./iso-instant";
import { auditScopeSchema, type AuditScope } from "./audit-scope";
import { safeName } from "./safe-name";

/** Roles of DESIGN §1. The permissions each one holds live in lib/server/permissions.ts. */
export const roles = ["admin", "auditor", "engineer"] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/** API token scopes. A token can never do more than the role of the user it acts for. */
export const tokenScopes = ["read", "ingest", "evidence", "admin"] as const;
export const tokenScopeSchema = z.enum(tokenScopes);
export type TokenScope = z.infer<typeof tokenScopeSchema>;

export const MAX_TOKEN_DAYS = 90;

const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: "must be a valid email address" }));
// Names are shown beside credentials and in the audit log: the same characters are refused as in a credential's.
const displayName = safeName(z.string().trim().min(1, "is required").max(120));

/** Passwords: length over composition rules (NIST SP 800-63B); 12 characters at least. */
export const passwordSchema = z
  .string()
  .min(12, "must be at least 12 characters")
  .max(256, "must be at most 256 characters");

export const userCreateSchema = z.object({
  email,
  name: displayName,
  role: roleSchema,
  password: passwordSchema.optional(),
  teamIds: z.array(z.uuid()).max(50).default([]),
  /** Auditors only: one framework and audit window; null or absent sees everything. */
  auditScope: auditScopeSchema.nullable().optional(),
});
export type UserCreateInput = z.input<typeof userCreateSchema>;

export const userUpdateSchema = z
  .object({
    name: displayName.optional(),
    role: roleSchema.optional(),
    active: z.boolean().optional(),
    teamIds: z.array(z.uuid()).max(50).optional(),
    auditScope: auditScopeSchema.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "nothing to change" });
export type UserUpdateInput = z.input<typeof userUpdateSchema>;

/** The users list: everyone, or a team's members (a team's member count links here). */
export const userListQuerySchema = z.object({
  teamId: z.uuid().optional(),
});
export type UserListQuery = z.input<typeof userListQuerySchema>;

export const teamCreateSchema = z.object({
  name: safeName(z.string().trim().min(2, "must be at least 2 characters").max(80)),
});
export type TeamCreateInput = z.input<typeof teamCreateSchema>;

export const tokenCreateSchema = z.object({
  name: safeName(z.string().trim().min(1, "is required").max(80)),
  scopes: z.array(tokenScopeSchema).min(1, "pick at least one scope").max(4),
  expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS, `must be at most ${MAX_TOKEN_DAYS} days`),
  /** The user the token acts for; defaults to its creator. */
  userId: z.uuid().optional(),
});
export type TokenCreateInput = z.input<typeof tokenCreateSchema>;

export const auditQuerySchema = z.object({
  action: z.string().max(80).optional(),
  actor: z.string().max(254).optional(),
  outcome: z.enum(["success", "failure", "denied"]).optional(),
  from: isoInstant().optional(),
  to: isoInstant().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().positive().optional(),
});
export type AuditQuery = {
  action?: string;
  actor?: string;
  outcome?: "success" | "failure" | "denied";
  from?: string;
  to?: string;
  limit?: number;
  before?: number;
};

// ---- DTOs: what the API returns. Explicit, so a new column never leaks by accident.

export type TeamRef = { id: string; name: string };

export type UserDto = {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  teams: TeamRef[];
  createdAt: string;
  lastSignInAt: string | null;
  hasPassword: boolean;
  auditScope: AuditScope | null;
};

export type MeDto = {
  id: string;
  email: string;
  name: string;
  role: Role;
  teams: TeamRef[];
  permissions: string[];
  auditScope: AuditScope | null;
  via: "session" | "token";
  token: { id: string; name: string; scopes: TokenScope[]; expiresAt: string } | null;
};

export type TeamDto = { id: string; name: string; slug: string; memberCount: number; createdAt: string };

export type TokenDto = {
  id: string;
  name: string;
  /** First characters of the token, enough to recognise it, never enough to use it. */
  prefix: string;
  scopes: TokenScope[];
  user: { id: string; email: string };
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  status: "active" | "expired" | "revoked";
  /** The inventory credential Leash keeps for the token, which the rules score like any other key. */
  credentialId: string | null;
};

/** Returned once, at creation: the only time the token value exists outside its holder. */
export type CreatedTokenDto = TokenDto & { token: string };

export type AuditEntryDto = {
  seq: number;
  at: string;
  actorType: "user" | "token" | "cli" | "system" | "anonymous";
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: "success" | "failure" | "denied";
  ip: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
  hash: string;
};

export type AuditVerifyDto =
  | { ok: true; entries: number; lastHash: string | null }
  | { ok: false; entries: number; brokenAt: number; reason: string };

export type ApiErrorBody = { error: { code: string; message: string; requestId: string; fields?: Record<string, string> } };
