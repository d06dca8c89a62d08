import { sql } from "drizzle-orm";
import { boolean, index, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { AuditScope } from "../../lib/domain/audit-scope";
import { roles, tokenScopes } from "../../lib/domain/identity";

export const roleEnum = pgEnum("role", roles);
export const tokenScopeEnum = pgEnum("token_scope", tokenScopes);

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  role: roleEnum("role").notNull(),
  /** argon2id; null for accounts that only sign in through the identity provider. */
  passwordHash: text("password_hash"),
  active: boolean("active").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
  /** Auditors only: the one framework and audit window an admin limited them to; null sees every framework and day. */
  auditScope: jsonb("audit_scope").$type<AuditScope>(),
});

export const teams = pgTable("teams", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  slug: text("slug").notNull().unique(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const memberships = pgTable(
  "memberships",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    teamId: uuid("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.teamId] }), index("memberships_team_idx").on(t.teamId)],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    /** The user the token acts for: it never has more rights than that user's current role. */
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    scopes: tokenScopeEnum("scopes").array().notNull(),
    /** SHA-256 of the token: tokens are 190+ bits of randomness, so a fast hash is not brute-forceable. */
    tokenHash: text("token_hash").notNull().unique(),
    prefix: text("prefix").notNull(),
    /**
     * HMAC-SHA-256 of the token under the instance's fingerprint key, as for every credential: a token found by a
     * scan matches the inventory credential Leash keeps for it. Null for tokens made before Leash kept it.
     */
    fingerprint: text("fingerprint"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId), index("api_tokens_active_idx").on(t.expiresAt).where(sql`revoked_at is null`)],
);
