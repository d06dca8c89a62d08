import "server-only";
import { eq, sql } from "drizzle-orm";
import { settings } from "@/db/schema";
import { mappingRuleSetSchema, type MappingRuleSet } from "@/lib/domain/credential-mapping";
import { environmentRulesSchema, type EnvironmentRule } from "@/lib/ingest/events";
import { actorOf, appendAudit } from "./audit";
import type { Database } from "@/db/client";
import { db } from "./db";
import { parseInput } from "./errors";
import { requirePermission, type Viewer } from "./viewer";

const MAPPING_RULES = "credential_mapping_rules";

export type MappingRulesDto = { rules: MappingRuleSet["rules"]; version: number; updatedAt: string | null; updatedBy: string | null };

/**
 * The stored rule set, for the import pipeline (which runs with the importer's authority already checked); read in
 * the caller's transaction when it has one (the embedded database has one connection, which the transaction holds).
 */
export async function currentMappingRules(executor: Pick<Database, "select"> = db()): Promise<MappingRuleSet> {
  const [row] = await executor.select().from(settings).where(eq(settings.key, MAPPING_RULES));
  return row ? mappingRuleSetSchema.parse(row.value) : { rules: [] };
}

/** Permission: settings:read. */
export async function getMappingRules(viewer: Viewer): Promise<MappingRulesDto> {
  requirePermission(viewer, "settings:read");
  const [row] = await db().select().from(settings).where(eq(settings.key, MAPPING_RULES));
  if (!row) return { rules: [], version: 0, updatedAt: null, updatedBy: null };
  return { rules: mappingRuleSetSchema.parse(row.value).rules, version: row.version, updatedAt: row.updatedAt.toISOString(), updatedBy: row.updatedBy };
}

/** Permission: settings:manage. Replaces the rule set as a new version; applies to imports from now on. */
export async function setMappingRules(viewer: Viewer, input: unknown): Promise<MappingRulesDto> {
  requirePermission(viewer, "settings:manage");
  const ruleSet = parseInput(mappingRuleSetSchema, input);
  await db().transaction(async (tx) => {
    await tx
      .insert(settings)
      .values({ key: MAPPING_RULES, value: ruleSet, updatedBy: viewer.email })
      .onConflictDoUpdate({
        target: settings.key,
        set: { value: ruleSet, version: sql`${settings.version} + 1`, updatedAt: sql`now()`, updatedBy: viewer.email },
      });
    await appendAudit(tx, actorOf(viewer), { action: "settings.mapping_rules", targetType: "settings", targetId: MAPPING_RULES, details: { rules: ruleSet.rules.length } });
  });
  return getMappingRules(viewer);
}

export const ENVIRONMENT_RULES = "environment_rules";

/** Resource → environment patterns applied at ingest (an environment stated on the event wins). */
export async function currentEnvironmentRules(): Promise<EnvironmentRule[]> {
  const [row] = await db().select().from(settings).where(eq(settings.key, ENVIRONMENT_RULES));
  return row ? environmentRulesSchema.parse(row.value) : [];
}

/** Permission: settings:read. */
export async function getEnvironmentRules(viewer: Viewer): Promise<{ rules: EnvironmentRule[] }> {
  requirePermission(viewer, "settings:read");
  return { rules: await currentEnvironmentRules() };
}

/** Permission: settings:manage. Applies to events ingested from now on. */
export async function setEnvironmentRules(viewer: Viewer, input: unknown): Promise<{ rules: EnvironmentRule[] }> {
  requirePermission(viewer, "settings:manage");
  const rules = parseInput(environmentRulesSchema, (input as { rules?: unknown } | null)?.rules ?? input);
  await db().transaction(async (tx) => {
    await tx
      .insert(settings)
      .values({ key: ENVIRONMENT_RULES, value: rules, updatedBy: viewer.email })
      .onConflictDoUpdate({ target: settings.key, set: { value: rules, version: sql`${settings.version} + 1`, updatedAt: sql`now()`, updatedBy: viewer.email } });
    await appendAudit(tx, actorOf(viewer), { action: "settings.environment_rules", targetType: "settings", targetId: ENVIRONMENT_RULES, details: { rules: rules.length } });
  });
  return { rules };
}
