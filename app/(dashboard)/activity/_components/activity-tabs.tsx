import { SectionTabs } from "@/components/ui/section-tabs";

export type ActivityTab = "timeline" | "approvals" | "environments" | "ingest";

type ActivityTabsProps = { current: ActivityTab; canSeeEnvironments: boolean; canIngest: boolean };

/** Sub-navigation of the activity area; links a role cannot use are not rendered at all. */
export function ActivityTabs({ current, canSeeEnvironments, canIngest }: ActivityTabsProps) {
  return (
    <SectionTabs
      label="Activity sections"
      current={current}
      tabs={[
        { id: "timeline", href: "/activity", label: "Timeline" },
        { id: "approvals", href: "/activity/approvals", label: "Approvals" },
        { id: "environments", href: "/activity/environments", label: "Environments", show: canSeeEnvironments },
        { id: "ingest", href: "/activity/ingest", label: "Ingest logs", show: canIngest },
      ]}
    />
  );
}
