import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { Severity } from "@/lib/rules";

const TONES: Record<Severity, BadgeTone> = { critical: "danger", high: "warning", medium: "accent", low: "neutral" };

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <Badge tone={TONES[severity]}>{severity}</Badge>;
}
