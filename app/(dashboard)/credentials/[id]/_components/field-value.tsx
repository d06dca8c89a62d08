import { Badge } from "@/components/ui/badge";
import { Code } from "@/components/ui/code";
import type { CredentialFieldName } from "@/lib/domain/credential";
import { formatDateTime } from "@/lib/client/format";
import { AgentAccessBadge, EnvironmentBadges, StorageCell } from "../../_components/cells";

const DATE_FIELDS = new Set(["created_at", "expires_at", "last_rotated_at", "last_used_at", "revoked_at", "last_review_at"]);

/** What a stated `null` means for each field that allows one (DESIGN §2): never, unrestricted, none. */
const NULL_MEANINGS: Partial<Record<CredentialFieldName, { text: string; risky: boolean }>> = {
  expires_at: { text: "never expires", risky: true },
  last_used_at: { text: "never used", risky: false },
  revoked_at: { text: "not revoked", risky: false },
  allowed_operations: { text: "unrestricted (every operation)", risky: true },
};

/** Renders one stated value; the caller handles "not stated" (the key is absent). */
export function FieldValue({ field, value }: { field: CredentialFieldName; value: unknown }) {
  if (value === null) {
    const meaning = NULL_MEANINGS[field];
    return meaning ? <Badge tone={meaning.risky ? "danger" : "neutral"}>{meaning.text}</Badge> : <span>none</span>;
  }
  if (field === "environments") return <EnvironmentBadges environments={value as string[]} />;
  if (field === "agent_accessible") return <AgentAccessBadge value={value as boolean} />;
  if (field === "storage") return <StorageCell storage={value as string} />;
  if (field === "fingerprint") return <Code>{`${String(value).slice(0, 12)}…`}</Code>;
  if (DATE_FIELDS.has(field)) return <time dateTime={String(value)}>{formatDateTime(String(value))}</time>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="text-zinc-600">none</span>;
    return (
      <span className="flex flex-wrap gap-1">
        {value.map((item) => (
          <Badge key={String(item)}>{String(item)}</Badge>
        ))}
      </span>
    );
  }
  if (typeof value === "boolean") return <span>{value ? "yes" : "no"}</span>;
  return <span className="break-all">{String(value)}</span>;
}
