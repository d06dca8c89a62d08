import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Sign-in failure counters, one row per key ("account:<email>" or "ip:<address>"). Kept in the database so
 * the limit holds across every web process.
 */
export const signInThrottle = pgTable("sign_in_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});
