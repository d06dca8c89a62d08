"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { FindingStatusBadge, OverdueBadge } from "@/components/finding-badges";
import { LoadingBlock } from "@/components/query-boundary";
import { SeverityBadge } from "@/components/severity-badge";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SectionHeader } from "@/components/ui/page-header";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { FindingDto, FindingPage } from "@/lib/domain/posture";
import { api, errorMessage, toSearch } from "@/lib/client/api";
import { formatDate } from "@/lib/client/format";
import { findingKeys } from "@/lib/client/query-keys";

/** More than a credential plausibly fails at once; a busier one (many flagged events) links to the queue for the rest. */
const LIMIT = 100;
const ACTIVE = new Set(["open", "in_progress"]);

const credentialFindingsQuery = (credentialId: string) => {
  const query = { credentialId, status: "all", limit: String(LIMIT) };
  return {
    queryKey: findingKeys.list(query),
    queryFn: () => api.get<FindingPage>(`/findings${toSearch(query)}`),
  };
};

/** The rules this credential fails, and those its events fail (cross-environment, unapproved, after expiry). */
export function CredentialFindings({ credentialId }: { credentialId: string }) {
  return (
    <section aria-label="Credential findings">
      <SectionHeader
        title="Findings"
        description="Rules this credential fails, and rules its activity events fail, with status and due date."
        actions={
          <Link href={`/findings?${new URLSearchParams({ credentialId, status: "all" })}`} className="text-sm font-medium text-accent-700 hover:underline">
            In the findings queue →
          </Link>
        }
      />
      <CredentialFindingsBody credentialId={credentialId} />
    </section>
  );
}

/** Active findings first (most severe first, as the API orders them), then resolved and accepted ones. */
function byActivity(findings: FindingDto[]): FindingDto[] {
  return [...findings.filter((f) => ACTIVE.has(f.status)), ...findings.filter((f) => !ACTIVE.has(f.status))];
}

function CredentialFindingsBody({ credentialId }: { credentialId: string }) {
  const { data, error, isPending, refetch } = useQuery(credentialFindingsQuery(credentialId));
  if (isPending) return <LoadingBlock label="Loading findings…" />;
  if (error) {
    return (
      <Alert tone="danger" title="Could not load this credential's findings.">
        {errorMessage(error)}{" "}
        <Button variant="secondary" size="sm" onClick={() => refetch()}>
          Try again
        </Button>
      </Alert>
    );
  }
  if (data.items.length === 0) {
    return <p className="rounded-lg border border-dashed border-zinc-300 bg-white px-4 py-6 text-center text-sm text-zinc-600">No rule fails for this credential or its activity.</p>;
  }
  const active = data.items.filter((f) => ACTIVE.has(f.status));
  const critical = active.filter((f) => f.severity === "critical").length;
  return (
    <div className="space-y-3">
      <p className="text-sm text-zinc-700" data-testid="credential-findings-summary">
        {active.length === 0 ? "Nothing open: every finding was resolved or accepted." : `${active.length} open${critical ? `, ${critical} critical` : ""}.`}
        {data.total > data.items.length ? ` Showing ${data.items.length} of ${data.total}; the queue has the rest.` : ""}
      </p>
      <Table label="Findings of this credential">
        <THead>
          <Tr>
            <Th>Severity</Th>
            <Th>Rule</Th>
            <Th>On</Th>
            <Th>Status</Th>
            <Th>Due</Th>
            <Th>Reason</Th>
          </Tr>
        </THead>
        <TBody>
          {byActivity(data.items).map((f) => (
            <Tr key={f.id} data-testid="credential-finding-row">
              <Td>
                <SeverityBadge severity={f.severity} />
              </Td>
              <Td>
                <Link href={`/findings/${f.id}`} className="font-medium text-accent-700 hover:underline">
                  {f.ruleId} {f.ruleTitle}
                </Link>
              </Td>
              <Td className="text-zinc-700">
                {f.subjectKind === "event" && f.subjectHref ? (
                  <Link href={f.subjectHref} className="text-accent-700 hover:underline">
                    event {f.subjectId}
                  </Link>
                ) : (
                  "this credential"
                )}
              </Td>
              <Td>
                <span className="inline-flex flex-wrap gap-1">
                  <FindingStatusBadge status={f.status} />
                  {f.overdue ? <OverdueBadge /> : null}
                </span>
              </Td>
              <Td className="whitespace-nowrap text-zinc-700">{ACTIVE.has(f.status) ? formatDate(f.dueAt) : "—"}</Td>
              <Td className="max-w-md text-zinc-700">{f.reason}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
