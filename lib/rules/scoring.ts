import type { Framework } from "./frameworks/types";
import type { Severity } from "./types";

/**
 * Control and framework scores (DESIGN §4). Pure: callers pass evaluations already marked `excepted` where an
 * approved, unexpired exception covers a fail, so exception policy stays in one place.
 */

export const SEVERITY_WEIGHTS: Record<Severity, number> = { critical: 10, high: 5, medium: 2, low: 1 };

export type ScoredStatus = "pass" | "fail" | "excepted" | "not_applicable";
export type ScoredEvaluation = { ruleId: string; subjectId: string; severity: Severity; status: ScoredStatus };

/** `not_tested`: no applicable evaluation, so there is nothing to call effective or not. */
export type ControlStatus = "effective" | "effective_with_exceptions" | "not_effective" | "not_tested";

export type ControlScore = {
  controlId: string;
  /** Weighted share of pass + excepted in [0, 1]; null when the population is empty. */
  score: number | null;
  status: ControlStatus;
  counts: Record<ScoredStatus, number>;
  /** The applicable evaluations behind the number, so the screen can drill down to them. */
  population: ScoredEvaluation[];
};

export type FrameworkScore = {
  frameworkId: string;
  /** Mean of the scores of controls that have a population; null when none has. */
  score: number | null;
  controls: ControlScore[];
};

export function scoreControl(controlId: string, ruleIds: readonly string[], evaluations: readonly ScoredEvaluation[]): ControlScore {
  const rules = new Set(ruleIds);
  const mine = evaluations.filter((e) => rules.has(e.ruleId));
  const counts: Record<ScoredStatus, number> = { pass: 0, fail: 0, excepted: 0, not_applicable: 0 };
  for (const e of mine) counts[e.status] += 1;
  const population = mine.filter((e) => e.status !== "not_applicable");
  const total = population.reduce((sum, e) => sum + SEVERITY_WEIGHTS[e.severity], 0);
  const good = population.filter((e) => e.status !== "fail").reduce((sum, e) => sum + SEVERITY_WEIGHTS[e.severity], 0);
  return { controlId, score: total === 0 ? null : good / total, status: controlStatus(counts, population.length), counts, population };
}

function controlStatus(counts: Record<ScoredStatus, number>, applicable: number): ControlStatus {
  if (applicable === 0) return "not_tested";
  if (counts.fail > 0) return "not_effective";
  return counts.excepted > 0 ? "effective_with_exceptions" : "effective";
}

export function scoreFramework(framework: Framework, evaluations: readonly ScoredEvaluation[]): FrameworkScore {
  const controls = framework.controls.map((c) => scoreControl(c.id, c.rules, evaluations));
  const scored = controls.map((c) => c.score).filter((s): s is number => s !== null);
  const score = scored.length === 0 ? null : scored.reduce((a, b) => a + b, 0) / scored.length;
  return { frameworkId: framework.id, score, controls };
}
