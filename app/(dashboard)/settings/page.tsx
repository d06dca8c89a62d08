import { redirect } from "next/navigation";
import { requireViewer } from "@/lib/server/session";
import { settingsSections } from "./_lib/sections";

/** Settings has no page of its own: open the first section this viewer may see. */
export default async function SettingsPage() {
  const viewer = await requireViewer();
  redirect(settingsSections(viewer)[0]?.href ?? "/settings/profile");
}
