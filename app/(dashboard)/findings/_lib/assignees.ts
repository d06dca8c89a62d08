import "server-only";
import { can } from "@/lib/server/permissions";
import { listUsers } from "@/lib/server/users";
import type { Viewer } from "@/lib/server/viewer";

export type AssigneeChoice = { id: string; label: string };

/**
 * Who the viewer may assign findings to, or null when they may not change findings. Admins pick an admin or an
 * engineer — of the finding's team when one finding is shown (`teamId`), any engineer in the queue, where the server
 * refuses a finding of another team with its reason; auditors are read-only. Everyone else may only take a finding
 * themselves (the server enforces the same).
 */
export async function assigneeChoices(viewer: Viewer, teamId?: string | null): Promise<AssigneeChoice[] | null> {
  if (!can(viewer, "finding:write")) return null;
  const self = { id: viewer.userId, label: `${viewer.name} (you)` };
  if (viewer.role !== "admin" || !can(viewer, "user:read")) return [self];
  const users = await listUsers(viewer);
  const canAct = (u: (typeof users)[number]) => u.role === "admin" || (u.role === "engineer" && (teamId === undefined || u.teams.some((t) => t.id === teamId)));
  const others = users.filter((u) => u.active && u.id !== viewer.userId && canAct(u)).map((u) => ({ id: u.id, label: `${u.name} (${u.email})` }));
  return [self, ...others];
}
