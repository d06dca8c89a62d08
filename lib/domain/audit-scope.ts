import { z } from "zod";
import { frameworkById } from "@/lib/rules/frameworks";
import { addDays, DAY_MS, isUtcDay } from "./utc-days";

/**
 * An auditor's engagement, set by an admin: one framework and an audit window of whole UTC days. The auditor then
 * sees and exports only that framework, as of instants inside the window, and the activity of those days — the way a
 * GRC tool gives each audit its own space.
 */
export const MAX_AUDIT_WINDOW_DAYS = 366;

const day = z.string().refine(isUtcDay, "must be a calendar day as YYYY-MM-DD");

export const auditScopeSchema = z
  .object({
    framework: z
      .string()
      .transform((id) => frameworkById(id)?.id ?? id)
      .refine((id) => frameworkById(id) !== undefined, "is not a known framework"),
    from: day,
    to: day,
  })
  // The window is only checked between two real days: one that is not a day has its own error, and addDays would
  // throw on it (a 500 instead of a field error).
  .refine((s) => !bothDays(s) || s.from <= s.to, { message: "must not be before the first day", path: ["to"] })
  .refine((s) => !bothDays(s) || s.to < addDays(s.from, MAX_AUDIT_WINDOW_DAYS), { message: `an audit window spans at most ${MAX_AUDIT_WINDOW_DAYS} days`, path: ["to"] });

function bothDays(scope: { from: string; to: string }): boolean {
  return isUtcDay(scope.from) && isUtcDay(scope.to);
}

export type AuditScope = z.infer<typeof auditScopeSchema>;

/** The window's first and last millisecond. */
export function auditWindow(scope: AuditScope): { start: Date; end: Date } {
  return { start: new Date(`${scope.from}T00:00:00.000Z`), end: new Date(Date.parse(`${scope.to}T00:00:00.000Z`) + DAY_MS - 1) };
}

/** How every page and refusal names the scope: "SOC 2, 2026-10-01 to 2026-10-31 (UTC)". */
export function describeAuditScope(scope: AuditScope): string {
  return `${frameworkById(scope.framework)?.label ?? scope.framework}, ${scope.from} to ${scope.to} (UTC)`;
}
