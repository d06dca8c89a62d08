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

/** Status in words, the same on screen, in the CLI and in the printed report (never colour alone). */
export const CONTROL_STATUS_LABELS: Record<ControlStatus, string> = {
  effective: "Effective",
  effective_with_exceptions: "Effective with exceptions",
  not_effective: "Not effective",
  not_tested: "Not tested",
};

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
  const perRule = new Map<string, RuleTally>();
  for (const e of mine) {
    const tally = perRule.get(e.ruleId) ?? { ruleId: e.ruleId, severity: e.severity, counts: emptyCounts() };
    tally.counts[e.status] += 1;
    perRule.set(e.ruleId, tally);
  }
  return { ...scoreTallies(controlId, [...perRule.values()]), population: mine.filter((e) => e.status !== "not_applicable") };
}

/** One rule's counts: every evaluation of a rule has the rule's severity, so counts are all a score needs. */
export type RuleTally = { ruleId: string; severity: Severity; counts: Record<ScoredStatus, number> };

export const emptyCounts = (): Record<ScoredStatus, number> => ({ pass: 0, fail: 0, excepted: 0, not_applicable: 0 });

/** The same score from per-rule counts, for populations too large to list (the posture API, trends). */
export function scoreTallies(controlId: string, tallies: readonly RuleTally[]): Omit<ControlScore, "population"> {
  const counts = emptyCounts();
  let total = 0;
  let good = 0;
  for (const t of tallies) {
    const weight = SEVERITY_WEIGHTS[t.severity];
    for (const status of Object.keys(counts) as ScoredStatus[]) counts[status] += t.counts[status];
    total += weight * (t.counts.pass + t.counts.fail + t.counts.excepted);
    good += weight * (t.counts.pass + t.counts.excepted);
  }
  const applicable = counts.pass + counts.fail + counts.excepted;
  return { controlId, score: total === 0 ? null : good / total, status: controlStatus(counts, applicable), counts };
}

function controlStatus(counts: Record<ScoredStatus, number>, applicable: number): ControlStatus {
  if (applicable === 0) return "not_tested";
  if (counts.fail > 0) return "not_effective";
  return counts.excepted > 0 ? "effective_with_exceptions" : "effective";
}

export function scoreFramework(framework: Framework, evaluations: readonly ScoredEvaluation[]): FrameworkScore {
  const controls = framework.controls.map((c) => scoreControl(c.id, c.rules, evaluations));
  return { frameworkId: framework.id, score: meanScore(controls), controls };
}

/**
 * A score in [0, 1] as the percentage every screen, report and CI gate shows, to `decimals` places: the nearest, except
 * that a score short of 1 never shows as 100 — one failing item among thousands is not a perfect control.
 */
export function scorePercentage(score: number, decimals = 0): number {
  const scale = 10 ** decimals;
  const shown = Math.round(score * 100 * scale) / scale;
  return shown === 100 && score < 1 ? (100 * scale - 1) / scale : shown;
}

/** Framework score: the mean of the scores of controls that have a population; null when none has. */
export function meanScore(controls: readonly { score: number | null }[]): number | null {
  const scored = controls.map((c) => c.score).filter((s): s is number => s !== null);
  return scored.length === 0 ? null : scored.reduce((a, b) => a + b, 0) / scored.length;
}
