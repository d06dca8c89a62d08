import Link from "next/link";
import { cn } from "@/components/ui/cn";

export type ActivityTab = "timeline" | "approvals" | "environments" | "ingest";

type ActivityTabsProps = { current: ActivityTab; canSeeEnvironments: boolean; canIngest: boolean };

/** Sub-navigation of the activity area; links a role cannot use are not rendered at all. */
export function ActivityTabs({ current, canSeeEnvironments, canIngest }: ActivityTabsProps) {
  const tabs: { id: ActivityTab; href: string; label: string; show: boolean }[] = [
    { id: "timeline", href: "/activity", label: "Timeline", show: true },
    { id: "approvals", href: "/activity/approvals", label: "Approvals", show: true },
    { id: "environments", href: "/activity/environments", label: "Environments", show: canSeeEnvironments },
    { id: "ingest", href: "/activity/ingest", label: "Ingest logs", show: canIngest },
  ];
  return (
    <nav aria-label="Activity sections" className="mb-6 flex gap-1 border-b border-zinc-200">
      {tabs
        .filter((tab) => tab.show)
        .map((tab) => (
          <Link
            key={tab.id}
            href={tab.href}
            aria-current={tab.id === current ? "page" : undefined}
            className={cn(
              "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
              tab.id === current ? "border-accent-600 text-accent-700" : "border-transparent text-zinc-600 hover:text-zinc-900",
            )}
          >
            {tab.label}
          </Link>
        ))}
    </nav>
  );
}
