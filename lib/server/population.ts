import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { PopulationCounts, PopulationItemDto, VerdictResult } from "@/lib/domain/posture";
import { evaluateSubject, ruleById } from "@/lib/rules";
import type { SubjectKind } from "@/lib/rules/types";
import { db } from "./db";
import { isoText, jsonList, rowsOf } from "./sql-rows";
import { snapshotAsOf, type FullTallies } from "./evaluator/snapshot";
import { loadWorld, subjectHref } from "./evaluator/world";
import { approvalsHeldAt } from "./held-approvals";
import { parametersAt, type ParameterSnapshot } from "./rule-parameters";
import { teamInScope } from "./viewer";

/**
 * A control's population: every (rule, subject) pair of its rules, fails first, then excepted, passes and (asked
 * for) not applicable; within a result by rule, then subject. Each (result, rule) is a segment whose size the
 * tallies already tell, so a page reads only the segments it falls in, and those from an index in their order,
 * instead of sorting a million pairs to show fifty.
 */

const RESULT_ORDER: VerdictResult[] = ["fail", "excepted", "pass", "not_applicable"];

type PopulationPair = { ruleId: string; kind: string; id: string; result: VerdictResult; findingId: string | null; evaluatedAt: string };
type PopulationSegment = { ruleId: string; result: VerdictResult; count: number };
/** Reads `limit` pairs of one segment from `offset` into it, in the population's order. */
export type SegmentReader = (segment: PopulationSegment, offset: number, limit: number) => Promise<PopulationPair[]>;
/** A population row before the credentials its reason names are looked up, once for the whole page. */
type PopulationRow = Omit<PopulationItemDto, "reason_credentials">;

/** The segments of a population in order: every result but not applicable, or the one asked for. */
export function populationSegments(rules: readonly string[], result: VerdictResult | undefined, counts: Map<string, PopulationCounts>): PopulationSegment[] {
  const results = result ? [result] : RESULT_ORDER.filter((r) => r !== "not_applicable");
  const ordered = [...rules].sort();
  return results.flatMap((r) => ordered.map((ruleId) => ({ ruleId, result: r, count: counts.get(ruleId)?.[r] ?? 0 })));
}

/** The pairs from `offset` to `offset + limit` of the population, reading only the segments the page overlaps. */
export async function populationPage(segments: PopulationSegment[], offset: number, limit: number, read: SegmentReader): Promise<PopulationPair[]> {
  const pairs: PopulationPair[] = [];
  let start = 0;
  for (const segment of segments) {
    if (pairs.length >= limit) break;
    const end = start + segment.count;
    const from = Math.max(offset + pairs.length, start);
    if (from < end) pairs.push(...(await read(segment, from - start, Math.min(limit - pairs.length, end - from))));
    start = end;
  }
  return pairs;
}

/**
 * Segments of the stored verdicts. Fails and excepted are read from their findings in the findings' (rule, subject)
 * index order: a failing verdict and its unresolved finding, with the same team, are written in one transaction,
 * and people cannot resolve a finding. (Filtering on the verdict as well leads the planner astray: it cannot
 * estimate a JSON field and reads every verdict of the kind first.) Passes and not applicable come from the verdicts
 * in key order, the rule's subject kind alone.
 */
export function storedSegmentReader(scope: string[] | "all"): SegmentReader {
  const teamFilter = (column: SQL) => (scope === "all" ? sql`` : sql`and ${column} in (select x::uuid from ${jsonList(scope)} as t(x))`);
  // A verdict row is rewritten only when it changes, but every full run evaluates every subject (at its start).
  const evaluatedAt = isoText(sql`greatest(sv.evaluated_at, (select max(started_at) from evaluation_runs where scope = 'full' and status = 'completed'))`);
  type Row = { subject_kind: string; subject_id: string; finding_id: string | null; evaluated_at: string };
  return async ({ ruleId, result }, offset, limit) => {
    const kind = ruleById(ruleId)!.subject;
    const rows =
      result === "fail" || result === "excepted"
        ? await rowsOf<Row>(db(), sql`
            select f.subject_kind, f.subject_id, f.id as finding_id, ${evaluatedAt} as evaluated_at
            from findings f join subject_verdicts sv on sv.subject_kind = f.subject_kind and sv.subject_id = f.subject_id
            where f.rule_id = ${ruleId} and f.subject_kind = ${kind} and ${result === "fail" ? sql`f.status in ('open', 'in_progress')` : sql`f.status = 'risk_accepted'`}
              ${teamFilter(sql`f.team_id`)}
            order by f.subject_kind, f.subject_id offset ${offset} limit ${limit}`)
        : await rowsOf<Row>(db(), sql`
            select sv.subject_kind, sv.subject_id, f.id as finding_id, ${evaluatedAt} as evaluated_at
            from subject_verdicts sv left join findings f on f.rule_id = ${ruleId} and f.subject_kind = sv.subject_kind and f.subject_id = sv.subject_id
            where sv.subject_kind = ${kind} and sv.verdicts->>${ruleId} = ${result} ${teamFilter(sql`sv.team_id`)}
            order by sv.subject_kind, sv.subject_id offset ${offset} limit ${limit}`);
    return rows.map((r) => ({ ruleId, kind: r.subject_kind, id: r.subject_id, result, findingId: r.finding_id, evaluatedAt: r.evaluated_at }));
  };
}

/**
 * Rebuilt past populations, kept a while for the next pages; bounded by the subject ids they hold, about 30 bytes each
 * (a subject's id is one string for all its rules): SOC 2 CC6.1 over 100k credentials and 1M events holds 1.65M, 48 MB.
 */
const KEPT_IDS = 3_000_000;
const KEPT_FOR_MS = 10 * 60_000;
/**
 * What Leash knew at an instant stops changing once the writes in flight then have committed (posture days rely on
 * the same); an instant this recent may still gain rows, so its rebuild is not kept.
 */
const SETTLED_AFTER_MS = 10 * 60_000;

type RebuiltPast = { tallies: FullTallies; segments: Map<string, string[]>; sorted: Set<string>; ids: number; keptAt: number };
const keptPast = new Map<string, RebuiltPast>();
const segmentKey = (ruleId: string, result: VerdictResult) => `${result}|${ruleId}`;

/**
 * The population as of a past instant, rebuilt by the same rules over what Leash knew then, the subject kinds of the
 * control's rules alone. Only each pair's subject id is kept (reasons are read for the page shown); a segment is
 * sorted the first time a page reads it. A settled instant's rebuild is kept for the pages after the first.
 */
export async function pastPopulation(
  at: Date,
  controlRules: readonly string[],
  rules: readonly string[],
  result: VerdictResult | undefined,
  scope: string[] | "all",
): Promise<{ tallies: FullTallies; read: SegmentReader }> {
  const now = Date.now();
  for (const [key, kept] of keptPast) if (now - kept.keptAt > KEPT_FOR_MS) keptPast.delete(key);
  const key = JSON.stringify([at.toISOString(), controlRules, rules, result ?? null, scope]);
  const rebuilt = keptPast.get(key) ?? (await rebuildPast(at, controlRules, rules, result, scope));
  if (!keptPast.has(key) && at.getTime() < now - SETTLED_AFTER_MS) keep(key, rebuilt);
  const evaluatedAt = at.toISOString();
  return {
    tallies: rebuilt.tallies,
    read: async ({ ruleId, result: r }, offset, limit) => {
      const segment = segmentKey(ruleId, r);
      const ids = rebuilt.segments.get(segment) ?? [];
      // One rule judges one kind of subject, so subject ids alone order a segment as the stored population is.
      if (!rebuilt.sorted.has(segment)) ids.sort();
      rebuilt.sorted.add(segment);
      const kind = ruleById(ruleId)!.subject;
      return ids.slice(offset, offset + limit).map((id) => ({ ruleId, kind, id, result: r, findingId: null, evaluatedAt }));
    },
  };
}

async function rebuildPast(at: Date, controlRules: readonly string[], rules: readonly string[], result: VerdictResult | undefined, scope: string[] | "all"): Promise<RebuiltPast> {
  const wanted = new Set(rules);
  const segments = new Map<string, string[]>();
  let ids = 0;
  const kinds = new Set<SubjectKind>(controlRules.map((r) => ruleById(r)!.subject));
  const snapshot = await snapshotAsOf(
    at,
    (batch) => {
      for (const c of batch) {
        if (!wanted.has(c.ruleId) || !teamInScope(scope, c.item.teamId)) continue;
        const r: VerdictResult = c.excepted ? "excepted" : c.evaluation.result;
        if (result ? r !== result : r === "not_applicable") continue;
        const key = segmentKey(c.ruleId, r);
        const segment = segments.get(key) ?? [];
        segments.set(key, segment);
        segment.push(c.item.id);
        ids++;
      }
    },
    kinds,
  );
  return { tallies: snapshot.tallies, segments, sorted: new Set(), ids, keptAt: Date.now() };
}

/** Keeps a rebuild, dropping the oldest kept ones while the ids held would pass the bound; one over it alone is not kept. */
function keep(key: string, rebuilt: RebuiltPast): void {
  if (rebuilt.ids > KEPT_IDS) return;
  let held = [...keptPast.values()].reduce((sum, k) => sum + k.ids, 0);
  for (const [oldKey, old] of keptPast) {
    if (held + rebuilt.ids <= KEPT_IDS) break;
    keptPast.delete(oldKey);
    held -= old.ids;
  }
  keptPast.set(key, rebuilt);
}

function populationItem(kind: string, id: string, label: string, ruleId: string, result: VerdictResult, reason: string, findingId: string | null): PopulationRow {
  const rule = ruleById(ruleId)!;
  return {
    rule_id: ruleId,
    rule_title: rule.title,
    severity: rule.severity,
    subject_kind: kind as PopulationItemDto["subject_kind"],
    subject_id: id,
    label,
    href: subjectHref(kind as PopulationItemDto["subject_kind"], id),
    result,
    reason,
    finding_id: findingId,
  };
}

/**
 * Labels and reasons for one page: each subject is re-evaluated as of the instant its result is from (the last run
 * that evaluated it, or the past instant asked for), by the same rules and parameters, so a reason always explains
 * the result beside it (re-evaluated now, a time-based rule could read "> 90 days" next to the "pass" of a run the
 * day before). The subjects of each instant are loaded together; what does not depend on the subjects (the
 * approvals, the prepared rules of a parameters version) once per page, as a page after many incremental runs has
 * nearly as many instants as rows.
 */
export async function explainPairs(pairs: PopulationPair[]): Promise<PopulationRow[]> {
  if (!pairs.length) return [];
  const explained = new Map<string, { label: string; reasons: Record<string, string> }>();
  const instants = [...new Set(pairs.map((p) => p.evaluatedAt))];
  const approvalsAt = pairs.some((p) => p.kind === "event") ? await approvalsHeldAt(instants.map((i) => new Date(i))) : undefined;
  const parametersOfVersion = new Map<number, ParameterSnapshot>();
  for (const evaluatedAt of instants) {
    const at = new Date(evaluatedAt);
    const group = pairs.filter((p) => p.evaluatedAt === evaluatedAt);
    const ids = (kind: string) => [...new Set(group.filter((p) => p.kind === kind).map((p) => p.id))];
    const read = await parametersAt(at);
    const params = parametersOfVersion.get(read.version) ?? read;
    parametersOfVersion.set(read.version, params);
    for await (const batch of loadWorld({
      asOf: at,
      credentials: ids("credential"),
      events: ids("event").map(Number),
      corpora: ids("corpus"),
      auditLog: group.some((p) => p.kind === "audit_log"),
      approvalsAt,
    })) {
      for (const item of batch) {
        const verdicts = evaluateSubject(params.prepared, item.kind, item.subject as never, item.context as never, at);
        explained.set(`${item.kind}|${item.id}`, { label: item.label, reasons: Object.fromEntries(Object.entries(verdicts).map(([r, e]) => [r, e.reason])) });
      }
    }
  }
  return pairs.map((p) => {
    const e = explained.get(`${p.kind}|${p.id}`);
    return populationItem(p.kind, p.id, e?.label ?? p.id, p.ruleId, p.result, e?.reasons[p.ruleId] ?? "", p.findingId);
  });
}
