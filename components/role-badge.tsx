import type { Role } from "@/lib/domain/identity";
import { roleLabels } from "@/lib/client/format";
import { Badge, type BadgeTone } from "./ui/badge";

const tones: Record<Role, BadgeTone> = { admin: "accent", auditor: "warning", engineer: "neutral" };

export function RoleBadge({ role }: { role: Role }) {
  return <Badge tone={tones[role]}>{roleLabels[role]}</Badge>;
}
