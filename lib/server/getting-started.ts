import "server-only";
import { sql } from "drizzle-orm";
import { activityEvents, credentials, scanRuns, settings, sources, teams } from "@/db/schema";
import { db } from "./db";
import { ENVIRONMENT_RULES } from "./settings";
import { rowsOf } from "./sql-rows";
import { TOKEN_SOURCE_FORMAT } from "./token-credentials";
import { can } from "./permissions";
import type { Viewer } from "./viewer";

/** What a new instance needs before its posture means anything, in the order an administrator does it. */
export const SETUP_STEPS = ["teams", "inventory", "environments", "activity", "scans"] as const;
export type SetupStepId = (typeof SETUP_STEPS)[number];
export type SetupStep = { id: SetupStepId; done: boolean };

/**
 * For administrators only (setting an instance up takes team:manage, and every step below is theirs to do); null
 * for anyone else. Instance-wide on purpose: whether the instance has an inventory at all, not what a team sees.
 * Leash's own API tokens do not count as an inventory: they appear as credentials the moment a token is made.
 */
export async function gettingStarted(viewer: Viewer): Promise<SetupStep[] | null> {
  if (!can(viewer, "team:manage")) return null;
  // One round trip: each step is an index probe (exists stops at the first row), not a count of a million events.
  const [done] = await rowsOf<Record<SetupStepId, boolean>>(
    db(),
    sql`select
      exists (select 1 from ${teams}) as teams,
      exists (select 1 from ${credentials} join ${sources} on ${sources.id} = ${credentials.sourceId} where ${sources.format} <> ${TOKEN_SOURCE_FORMAT}) as inventory,
      coalesce((select jsonb_array_length(${settings.value}) from ${settings} where ${settings.key} = ${ENVIRONMENT_RULES}), 0) > 0 as environments,
      exists (select 1 from ${activityEvents}) as activity,
      exists (select 1 from ${scanRuns}) as scans`,
  );
  return SETUP_STEPS.map((id) => ({ id, done: done![id] === true }));
}
