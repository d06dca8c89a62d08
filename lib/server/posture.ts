import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { cache } from "react";
import { evaluationRuns, postureDays } from "@/db/schema";
import type {
  BlastRadiusItemDto,
  ControlDetailDto,
  ControlPopulationQuery,
  ControlPostureDto,
  PopulationCounts,
  PostureDto,
  PostureTrendDto,
} from "@/lib/domain/posture";
import type { BlastByTeam } from "@/lib/rules/blast-radius";
import { FRAMEWORKS, RULES_VERSION, frameworkById, meanScore, ruleById, scoreTallies, type Framework } from "@/lib/rules";
import { addDays, DAY_MS, utcDay } from "@/lib/domain/utc-days";
import { credentialNamer } from "./credential-names";
import { db } from "./db";
import { rowsOf } from "./sql-rows";
import { AppError, notFound } from "./errors";
import { decodeOffset, encodeOffset } from "./offset-cursor";
import { expireExceptions } from "./evaluator/exception-expiry";
import { snapshotAsOf, type FullTallies, type PostureSnapshot, type RankedBlast } from "./evaluator/snapshot";
import { mergeBlast } from "./blast-radius";
import { explainPairs, pastPopulation, populationPage, populationSegments, storedSegmentReader, type SegmentReader } from "./population";
import { requireFrameworkInScope, scopedAsOf, scopedPeriod } from "./audit-scope";
import { requirePermission, teamInScope, teamScope, type Viewer } from "./viewer";

/**
 * Posture reads. "Now" is the latest evaluation's tallies (maintained by every full and incremental run) with
 * risk-accepted findings counted as excepted; any earlier instant is rebuilt from history by the same rules.
 */

const BLAST_LIMIT = 10;

function frameworkOf(id: string): Framework {
  const framework = frameworkById(id);
  if (!framework) throw new AppError("not_found", `Unknown framework "${id}"; use one of ${FRAMEWORKS.map((f) => f.id).join(", ")}`);
  return framework;
}

/** as_of in the future is refused (posture cannot be known yet); a missing one means now. */
function pastInstant(asOf: Date | undefined, now: Date): Date | undefined {
  if (!asOf) return undefined;
  if (Number.isNaN(asOf.getTime())) throw new AppError("invalid", "as_of is not a time", { as_of: "not a time" });
  if (asOf.getTime() > now.getTime() + 1000) throw new AppError("invalid", "as_of must not be in the future", { as_of: "in the future" });
  return asOf;
}

type CurrentState = { tallies: FullTallies; blast: BlastByTeam; evaluatedAt: Date; rulesVersion: string; parametersVersion: number };

/**
 * The latest completed run's tallies, fails covered by an approved exception moved to excepted. Read once per
 * page render (React cache): the Overview asks for every framework's posture, two trends and the blast radius.
 */
const currentState = cache(async (): Promise<CurrentState | null> => {
  // Excepted is read from the findings below: an exception that lapsed since the last run must not still count.
  await expireExceptions(new Date());
  const [run] = await db()
    .select({ tallies: evaluationRuns.tallies, blast: evaluationRuns.blast, finishedAt: evaluationRuns.finishedAt, rulesVersion: evaluationRuns.rulesVersion, parametersVersion: evaluationRuns.parametersVersion })
    .from(evaluationRuns)
    .where(eq(evaluationRuns.status, "completed"))
    .orderBy(desc(evaluationRuns.finishedAt))
    .limit(1);
  if (!run?.tallies || !run.blast || run.rulesVersion !== RULES_VERSION) return null;
  const tallies: FullTallies = {};
  for (const [team, rules] of Object.entries(run.tallies)) {
    tallies[team] = {};
    for (const [ruleId, c] of Object.entries(rules)) tallies[team][ruleId] = { ...c, excepted: 0 };
  }
  const accepted = await rowsOf<{ team: string; rule_id: string; n: number }>(db(), sql`
    select coalesce(team_id::text, '') as team, rule_id, count(*)::int as n from findings where status = 'risk_accepted' group by 1, 2`);
  for (const r of accepted) {
    const counts = tallies[r.team]?.[r.rule_id];
    if (!counts) continue;
    const n = Math.min(Number(r.n), counts.fail);
    counts.fail -= n;
    counts.excepted += n;
  }
  return { tallies, blast: run.blast, evaluatedAt: run.finishedAt!, rulesVersion: run.rulesVersion, parametersVersion: run.parametersVersion };
});

/** The blast radius as the latest evaluation ranked it, for a team scope; null before one under these rules. */
export async function evaluatedBlastRadius(scope: string[] | "all", limit: number): Promise<{ count: number; nineSecond: number; ranked: RankedBlast[] } | null> {
  const current = await currentState();
  return current ? mergeBlast(current.blast, scope, limit) : null;
}

/** Sums the tallies of the teams the viewer may see (engineers: their own teams; others: all, including no team). */
function scopedCounts(scope: string[] | "all", tallies: FullTallies): Map<string, PopulationCounts> {
  const out = new Map<string, PopulationCounts>();
  for (const [team, rules] of Object.entries(tallies)) {
    if (scope !== "all" && !scope.includes(team)) continue;
    for (const [ruleId, c] of Object.entries(rules)) {
      const sum = out.get(ruleId) ?? { pass: 0, fail: 0, excepted: 0, not_applicable: 0 };
      sum.pass += c.pass;
      sum.fail += c.fail;
      sum.excepted += c.excepted;
      sum.not_applicable += c.not_applicable;
      out.set(ruleId, sum);
    }
  }
  return out;
}

function controlPosture(framework: Framework, counts: Map<string, PopulationCounts>): ControlPostureDto[] {
  return framework.controls.map((control) => {
    const scored = scoreTallies(
      control.id,
      control.rules.map((ruleId) => ({ ruleId, severity: ruleById(ruleId)!.severity, counts: counts.get(ruleId) ?? { pass: 0, fail: 0, excepted: 0, not_applicable: 0 } })),
    );
    return { id: control.id, title: control.title, rules: control.rules, status: scored.status, score: scored.score, population: scored.counts };
  });
}

/** A framework's controls scored from tallies, summed over a team scope (for callers outside this module). */
export function controlsFromTallies(framework: Framework, scope: string[] | "all", tallies: FullTallies): ControlPostureDto[] {
  return controlPosture(framework, scopedCounts(scope, tallies));
}

function blastDto(entries: Pick<RankedBlast, "credentialId" | "name" | "provider" | "team" | "conditions" | "path" | "nineSecond">[]): BlastRadiusItemDto[] {
  return entries.map((e) => ({ credential_id: e.credentialId, name: e.name, provider: e.provider, team: e.team, conditions: e.conditions, path: e.path, nine_second: e.nineSecond }));
}

/** Permission: posture:read (engineers: their teams). The framework's score, each control, and the blast radius. */
export async function getPosture(viewer: Viewer, options: { framework: string; asOf?: Date }): Promise<PostureDto> {
  requirePermission(viewer, "posture:read");
  const framework = frameworkOf(options.framework);
  requireFrameworkInScope(viewer, framework.id);
  const now = new Date();
  const asOf = pastInstant(scopedAsOf(viewer, options.asOf, now), now);
  const current = asOf ? null : await currentState();
  if (current) {
    const controls = controlPosture(framework, scopedCounts(teamScope(viewer), current.tallies));
    const blast = mergeBlast(current.blast, teamScope(viewer), BLAST_LIMIT);
    return {
      framework: framework.id,
      framework_name: framework.name,
      as_of: now.toISOString(),
      evaluated_at: current.evaluatedAt.toISOString(),
      rules_version: current.rulesVersion,
      parameters_version: current.parametersVersion,
      score: meanScore(controls),
      controls,
      blast_radius: blastDto(blast.ranked),
      blast_radius_count: blast.count,
      nine_second_count: blast.nineSecond,
    };
  }
  const snapshot = await pastPosture(asOf ?? now);
  const controls = controlPosture(framework, scopedCounts(teamScope(viewer), snapshot.tallies));
  const scope = teamScope(viewer);
  const blast = snapshot.blast.filter((b) => teamInScope(scope, b.teamId));
  return {
    framework: framework.id,
    framework_name: framework.name,
    as_of: snapshot.asOf.toISOString(),
    evaluated_at: new Date().toISOString(),
    rules_version: snapshot.rulesVersion,
    parameters_version: snapshot.parametersVersion,
    score: meanScore(controls),
    controls,
    blast_radius: blastDto(blast.slice(0, BLAST_LIMIT)),
    blast_radius_count: blast.length,
    nine_second_count: blast.filter((b) => b.nineSecond).length,
  };
}

/**
 * The posture at a past instant. At a past day's end (where a trend's days link) the day's kept tallies stand for the
 * controls, so only the credentials are rebuilt, for the blast radius, rather than every event as well.
 */
async function pastPosture(at: Date): Promise<PostureSnapshot> {
  const day = utcDay(at.getTime());
  const kept = at.getTime() === endOfDay(day).getTime() ? (await keptDays(day, day)).get(day) : undefined;
  if (!kept) return snapshotAsOf(at);
  return { ...(await snapshotAsOf(at, undefined, new Set(["credential"]))), tallies: kept };
}

/** Permission: posture:read. A control with each rule's counts and a page of its population, every item explained. */
export async function getControl(viewer: Viewer, frameworkId: string, controlId: string, query: ControlPopulationQuery): Promise<ControlDetailDto> {
  requirePermission(viewer, "posture:read");
  const framework = frameworkOf(frameworkId);
  requireFrameworkInScope(viewer, framework.id);
  const control = framework.controls.find((c) => c.id === controlId);
  if (!control) throw notFound(`Control ${controlId} in ${framework.name}`);
  const now = new Date();
  const asOf = pastInstant(scopedAsOf(viewer, query.as_of ? new Date(query.as_of) : undefined, now), now);
  const rules = query.rule ? control.rules.filter((r) => r === query.rule) : control.rules;
  const scope = teamScope(viewer);

  const current = asOf ? null : await currentState();
  let tallies: FullTallies;
  let read: SegmentReader;
  if (current) {
    tallies = current.tallies;
    read = storedSegmentReader(scope);
  } else {
    ({ tallies, read } = await pastPopulation(asOf ?? now, control.rules, rules, query.result, scope));
  }
  const counts = scopedCounts(scope, tallies);
  const segments = populationSegments(rules, query.result, counts);
  const total = segments.reduce((sum, s) => sum + s.count, 0);
  const offset = decodeOffset(query.cursor);
  const items = await explainPairs(await populationPage(segments, offset, query.limit, read));
  const named = await credentialNamer(viewer, items.map((i) => i.reason));
  const [posture] = controlPosture({ ...framework, controls: [control] }, counts);
  return {
    framework: framework.id,
    framework_name: framework.name,
    as_of: (asOf ?? now).toISOString(),
    control: posture!,
    rules: control.rules.map((id) => {
      const rule = ruleById(id)!;
      return { id, title: rule.title, severity: rule.severity, population: counts.get(id) ?? { pass: 0, fail: 0, excepted: 0, not_applicable: 0 } };
    }),
    population: { items: items.map((i) => ({ ...i, reason_credentials: named(i.reason) })), total, next_cursor: offset + items.length < total ? encodeOffset(offset + items.length) : null },
  };
}

// ---- Trends --------------------------------------------------------------------------------------------------

const endOfDay = (day: string) => new Date(Date.parse(`${day}T00:00:00.000Z`) + DAY_MS - 1);

/**
 * Tallies at the end of a past UTC day. What Leash knew by then can no longer change, so each day is computed
 * once per rules version and kept; days before anything was recorded are empty without evaluating.
 */
async function dayTallies(day: string, firstKnown: number | null, kept: Map<string, FullTallies>): Promise<FullTallies> {
  const end = endOfDay(day);
  if (firstKnown === null || end.getTime() < firstKnown) return {};
  const cached = kept.get(day);
  if (cached) return cached;
  const snapshot = await snapshotAsOf(end);
  await db().insert(postureDays).values({ day, rulesVersion: RULES_VERSION, tallies: snapshot.tallies }).onConflictDoNothing();
  return snapshot.tallies;
}

/** The kept days of a period in one read (a trend would otherwise ask once per day). */
async function keptDays(from: string, to: string): Promise<Map<string, FullTallies>> {
  const rows = await db()
    .select({ day: postureDays.day, tallies: postureDays.tallies })
    .from(postureDays)
    .where(sql`${postureDays.day} between ${from} and ${to} and ${postureDays.rulesVersion} = ${RULES_VERSION}`);
  return new Map(rows.map((r) => [r.day, r.tallies]));
}

/** The earliest instant anything evaluable was recorded; null for an empty workspace. */
async function firstKnownInstant(): Promise<number | null> {
  const rows = await rowsOf<{ first: string | Date | null }>(db(), sql`select least(
    (select min(valid_from) from credential_versions), (select min(ingested_at) from activity_events),
    (select min(created_at) from corpora), (select min(at) from audit_log)) as first`);
  const first = rows[0]?.first;
  return first ? new Date(first).getTime() : null;
}

const MAX_PERIOD_DAYS = 366;

/**
 * Computes the past days a trend or audit period would ask for (the last `days`, oldest first) ahead of time, so the
 * first person to open a 90-day trend does not wait for ninety rebuilds. Days already kept cost one lookup each.
 */
export async function fillPostureHistory(days: number): Promise<void> {
  const today = utcDay(Date.now());
  const [firstKnown, kept] = await Promise.all([firstKnownInstant(), keptDays(addDays(today, -days), addDays(today, -1))]);
  for (let i = days; i >= 1; i--) await dayTallies(addDays(today, -i), firstKnown, kept);
}

/**
 * Permission: posture:read. One point per UTC day with no gaps: the last `days` days up to today, or an audit
 * period from..to (a SOC 2 Type II window). Past days come from rebuilt history; today is the current posture.
 */
export async function getPostureTrend(viewer: Viewer, query: TrendQuery): Promise<PostureTrendDto> {
  requirePermission(viewer, "posture:read");
  requireFrameworkInScope(viewer, query.framework);
  return postureTrend(teamScope(viewer), scopedPeriod(viewer, query));
}

type TrendQuery = { framework: string; days?: number; from?: string; to?: string };

/** The trend for a team scope, for callers that checked their own permission (an evidence build covers all teams). */
export async function postureTrend(scope: string[] | "all", query: TrendQuery): Promise<PostureTrendDto> {
  const framework = frameworkOf(query.framework);
  const now = Date.now();
  const today = utcDay(now);
  const to = query.to ?? today;
  const from = query.from ?? utcDay(Date.parse(`${to}T00:00:00Z`) - ((query.days ?? 30) - 1) * DAY_MS);
  if (to > today) throw new AppError("invalid", "The period must not end in the future", { to: "after today" });
  const span = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
  if (span < 1 || span > MAX_PERIOD_DAYS) throw new AppError("invalid", `A period spans 1 to ${MAX_PERIOD_DAYS} days`, { from: "period too long or reversed" });
  const [firstKnown, current, kept] = await Promise.all([firstKnownInstant(), currentState(), keptDays(from, to)]);
  const points: PostureTrendDto["points"] = [];
  for (let i = 0; i < span; i++) {
    const day = utcDay(Date.parse(`${from}T00:00:00Z`) + i * DAY_MS);
    const tallies = day === today && current ? current.tallies : day === today ? (await snapshotAsOf(new Date(now))).tallies : await dayTallies(day, firstKnown, kept);
    const controls = controlPosture(framework, scopedCounts(scope, tallies));
    points.push({ day, score: meanScore(controls), controls: controls.map((c) => ({ id: c.id, status: c.status, score: c.score })) });
  }
  return { framework: framework.id, from, to, points };
}
