import { Badge, type BadgeTone } from "@/components/ui/badge";

const SEVERITY_TONES: Record<string, BadgeTone> = { critical: "danger", high: "danger", medium: "warning", low: "neutral" };

/** One look for severity everywhere. Critical is filled as well as red, so it stands apart from high without relying on colour alone. */
export function SeverityBadge({ severity }: { severity: string }) {
  if (severity === "critical") {
    return <span className="inline-flex items-center rounded bg-red-700 px-1.5 py-0.5 text-xs font-semibold whitespace-nowrap text-white">critical</span>;
  }
  return <Badge tone={SEVERITY_TONES[severity] ?? "neutral"}>{severity}</Badge>;
}
