import type { Metadata } from "next";
import { NavIcon } from "@/components/nav-icons";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Findings" };

export default function FindingsPage() {
  return (
    <>
      <PageHeader
        title="Findings"
        description="The triage queue: one entry per failing rule and subject, with why it failed, who owns it and its exceptions."
      />
      <EmptyState
        icon={<NavIcon name="findings" className="size-5" />}
        title="No findings yet"
        description="Findings are produced when the rules engine evaluates your credentials, scan results and activity. A finding resolves itself when its subject passes again."
        steps={[
          "Import credentials and run a scan so there is something to evaluate.",
          "Assign open findings to their owning team and fix them at the provider.",
          "Request a time-boxed exception where a risk is accepted; an admin other than you approves it.",
        ]}
      />
    </>
  );
}
