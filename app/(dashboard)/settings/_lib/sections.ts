import "server-only";
import { can } from "@/lib/server/permissions";
import type { Viewer } from "@/lib/server/viewer";

export type SettingsSection = { href: string; label: string };

/**
 * Which Settings sections a viewer may open, in menu order. The team directory goes with the user directory:
 * engineers may read their own teams (team:read) and see them under Profile, not as an admin section.
 */
export function settingsSections(viewer: Viewer): SettingsSection[] {
  const sections: SettingsSection[] = [];
  if (can(viewer, "user:read")) sections.push({ href: "/settings/users", label: "Users" });
  if (can(viewer, "user:read") && can(viewer, "team:read")) sections.push({ href: "/settings/teams", label: "Teams" });
  if (can(viewer, "token:read")) sections.push({ href: "/settings/tokens", label: "API tokens" });
  if (can(viewer, "audit:read")) sections.push({ href: "/settings/audit", label: "Audit log" });
  if (can(viewer, "settings:read")) sections.push({ href: "/settings/rules", label: "Rules" });
  sections.push({ href: "/settings/profile", label: "Profile" });
  // After Profile, which stays where /settings lands for engineers.
  if (can(viewer, "job:read")) sections.push({ href: "/settings/jobs", label: "Jobs" });
  return sections;
}

export function maySee(viewer: Viewer, href: string): boolean {
  return settingsSections(viewer).some((section) => section.href === href);
}
