import { sql } from "drizzle-orm";
import { bigserial, index, jsonb, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const auditActorTypeEnum = pgEnum("audit_actor_type", ["user", "token", "cli", "system", "anonymous"]);
export const auditOutcomeEnum = pgEnum("audit_outcome", ["success", "failure", "denied"]);

/**
 * Append-only, hash-chained log (a trigger refuses UPDATE, DELETE and TRUNCATE; see the custom migration).
 * hash = sha256(prev_hash ‖ canonical JSON of the entry), so altering or removing any row breaks the chain.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
    actorType: auditActorTypeEnum("actor_type").notNull(),
    actorId: text("actor_id"),
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    outcome: auditOutcomeEnum("outcome").notNull(),
    ip: text("ip"),
    requestId: text("request_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull(),
    prevHash: text("prev_hash"),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at),
    index("audit_log_action_idx").on(t.action),
    // The status changes of given findings (a package of a past instant): one finding's by its id, bulk ones by theirs.
    index("audit_log_finding_update_idx").on(t.targetId).where(sql`action = 'finding.update'`),
    index("audit_log_finding_bulk_update_idx").using("gin", sql`(details -> 'ids')`).where(sql`action = 'finding.bulk_update'`),
  ],
);
