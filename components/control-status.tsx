import { CountLink } from "@/components/count-link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { VerdictResult } from "@/lib/domain/posture";
import { CONTROL_STATUS_LABELS, scorePercentage, type ControlStatus } from "@/lib/rules";

/** Status is always written out; the colour only repeats what the words say. */
export const STATUS_LABELS = CONTROL_STATUS_LABELS;

const STATUS_TONES: Record<ControlStatus, BadgeTone> = {
  effective: "success",
  effective_with_exceptions: "warning",
  not_effective: "danger",
  not_tested: "neutral",
};

export function ControlStatusBadge({ status }: { status: ControlStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{STATUS_LABELS[status]}</Badge>;
}

export const RESULT_LABELS: Record<VerdictResult, string> = {
  pass: "Pass",
  fail: "Fail",
  excepted: "Excepted",
  not_applicable: "Not applicable",
};

const RESULT_TONES: Record<VerdictResult, BadgeTone> = { pass: "success", fail: "danger", excepted: "warning", not_applicable: "neutral" };

export function ResultBadge({ result }: { result: VerdictResult }) {
  return <Badge tone={RESULT_TONES[result]}>{RESULT_LABELS[result]}</Badge>;
}



/** Whole percent (see scorePercentage). Null means nothing applicable was evaluated, which is not the same as zero. */
export function formatScore(score: number | null): string {
  return score === null ? "—" : `${scorePercentage(score)}%`;
}

/**
 * A control's score opening its population: the applicable evaluations the score weighs (the unfiltered population
 * leaves out not applicable, as the score does). With nothing applicable there is nothing to open.
 */
export function ScoreLink({ score, controlId, href, className }: { score: number | null; controlId: string; href: string; className?: string }) {
  return <CountLink value={formatScore(score)} href={score === null ? null : href} label={`score of ${controlId}`} className={className} />;
}

/** Whole percent for charts (null stays a gap). */
export function scorePercent(score: number | null): number | null {
  return score === null ? null : scorePercentage(score);
}
