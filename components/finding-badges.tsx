import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ExceptionStatus, FindingStatus } from "@/lib/domain/posture";

const STATUS: Record<FindingStatus, { tone: BadgeTone; label: string }> = {
  open: { tone: "warning", label: "open" },
  in_progress: { tone: "accent", label: "in progress" },
  resolved: { tone: "success", label: "resolved" },
  risk_accepted: { tone: "neutral", label: "risk accepted" },
};

export function FindingStatusBadge({ status }: { status: FindingStatus }) {
  const { tone, label } = STATUS[status];
  return (
    <Badge tone={tone}>
      <span data-testid="finding-status">{label}</span>
    </Badge>
  );
}

const EXCEPTION_TONES: Record<ExceptionStatus, BadgeTone> = { pending: "warning", approved: "success", rejected: "danger", expired: "neutral" };

export function ExceptionStatusBadge({ status }: { status: ExceptionStatus }) {
  return (
    <Badge tone={EXCEPTION_TONES[status]}>
      <span data-testid="exception-status">{status}</span>
    </Badge>
  );
}

export function OverdueBadge() {
  return (
    <Badge tone="danger" className="font-semibold">
      overdue
    </Badge>
  );
}
