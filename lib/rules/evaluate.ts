import { RULES } from "./registry";
import { subjectAsOf } from "./rules/helpers";
import type { AnyRule, ContextOf, Evaluation, RuleResult, SubjectKind, SubjectOf } from "./types";

/**
 * Evaluating many subjects: parameters are validated once per run (not once per subject), then each subject gets
 * every rule of its kind. Pure, so a past posture and today's come from the same code.
 */

export type RuleParameterSet = Partial<Record<string, Record<string, unknown>>>;
export type PreparedRule = { rule: AnyRule; params: unknown };
export type PreparedRules = Record<SubjectKind, PreparedRule[]>;

export class RuleParameterError extends Error {
  constructor(readonly fields: Record<string, string>) {
    super(`Invalid rule parameters: ${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join("; ")}`);
    this.name = "RuleParameterError";
  }
}

/** Validates each rule's parameters against its own schema (defaults filled in); names every bad field. */
export function prepareRules(parameters: RuleParameterSet = {}): PreparedRules {
  const fields: Record<string, string> = {};
  for (const id of Object.keys(parameters)) if (!RULES.some((r) => r.id === id)) fields[`rules.${id}`] = "no such rule";
  const prepared: PreparedRules = { credential: [], event: [], corpus: [], audit_log: [] };
  for (const rule of RULES) {
    const parsed = rule.parameters.schema.safeParse(parameters[rule.id] ?? {});
    if (!parsed.success) {
      for (const issue of parsed.error.issues) fields[["rules", rule.id, ...issue.path.map(String)].join(".")] = issue.message;
      continue;
    }
    prepared[rule.subject].push({ rule, params: parsed.data });
  }
  if (Object.keys(fields).length) throw new RuleParameterError(fields);
  return prepared;
}

export type SubjectVerdicts = Record<string, Evaluation>;

export function evaluateSubject<K extends SubjectKind>(
  prepared: PreparedRules,
  kind: K,
  subject: SubjectOf[K],
  context: ContextOf[K],
  now: Date,
): SubjectVerdicts {
  const out: SubjectVerdicts = {};
  // One context object per subject, its params swapped per rule: rules only read it, and a million subjects times
  // twenty rules of fresh objects is what the garbage collector would otherwise spend its time on.
  const ctx = { ...context, now, params: undefined as unknown };
  const judged = subjectAsOf(kind, subject, now);
  for (const { rule, params } of prepared[kind]) {
    // The union of rule types cannot be narrowed by `kind` at compile time; `prepared[kind]` holds only kind K's rules.
    const evaluate = rule.evaluate as (s: SubjectOf[K], c: ContextOf[K] & { now: Date; params: unknown }) => Evaluation;
    ctx.params = params;
    out[rule.id] = evaluate(judged, ctx);
  }
  return out;
}

export type RuleCounts = Record<RuleResult, number>;
/** team key ("" = no team) → rule id → counts. */
export type Tallies = Record<string, Record<string, RuleCounts>>;

export function addToTallies(tallies: Tallies, teamKey: string, verdicts: Record<string, RuleResult>, times = 1): void {
  const team = (tallies[teamKey] ??= {});
  for (const [ruleId, result] of Object.entries(verdicts)) {
    const counts = (team[ruleId] ??= { pass: 0, fail: 0, not_applicable: 0 });
    counts[result] += times;
  }
}

/** Adds one set of tallies into another (a run's delta into the tallies it started from). */
export function mergeTallies(into: Tallies, from: Tallies): void {
  for (const [teamKey, rules] of Object.entries(from)) {
    const team = (into[teamKey] ??= {});
    for (const [ruleId, counts] of Object.entries(rules)) {
      const sum = (team[ruleId] ??= { pass: 0, fail: 0, not_applicable: 0 });
      sum.pass += counts.pass;
      sum.fail += counts.fail;
      sum.not_applicable += counts.not_applicable;
    }
  }
}

export function resultsOf(verdicts: SubjectVerdicts): Record<string, RuleResult> {
  return Object.fromEntries(Object.entries(verdicts).map(([id, e]) => [id, e.result]));
}
