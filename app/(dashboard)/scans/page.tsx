import type { Metadata } from "next";
import { NavIcon } from "@/components/nav-icons";
import { Code } from "@/components/ui/code";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Scans" };

export default function ScansPage() {
  return (
    <>
      <PageHeader
        title="Scans"
        description="Secret-scan runs over the places agents read — repos, wiki and Notion exports, Slack channels, runbooks — with redacted findings."
      />
      <EmptyState
        icon={<NavIcon name="scans" className="size-5" />}
        title="No corpora scanned yet"
        description="Register a corpus and say whether agents can read it; Leash then scans it and matches each secret to an inventory credential by fingerprint."
        steps={[
          "Add a corpus (git repo, docs export, chat export or file tree) and mark it agent-readable if it is.",
          <>Run <Code>leash scan</Code> locally or in CI and upload the results.</>,
          "Review findings: only redacted previews are shown, never the secret itself.",
        ]}
      />
    </>
  );
}
