import { SectionTabs } from "@/components/ui/section-tabs";

export type FindingsTab = "queue" | "exceptions";

/** Sub-navigation of the findings area: the triage queue and the exception requests. */
export function FindingsTabs({ current }: { current: FindingsTab }) {
  return (
    <SectionTabs
      label="Findings sections"
      current={current}
      tabs={[
        { id: "queue", href: "/findings", label: "Queue" },
        { id: "exceptions", href: "/findings/exceptions", label: "Exceptions" },
      ]}
    />
  );
}
