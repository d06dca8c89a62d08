import type { EvaluationRunDto, PostureDto } from "../lib/domain/posture";
import { visibleText } from "../lib/domain/visible-text";
import { scorePercentage, type Framework } from "../lib/rules";

/**
 * Pure text for `leash posture` and `leash evaluate`: table rendering and the CI gate decision, kept apart from I/O so
 * tests can assert exact lines and exit codes.
 */

/** A framework id (`pci-dss-4.0.1`) or its short key (`pci`, the key rules list controls under). */
export function resolveFramework(input: string, frameworks: readonly Framework[]): Framework | undefined {
  const wanted = input.trim().toLowerCase();
  return frameworks.find((f) => f.id === wanted || f.key === wanted);
}

/** Scores are shares in [0, 1]; people and gates read them as percentages with one decimal. */
export function percent(score: number | null): string {
  return score === null ? "n/a" : `${scorePercentage(score, 1).toFixed(1)}%`;
}

/** Pads columns to their widest cell, two spaces apart; right-aligns the columns named in `right`. */
export function columns(rows: string[][], right: ReadonlySet<number> = new Set()): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => (right.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join("  ").trimEnd());
}

const STATUS_TEXT: Record<PostureDto["controls"][number]["status"], string> = {
  effective: "effective",
  effective_with_exceptions: "effective (exceptions)",
  not_effective: "NOT EFFECTIVE",
  not_tested: "not tested",
};

export function formatPostureTable(posture: PostureDto, options: { top?: number } = {}): string {
  const top = options.top ?? 10;
  const lines = [
    `${posture.framework_name} (${posture.framework}): ${percent(posture.score)}`,
    `as of ${posture.as_of} (evaluated ${posture.evaluated_at}; rules ${posture.rules_version}, parameters v${posture.parameters_version})`,
    "",
  ];
  const controlRows = posture.controls.map((c) => [
    c.id,
    STATUS_TEXT[c.status],
    percent(c.score),
    String(c.population.pass),
    String(c.population.fail),
    String(c.population.excepted),
    String(c.population.not_applicable),
  ]);
  lines.push(...columns([["control", "status", "score", "pass", "fail", "excepted", "n/a"], ...controlRows], new Set([2, 3, 4, 5, 6])));
  lines.push("");
  const blast = posture.blast_radius;
  if (blast.length === 0) {
    lines.push("Blast radius: no credential meets any condition");
  } else {
    const shown = blast.slice(0, top);
    const total = posture.blast_radius_count;
    lines.push(`Blast radius: ${total} credential(s), ${posture.nine_second_count} nine-second${total > shown.length ? ` (top ${shown.length})` : ""}`);
    // Names and teams come from imported inventory.
    const rows = shown.map((b) => [
      visibleText(b.name ?? b.credential_id),
      visibleText(b.provider ?? "-"),
      visibleText(b.team ?? "-"),
      `${b.conditions.length}/4`,
      b.conditions.join(","),
      b.nine_second ? "NINE-SECOND" : "",
    ]);
    lines.push(...columns([["credential", "provider", "team", "met", "conditions", ""], ...rows]));
  }
  return `${lines.join("\n")}\n`;
}

export type GateOptions = { failUnder?: number; failOnNotEffective?: boolean };
export type GateDecision = { exitCode: 0 | 1; reasons: string[] };

/**
 * Whether CI should fail. The score is compared as printed (one decimal), so "72.5%" never fails `--fail-under 72.5`.
 * A framework with no score (nothing applicable was evaluated) fails `--fail-under`: an empty posture proves nothing.
 */
export function postureGate(posture: PostureDto, options: GateOptions): GateDecision {
  const reasons: string[] = [];
  if (options.failUnder !== undefined) {
    if (posture.score === null) reasons.push(`no score for ${posture.framework} (nothing evaluated), --fail-under ${options.failUnder}`);
    else {
      const shown = scorePercentage(posture.score, 1);
      if (shown < options.failUnder) reasons.push(`score ${percent(posture.score)} is below --fail-under ${options.failUnder}%`);
    }
  }
  if (options.failOnNotEffective) {
    const failing = posture.controls.filter((c) => c.status === "not_effective").map((c) => c.id);
    if (failing.length) reasons.push(`${failing.length} control(s) not effective: ${failing.join(", ")}`);
  }
  return { exitCode: reasons.length ? 1 : 0, reasons };
}

/** `--fail-under` takes a percentage in [0, 100]; a trailing % is allowed. */
export function parsePercent(text: string): number {
  const value = Number(text.trim().replace(/%$/, ""));
  if (text.trim() === "" || !Number.isFinite(value) || value < 0 || value > 100) throw new Error(`--fail-under must be a percentage from 0 to 100, not "${text}"`);
  return value;
}

function duration(ms: number | null): string {
  if (ms === null) return "-";
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function formatEvaluationRun(run: EvaluationRunDto): string {
  const lines = [
    `Evaluation ${run.status} (${run.scope}, trigger ${run.trigger}) in ${duration(run.durationMs)}`,
    `rules ${run.rulesVersion}, parameters v${run.parametersVersion}`,
    ...columns(
      [
        ["subjects", String(run.subjects)],
        ["evaluations", String(run.evaluations)],
        ["failed", String(run.failed)],
        ["opened", String(run.opened)],
        ["resolved", String(run.resolved)],
      ],
      new Set([1]),
    ),
  ];
  if (run.failure) lines.push(`failure: ${run.failure}`);
  return `${lines.join("\n")}\n`;
}
