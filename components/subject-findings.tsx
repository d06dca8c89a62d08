"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { FindingStatusBadge, OverdueBadge } from "@/components/finding-badges";
import { LoadError, LoadingBlock } from "@/components/query-boundary";
import { ReasonText } from "@/components/reason-text";
import { SeverityBadge } from "@/components/severity-badge";
import { SectionHeader } from "@/components/ui/page-header";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { FindingDto, FindingPage } from "@/lib/domain/posture";
import { api, toSearch } from "@/lib/client/api";
import { formatDate } from "@/lib/client/format";
import { findingKeys } from "@/lib/client/query-keys";

/** More findings than one subject plausibly has open at once; for a credential with many failing events, the queue has the rest. */
const LIMIT = 100;
const ACTIVE = new Set(["open", "in_progress"]);

/** Whose findings: a credential with its events', or one subject of any kind. */
export type FindingsOf = { credentialId: string } | { subjectKind: "event" | "corpus"; subjectId: string };

const findingsQuery = (query: Record<string, string>) => ({
  queryKey: findingKeys.list(query),
  queryFn: () => api.get<FindingPage>(`/findings${toSearch(query)}`),
});

const subjectFindingsQuery = (of: FindingsOf) => findingsQuery({ ...of, status: "all", limit: String(LIMIT) });

/**
 * The summary's counts come from the queue's own totals, not from the rows loaded here: a credential whose events
 * fail more than LIMIT times has more findings than this table holds, and the counts must still equal the queue's.
 */
const activeCountQuery = (of: FindingsOf, severity?: "critical") => findingsQuery({ ...of, status: "active", ...(severity ? { severity } : {}), limit: "1" });

/** The queue on this subject's active findings (its default status), optionally of one severity. */
const activeQueueHref = (of: FindingsOf, severity?: "critical") => `/findings?${new URLSearchParams({ ...of, ...(severity ? { severity } : {}) })}`;

/** `emptyText`: what an empty list means when it is not "nothing fails" (the viewer sees part of the findings only). */
type SubjectFindingsProps = { of: FindingsOf; description: string; emptyText?: string };

/** The rules a subject fails, with status and due date; a credential's include those its events fail. */
export function SubjectFindings({ of, description, emptyText }: SubjectFindingsProps) {
  const queue = `/findings?${new URLSearchParams({ ...of, status: "all" })}`;
  return (
    <section aria-label="Findings of this subject">
      <SectionHeader
        title="Findings"
        description={description}
        actions={
          <Link href={queue} className="text-sm font-medium text-accent-700 hover:underline">
            In the findings queue →
          </Link>
        }
      />
      <SubjectFindingsBody of={of} emptyText={emptyText} />
    </section>
  );
}

/** Active findings first (most severe first, as the API orders them), then resolved and accepted ones. */
function byActivity(findings: FindingDto[]): FindingDto[] {
  return [...findings.filter((f) => ACTIVE.has(f.status)), ...findings.filter((f) => !ACTIVE.has(f.status))];
}

function SubjectFindingsBody({ of, emptyText }: { of: FindingsOf; emptyText?: string }) {
  const list = useQuery(subjectFindingsQuery(of));
  const activeCount = useQuery(activeCountQuery(of));
  const criticalCount = useQuery(activeCountQuery(of, "critical"));
  const ofCredential = "credentialId" in of;
  const { data } = list;
  const error = list.error ?? activeCount.error ?? criticalCount.error;
  if (error) return <LoadError title="Could not load the findings." error={error} retry={() => Promise.all([list.refetch(), activeCount.refetch(), criticalCount.refetch()])} />;
  if (!data || !activeCount.data || !criticalCount.data) return <LoadingBlock label="Loading findings…" />;
  if (data.items.length === 0) {
    return <p className="rounded-lg border border-dashed border-zinc-300 bg-white px-4 py-6 text-center text-sm text-zinc-600">{emptyText ?? (ofCredential ? "No rule fails for this credential or its activity." : "No rule fails here.")}</p>;
  }
  const open = activeCount.data.total;
  const critical = criticalCount.data.total;
  const countLink = (href: string, text: string) => (
    <Link href={href} className="font-medium text-accent-700 hover:underline">
      {text}
    </Link>
  );
  return (
    <div className="space-y-3">
      <p className="text-sm text-zinc-700" data-testid="subject-findings-summary">
        {open === 0 ? (
          "Nothing open: every finding was resolved or accepted."
        ) : (
          <>
            {countLink(activeQueueHref(of), `${open} open`)}
            {critical ? <>, {countLink(activeQueueHref(of, "critical"), `${critical} critical`)}</> : null}.
          </>
        )}
        {data.total > data.items.length ? ` Showing ${data.items.length} of ${data.total}; the queue has the rest.` : ""}
      </p>
      <Table label="Findings of this subject">
        <THead>
          <Tr>
            <Th>Severity</Th>
            <Th>Rule</Th>
            {ofCredential ? <Th>On</Th> : null}
            <Th>Status</Th>
            <Th>Due</Th>
            <Th>Reason</Th>
          </Tr>
        </THead>
        <TBody>
          {byActivity(data.items).map((f) => (
            <Tr key={f.id} data-testid="subject-finding-row">
              <Td>
                <SeverityBadge severity={f.severity} />
              </Td>
              <Td>
                <Link href={`/findings/${f.id}`} className="font-medium text-accent-700 hover:underline">
                  {f.ruleId} {f.ruleTitle}
                </Link>
              </Td>
              {ofCredential ? (
                <Td className="text-zinc-700">
                  {f.subjectKind === "event" && f.subjectHref ? (
                    <Link href={f.subjectHref} className="text-accent-700 hover:underline">
                      event {f.subjectId}
                    </Link>
                  ) : (
                    "this credential"
                  )}
                </Td>
              ) : null}
              <Td>
                <span className="inline-flex flex-wrap gap-1">
                  <FindingStatusBadge status={f.status} />
                  {f.overdue ? <OverdueBadge /> : null}
                </span>
              </Td>
              <Td className="whitespace-nowrap text-zinc-700">{ACTIVE.has(f.status) ? formatDate(f.dueAt) : "—"}</Td>
              <Td className="max-w-md text-zinc-700">
                <ReasonText text={f.reason} credentials={f.reasonCredentials} />
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
