import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { formatDateTime } from "@/lib/client/format";
import { relativeTime } from "../_lib/time";

/**
 * "Not stated" is a gap in the inventory (rules R02/R03 fail on it), not a "no": it gets a dashed, italic
 * look of its own so nobody reads it as false, none or never.
 */
export function NotStated({ className }: { className?: string }) {
  return (
    <span
      className={cn(
        "inline-flex items-center rounded border border-dashed border-zinc-400 px-1.5 py-0.5 text-xs whitespace-nowrap text-zinc-600 italic",
        className,
      )}
    >
      not stated
    </span>
  );
}

/** `*` works everywhere and an empty list is stated-but-untagged: both fail R02/R08, so both stand out. */
export function EnvironmentBadges({ environments }: { environments: string[] | null | undefined }) {
  if (environments == null) return <NotStated />;
  if (environments.length === 0) return <Badge tone="danger">untagged</Badge>;
  return (
    <span className="flex flex-wrap gap-1">
      {environments.map((env) =>
        env === "*" ? (
          <Badge key={env} tone="warning">
            everywhere
          </Badge>
        ) : (
          <Badge key={env} tone={env === "production" ? "accent" : "neutral"}>
            {env}
          </Badge>
        ),
      )}
    </span>
  );
}

export function AgentAccessBadge({ value }: { value: boolean | null | undefined }) {
  if (value == null) return <NotStated />;
  return value ? <Badge tone="warning">agent: yes</Badge> : <Badge tone="success">agent: no</Badge>;
}

type ExpiryProps = { expiresAt: string | null; neverExpires: boolean; now: number };

/** A credential that never expires is the PocketOS token's defining trait, so "never" is shown as a risk. */
export function ExpiryCell({ expiresAt, neverExpires, now }: ExpiryProps) {
  if (neverExpires) return <Badge tone="danger">never</Badge>;
  if (!expiresAt) return <NotStated />;
  const expired = new Date(expiresAt).getTime() <= now;
  return (
    <time dateTime={expiresAt} title={formatDateTime(expiresAt)} className={cn("whitespace-nowrap", expired ? "font-medium text-red-700" : "text-zinc-700")}>
      {expired ? `expired ${relativeTime(expiresAt, now)}` : relativeTime(expiresAt, now)}
    </time>
  );
}

export function LastUsedCell({ lastUsedAt, now }: { lastUsedAt: string | null; now: number }) {
  if (!lastUsedAt) return <span className="text-zinc-500">—</span>;
  return (
    <time dateTime={lastUsedAt} title={formatDateTime(lastUsedAt)} className="whitespace-nowrap text-zinc-700">
      {relativeTime(lastUsedAt, now)}
    </time>
  );
}

const statusTones: Record<string, "success" | "neutral" | "danger" | "warning"> = {
  active: "success",
  disabled: "neutral",
  expired: "warning",
  revoked: "neutral",
};

export function StatusCell({ status, missingFromSource }: { status: string | null; missingFromSource: boolean }) {
  return (
    <span className="flex flex-wrap gap-1">
      {status ? <Badge tone={statusTones[status] ?? "neutral"}>{status}</Badge> : <NotStated />}
      {missingFromSource ? <Badge tone="warning">missing from source</Badge> : null}
    </span>
  );
}

const storageTones: Record<string, "success" | "danger" | "warning" | "neutral"> = {
  vault: "success",
  ci_secret: "success",
  env_file: "warning",
  plaintext: "danger",
};

export function StorageCell({ storage }: { storage: string | null }) {
  if (!storage) return <NotStated />;
  return <Badge tone={storageTones[storage] ?? "neutral"}>{storage.replace("_", " ")}</Badge>;
}

export function Muted({ children }: { children: React.ReactNode }) {
  return <span className="text-zinc-500">{children}</span>;
}
