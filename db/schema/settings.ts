import { integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Instance settings an admin changes in the UI (mapping rules, later rule parameters), versioned by `version`. */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  version: integer("version").notNull().default(1),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text("updated_by").notNull(),
});
