import "server-only";
import { can } from "@/lib/server/permissions";
import { listUsers } from "@/lib/server/users";
import type { Viewer } from "@/lib/server/viewer";

export type AssigneeChoice = { id: string; label: string };

/**
 * Who the viewer may assign findings to, or null when they may not change findings. Admins pick any active user;
 * everyone else may only take a finding themselves (the server enforces the same).
 */
export async function assigneeChoices(viewer: Viewer): Promise<AssigneeChoice[] | null> {
  if (!can(viewer, "finding:write")) return null;
  const self = { id: viewer.userId, label: `${viewer.name} (you)` };
  if (viewer.role !== "admin" || !can(viewer, "user:read")) return [self];
  const users = await listUsers(viewer);
  const others = users.filter((u) => u.active && u.id !== viewer.userId).map((u) => ({ id: u.id, label: `${u.name} (${u.email})` }));
  return [self, ...others];
}
