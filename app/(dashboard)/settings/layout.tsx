import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/server/session";
import { settingsSections } from "./_lib/sections";
import { SettingsNav } from "./_components/settings-nav";

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  const sections = settingsSections(viewer);
  const description =
    viewer.role === "engineer"
      ? "Your profile and the teams you belong to."
      : "People, teams, API tokens and the tamper-evident audit log of this Leash instance.";
  return (
    <>
      <PageHeader title="Settings" description={description} />
      <SettingsNav sections={sections} />
      {children}
    </>
  );
}
