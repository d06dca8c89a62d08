import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { ActorType, Environment, Outcome } from "@/lib/domain/activity-event";
import type { EventDto } from "@/lib/domain/activity-query";
import { visibleText } from "@/lib/domain/visible-text";

/**
 * Badges for activity events, shared by the Activity pages and the credential page's activity section.
 * The point of the activity log is telling agents from people, so the agent badge is filled (not tinted like the
 * others) and carries a marker glyph: it stays distinct without relying on colour alone.
 */
export function ActorTypeBadge({ actorType }: { actorType: ActorType }) {
  if (actorType === "agent") {
    return (
      <span className="inline-flex items-center gap-1 rounded bg-violet-700 px-1.5 py-0.5 text-xs font-semibold whitespace-nowrap text-white">
        <span aria-hidden="true">◆</span>
        Agent
      </span>
    );
  }
  const label = { human: "Human", service: "Service", unknown: "Unknown" }[actorType];
  return (
    <Badge tone={actorType === "unknown" ? "warning" : "neutral"} className={cn(actorType === "service" && "bg-sky-50 text-sky-800 ring-sky-200")}>
      {label}
    </Badge>
  );
}

const outcomeTone = { success: "success", failure: "warning", denied: "danger" } as const;

export function OutcomeBadge({ outcome }: { outcome: Outcome }) {
  return <Badge tone={outcomeTone[outcome]}>{outcome}</Badge>;
}

export function EnvironmentBadge({ environment }: { environment: Environment | null }) {
  if (!environment) return <Badge tone="warning">env unknown</Badge>;
  return <Badge tone={environment === "production" ? "danger" : "neutral"}>{environment}</Badge>;
}

export const FLAG_LABELS = {
  unapprovedDestructive: "Unapproved destructive",
  crossEnv: "Cross-environment",
  afterExpiry: "After expiry",
} as const;
export type FlagName = keyof typeof FLAG_LABELS;
export const FLAG_NAMES = Object.keys(FLAG_LABELS) as FlagName[];

/** The flags raised on one event, worst first; nothing at all when none is raised. */
export function FlagBadges({ event }: { event: Pick<EventDto, FlagName> }) {
  const raised = FLAG_NAMES.filter((flag) => event[flag]);
  if (raised.length === 0) return <span className="text-xs text-zinc-500">—</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {raised.map((flag) => (
        <Badge key={flag} tone="danger" className="font-semibold">
          <span aria-hidden="true" className="mr-0.5">
            ⚑
          </span>
          {FLAG_LABELS[flag]}
        </Badge>
      ))}
    </span>
  );
}

/** Raw operation as the source named it, with the normalized one; destructive operations stand out. */
export function OperationCell({ event }: { event: Pick<EventDto, "rawOperation" | "operation" | "destructive"> }) {
  return (
    <span className="flex flex-col gap-0.5">
      <span className={cn("font-mono text-xs break-all", event.destructive ? "font-semibold text-red-700" : "text-zinc-900")}>
        {visibleText(event.rawOperation)}
      </span>
      <span className="flex items-center gap-1 text-xs text-zinc-500">
        {event.operation}
        {event.destructive ? <Badge tone="danger">destructive</Badge> : null}
      </span>
    </span>
  );
}
