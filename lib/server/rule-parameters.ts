import "server-only";
import { createHash } from "node:crypto";
import { desc, eq, lte, sql } from "drizzle-orm";
import { ruleParameterVersions, settings } from "@/db/schema";
import {
  notificationSettingsSchema,
  ruleParametersInputSchema,
  severityDaysSchema,
  type FindingSlas,
  type NotificationSettings,
  type RuleParametersDto,
  type RuleParametersInput,
} from "@/lib/domain/posture";
import { defaultAgentRuntimes, type AgentRuntime } from "@/lib/ingest/events/agent-runtimes";
import { RULES, RuleParameterError, prepareRules, type PreparedRules, type RuleParameterSet } from "@/lib/rules";
import { actorOf, appendAudit } from "./audit";
import { canonicalJson } from "./canonical-json";
import { db } from "./db";
import { AppError, parseInput } from "./errors";
import { can } from "./permissions";
import { requirePermission, type Viewer } from "./viewer";

/** The parameters an evaluation uses: validated rules, SLAs, and the version and hash it records. */
export type ParameterSnapshot = {
  version: number;
  hash: string;
  rules: RuleParameterSet;
  slas: FindingSlas;
  /** null = the built-in list. */
  agentRuntimes: AgentRuntime[] | null;
  prepared: PreparedRules;
};

const DEFAULT_SLAS: FindingSlas = severityDaysSchema.parse({});

function hashOf(rules: RuleParameterSet, slas: FindingSlas, agentRuntimes: AgentRuntime[] | null): string {
  return createHash("sha256").update(canonicalJson({ rules, slas, agentRuntimes })).digest("hex").slice(0, 16);
}

/** The parameters in force at `at` (default now): the latest version created by then, or the defaults (version 0). */
export async function parametersAt(at?: Date): Promise<ParameterSnapshot> {
  const [row] = await db()
    .select()
    .from(ruleParameterVersions)
    .where(at ? lte(ruleParameterVersions.createdAt, at) : undefined)
    .orderBy(desc(ruleParameterVersions.version))
    .limit(1);
  const rules = row?.rules ?? {};
  const slas = row?.slas ?? DEFAULT_SLAS;
  const agentRuntimes = row?.agentRuntimes ?? null;
  let prepared: PreparedRules | undefined;
  return {
    version: row?.version ?? 0,
    hash: row?.hash ?? hashOf(rules, slas, agentRuntimes),
    rules,
    slas,
    agentRuntimes,
    // Validated when an evaluation needs it, which then fails naming the field: a set saved before a rule's schema
    // refused it must still open in Settings and be replaced there.
    get prepared() {
      return (prepared ??= prepareRules(rules));
    },
  };
}

function toDto(snapshot: ParameterSnapshot, meta: { updatedAt: Date | null; updatedBy: string | null }): RuleParametersDto {
  return {
    version: snapshot.version,
    hash: snapshot.hash,
    updatedAt: meta.updatedAt?.toISOString() ?? null,
    updatedBy: meta.updatedBy,
    slas: snapshot.slas,
    agentRuntimes: snapshot.agentRuntimes ?? [...defaultAgentRuntimes],
    agentRuntimesCustom: snapshot.agentRuntimes !== null,
    rules: RULES.map((rule) => ({
      id: rule.id,
      title: rule.title,
      severity: rule.severity,
      subject: rule.subject,
      values: shownValues(rule, snapshot.rules[rule.id]),
      defaults: rule.parameters.defaults as Record<string, unknown>,
    })),
  };
}

/** A rule's values with defaults filled in; a stored value its schema now refuses is shown as stored, to be replaced. */
function shownValues(rule: (typeof RULES)[number], stored: Record<string, unknown> | undefined): Record<string, unknown> {
  const parsed = rule.parameters.schema.safeParse(stored ?? {});
  return parsed.success ? (parsed.data as Record<string, unknown>) : { ...(rule.parameters.defaults as Record<string, unknown>), ...stored };
}

/** Permission: settings:read. */
export async function getRuleParameters(viewer: Viewer): Promise<RuleParametersDto> {
  requirePermission(viewer, "settings:read");
  const snapshot = await parametersAt();
  const [row] = await db().select().from(ruleParameterVersions).where(eq(ruleParameterVersions.version, snapshot.version));
  return toDto(snapshot, { updatedAt: row?.createdAt ?? null, updatedBy: row?.createdBy ?? null });
}

/**
 * Permission: settings:manage. Every change is a new parameters version (audited with what changed); evaluations
 * from now on use it, and a posture rebuilt for an earlier instant keeps using the version in force then.
 * Values equal to a rule's default are dropped, so the stored set says only what an admin chose.
 */
export async function setRuleParameters(viewer: Viewer, input: RuleParametersInput): Promise<RuleParametersDto> {
  requirePermission(viewer, "settings:manage");
  const chosen = parseInput(ruleParametersInputSchema, input, "Invalid rule parameters");
  try {
    prepareRules(chosen.rules);
  } catch (error) {
    if (error instanceof RuleParameterError) throw new AppError("invalid", "Invalid rule parameters", error.fields);
    throw error;
  }
  const rules = chosenValues(chosen.rules);
  const { slas, agentRuntimes } = chosen;
  const before = await parametersAt();
  const hash = hashOf(rules, slas, agentRuntimes);
  if (hash === before.hash) return getRuleParameters(viewer);
  await db().transaction(async (tx) => {
    const [row] = await tx.insert(ruleParameterVersions).values({ rules, slas, agentRuntimes, hash, createdBy: viewer.email }).returning({ version: ruleParameterVersions.version });
    await appendAudit(tx, actorOf(viewer), {
      action: "settings.rule_parameters",
      targetType: "settings",
      targetId: `rule_parameters:${row!.version}`,
      details: { version: row!.version, previousVersion: before.version, changed: changedKeys(before, rules, slas, agentRuntimes) },
    });
  });
  return getRuleParameters(viewer);
}

function chosenValues(input: Record<string, Record<string, unknown>>): RuleParameterSet {
  const out: RuleParameterSet = {};
  for (const rule of RULES) {
    const values = rule.parameters.schema.parse(input[rule.id] ?? {}) as Record<string, unknown>;
    const defaults = rule.parameters.defaults as Record<string, unknown>;
    const chosen = Object.fromEntries(Object.entries(values).filter(([k, v]) => canonicalJson(v) !== canonicalJson(defaults[k])));
    if (Object.keys(chosen).length) out[rule.id] = chosen;
  }
  return out;
}

function changedKeys(before: ParameterSnapshot, rules: RuleParameterSet, slas: FindingSlas, agentRuntimes: AgentRuntime[] | null): string[] {
  const changed: string[] = [];
  for (const rule of RULES) {
    const a = before.rules[rule.id] ?? {};
    const b = rules[rule.id] ?? {};
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (canonicalJson(a[key] ?? null) !== canonicalJson(b[key] ?? null)) changed.push(`${rule.id}.${key}`);
    }
  }
  for (const key of Object.keys(slas) as (keyof FindingSlas)[]) if (before.slas[key] !== slas[key]) changed.push(`slas.${key}`);
  if (canonicalJson(before.agentRuntimes) !== canonicalJson(agentRuntimes)) changed.push("agentRuntimes");
  return changed;
}

/** The agent runtimes attribution recognises now (ingest runs with the ingester's authority already checked). */
export async function currentAgentRuntimes(): Promise<readonly AgentRuntime[]> {
  return (await parametersAt()).agentRuntimes ?? defaultAgentRuntimes;
}

const NOTIFICATIONS = "notifications";

/** Where new findings are announced; read by the evaluator, which runs with the system's authority. */
export async function currentNotificationSettings(): Promise<NotificationSettings> {
  const [row] = await db().select().from(settings).where(eq(settings.key, NOTIFICATIONS));
  return row ? notificationSettingsSchema.parse(row.value) : { webhookUrl: null, minSeverity: "critical" };
}

/** Permission: settings:read (the URL redacted unless settings:manage). */
export async function getNotificationSettings(viewer: Viewer): Promise<NotificationSettings> {
  requirePermission(viewer, "settings:read");
  const value = await currentNotificationSettings();
  // A webhook URL's path is its bearer secret: only those who may change it see it whole.
  if (value.webhookUrl && !can(viewer, "settings:manage")) return { ...value, webhookUrl: `${new URL(value.webhookUrl).origin}/…` };
  return value;
}

/** Permission: settings:manage. Audited; the URL is recorded by host only (webhook paths are bearer secrets). */
export async function setNotificationSettings(viewer: Viewer, input: unknown): Promise<NotificationSettings> {
  requirePermission(viewer, "settings:manage");
  const value = parseInput(notificationSettingsSchema, input, "Invalid notification settings");
  await db().transaction(async (tx) => {
    await tx
      .insert(settings)
      .values({ key: NOTIFICATIONS, value, updatedBy: viewer.email })
      .onConflictDoUpdate({ target: settings.key, set: { value, version: sql`${settings.version} + 1`, updatedAt: sql`now()`, updatedBy: viewer.email } });
    await appendAudit(tx, actorOf(viewer), {
      action: "settings.notifications",
      targetType: "settings",
      targetId: NOTIFICATIONS,
      details: { webhookHost: value.webhookUrl ? new URL(value.webhookUrl).host : null, minSeverity: value.minSeverity },
    });
  });
  return value;
}
