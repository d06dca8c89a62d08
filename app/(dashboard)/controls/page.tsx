import type { Metadata } from "next";
import { NavIcon } from "@/components/nav-icons";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Controls" };

export default function ControlsPage() {
  return (
    <>
      <PageHeader
        title="Controls"
        description="SOC 2 (CC6.1, CC6.2, CC6.3, CC6.6, CC7.2, CC8.1) and PCI DSS v4.0.1 controls, each drilling down to its full population and to any single item."
      />
      <EmptyState
        icon={<NavIcon name="controls" className="size-5" />}
        title="No control results yet"
        description="A control's score is the weighted share of passing and excepted evaluations of its rules. Results appear after the first evaluation of your inventory."
        steps={[
          "Import credentials and ingest activity so every rule has a population.",
          "Pick a framework and an audit window (or an “as of” date).",
          "Drill from a control to the items behind its score.",
        ]}
      />
    </>
  );
}
