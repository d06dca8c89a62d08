import { Badge } from "@/components/ui/badge";
import type { TokenDto } from "@/lib/domain/identity";

export function TokenStatusBadge({ status }: { status: TokenDto["status"] }) {
  if (status === "active") return <Badge tone="success">Active</Badge>;
  if (status === "expired") return <Badge tone="warning">Expired</Badge>;
  return <Badge tone="danger">Revoked</Badge>;
}

export function ScopeList({ scopes }: { scopes: TokenDto["scopes"] }) {
  return (
    <span className="flex flex-wrap gap-1">
      {scopes.map((scope) => (
        <Badge key={scope} tone={scope === "admin" ? "accent" : "neutral"}>
          {scope}
        </Badge>
      ))}
    </span>
  );
}
