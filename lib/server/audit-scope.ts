import "server-only";
import { auditWindow, describeAuditScope } from "@/lib/domain/audit-scope";
import { addDays, utcDay } from "@/lib/domain/utc-days";
import { FRAMEWORKS, frameworkById, type Framework } from "@/lib/rules/frameworks";
import { forbidden } from "./errors";
import type { Viewer } from "./viewer";

/**
 * An auditor limited by an admin to one framework and an audit window (lib/domain/audit-scope.ts) reads posture,
 * controls, trends, activity and evidence only inside it. Every check is here, called by the data access functions;
 * a refusal names the scope, so the auditor knows what they may ask for.
 */

function outside(viewer: Viewer, what: string): Error {
  return forbidden(`${what}: your access is limited to ${describeAuditScope(viewer.auditScope!)}`);
}

/** The frameworks a viewer may read, in the usual order. */
export function visibleFrameworks(viewer: Viewer): readonly Framework[] {
  const scope = viewer.auditScope;
  return scope ? FRAMEWORKS.filter((f) => f.id === scope.framework) : FRAMEWORKS;
}

/** Refuses a framework outside the viewer's scope; an unknown one is left for the caller's own not-found. */
export function requireFrameworkInScope(viewer: Viewer, frameworkId: string): void {
  const scope = viewer.auditScope;
  if (!scope) return;
  const id = frameworkById(frameworkId)?.id;
  if (id && id !== scope.framework) throw outside(viewer, `${frameworkById(frameworkId)!.label} is not in your audit scope`);
}

/**
 * The instant a posture read stands for: as asked (undefined = now). A scoped auditor's must lie inside the window;
 * once the window is over, "now" is its last instant, and before it begins there is nothing to show.
 */
export function scopedAsOf(viewer: Viewer, asOf: Date | undefined, now: Date = new Date()): Date | undefined {
  const scope = viewer.auditScope;
  if (!scope) return asOf;
  const { start, end } = auditWindow(scope);
  const at = asOf ?? now;
  if (at < start || (asOf && at > end)) throw outside(viewer, `${at.toISOString()} is outside your audit window`);
  return at > end ? end : asOf;
}

/**
 * The days of a trend or audit period a viewer may see. A period asked for by days (the last 30) is cut to the
 * window; one asked for by first and last day must lie inside it.
 */
export function scopedPeriod<Q extends { days?: number; from?: string; to?: string }>(viewer: Viewer, query: Q, now: Date = new Date()): Q {
  const scope = viewer.auditScope;
  if (!scope) return query;
  if (query.from || query.to) {
    if ((query.from ?? scope.from) < scope.from || (query.to ?? scope.to) > scope.to) throw outside(viewer, `${query.from ?? "…"} to ${query.to ?? "…"} is outside your audit window`);
    return query;
  }
  const today = utcDay(now);
  if (today < scope.from) throw outside(viewer, "Your audit window has not begun");
  const to = today < scope.to ? today : scope.to;
  const wanted = addDays(to, 1 - (query.days ?? 30));
  return { ...query, days: undefined, from: wanted > scope.from ? wanted : scope.from, to };
}

/** The first and last day of activity a viewer may see (UTC, inclusive), or null for no limit. */
export function activityDays(viewer: Viewer): { from: string; to: string } | null {
  return viewer.auditScope ? { from: viewer.auditScope.from, to: viewer.auditScope.to } : null;
}

/** The window as instants, for filters on event times; null for no limit. */
export function activityWindow(viewer: Viewer): { start: Date; end: Date } | null {
  return viewer.auditScope ? auditWindow(viewer.auditScope) : null;
}

/** The framework a page opens on when none is asked for: a scoped auditor's own. */
export function defaultFramework(viewer: Viewer, fallback: string): string {
  return viewer.auditScope?.framework ?? fallback;
}

/** The period a Type II view or an evidence form opens on for a scoped auditor: the window, up to today. */
export function defaultPeriodFor(viewer: Viewer, now: Date = new Date()): { from: string; to: string } | null {
  const scope = viewer.auditScope;
  if (!scope) return null;
  const today = utcDay(now);
  return { from: scope.from, to: scope.to < today ? scope.to : today < scope.from ? scope.from : today };
}

/** The instant a posture page opens on when none is asked for: a scoped auditor's window end once it is over. */
export function defaultAsOf(viewer: Viewer, now: Date = new Date()): string | undefined {
  if (!viewer.auditScope) return undefined;
  const { end } = auditWindow(viewer.auditScope);
  return end < now ? end.toISOString() : undefined;
}
