import type { Metadata } from "next";
import { NavIcon } from "@/components/nav-icons";
import { Code } from "@/components/ui/code";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Evidence" };

export default function EvidencePage() {
  return (
    <>
      <PageHeader
        title="Evidence"
        description="Signed, verifiable evidence packages for auditors: control summaries, full populations, the audit log and OSCAL results in one zip."
      />
      <EmptyState
        icon={<NavIcon name="evidence" className="size-5" />}
        title="No evidence packages built yet"
        description="Each package is signed with Ed25519 and lists every file's SHA-256, so an auditor can verify it offline with stock tools."
        steps={[
          "Choose a framework and an “as of” date or an audit period.",
          "Build the package; large workspaces build in the background with progress shown.",
          <>Download it, or verify one with <Code>leash evidence verify pkg.zip</Code>.</>,
        ]}
      />
    </>
  );
}
