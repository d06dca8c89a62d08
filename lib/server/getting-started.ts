import "server-only";
import { eq, ne, sql } from "drizzle-orm";
import { activityEvents, credentials, scanRuns, settings, sources, teams } from "@/db/schema";
import { db } from "./db";
import { ENVIRONMENT_RULES } from "./settings";
import { TOKEN_SOURCE_FORMAT } from "./token-credentials";
import { can } from "./permissions";
import type { Viewer } from "./viewer";

/** What a new instance needs before its posture means anything, in the order an administrator does it. */
export const SETUP_STEPS = ["teams", "inventory", "environments", "activity", "scans"] as const;
export type SetupStepId = (typeof SETUP_STEPS)[number];
export type SetupStep = { id: SetupStepId; done: boolean };

/** Whether the table has a row at all: one index probe, not a count of a million events. */
const hasAnyRow = (table: typeof teams | typeof activityEvents | typeof scanRuns) =>
  db().select({ one: sql`1` }).from(table).limit(1).then((rows) => rows.length > 0);

/**
 * For administrators only (setting an instance up takes team:manage, and every step below is theirs to do); null
 * for anyone else. Instance-wide on purpose: whether the instance has an inventory at all, not what a team sees.
 * Leash's own API tokens do not count as an inventory: they appear as credentials the moment a token is made.
 */
export async function gettingStarted(viewer: Viewer): Promise<SetupStep[] | null> {
  if (!can(viewer, "team:manage")) return null;
  const [teamsDone, inventoryDone, environmentsDone, activityDone, scansDone] = await Promise.all([
    hasAnyRow(teams),
    db()
      .select({ one: sql`1` })
      .from(credentials)
      .innerJoin(sources, eq(sources.id, credentials.sourceId))
      .where(ne(sources.format, TOKEN_SOURCE_FORMAT))
      .limit(1)
      .then((rows) => rows.length > 0),
    db()
      .select({ rules: sql<number>`jsonb_array_length(${settings.value})` })
      .from(settings)
      .where(eq(settings.key, ENVIRONMENT_RULES))
      .then(([row]) => Number(row?.rules ?? 0) > 0),
    hasAnyRow(activityEvents),
    hasAnyRow(scanRuns),
  ]);
  const done: Record<SetupStepId, boolean> = {
    teams: teamsDone,
    inventory: inventoryDone,
    environments: environmentsDone,
    activity: activityDone,
    scans: scansDone,
  };
  return SETUP_STEPS.map((id) => ({ id, done: done[id] }));
}
