"use client";

import { useSuspenseInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Code } from "@/components/ui/code";
import { EmptyState } from "@/components/ui/empty-state";
import { SectionHeader } from "@/components/ui/page-header";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { formatDateTime } from "@/lib/client/format";
import { approvalStartsAt, type ApprovalDto } from "@/lib/domain/approval";
import { approvalPagesQuery } from "../../_lib/queries";
import { LoadMore } from "@/components/load-more";
import { RecordApprovalDialog, type RecordedApproval } from "./record-approval-dialog";

/** An approval recorded past the grace period covers events only from its recording: the table says so. */
function RecordedLate({ approval }: { approval: ApprovalDto }) {
  const startsAt = approvalStartsAt({ ...approval, recordedAt: approval.createdAt });
  if (startsAt === Date.parse(approval.approvedAt)) return null;
  return (
    <span className="mt-1 block" data-testid="recorded-late">
      <Badge tone="warning">recorded late</Badge> counts from{" "}
      <span className="whitespace-nowrap">{formatDateTime(new Date(startsAt).toISOString())}</span>
    </span>
  );
}

/** Out-of-band approvals; an agent's destructive production operation is flagged unless one covers it. */
export function ApprovalsSection({ canRecord }: { canRecord: boolean }) {
  const { data, fetchNextPage, hasNextPage, isFetchingNextPage } = useSuspenseInfiniteQuery(approvalPagesQuery());
  const approvals = data.pages.flatMap((page) => page.approvals);
  const [recording, setRecording] = useState(false);
  const [recorded, setRecorded] = useState<RecordedApproval | null>(null);
  const recordButton = canRecord ? <Button onClick={() => setRecording(true)}>Record approval</Button> : null;

  return (
    <section aria-label="Approvals">
      <SectionHeader
        title="Approvals"
        description="Approvals given in Slack, PagerDuty or a ticket. One covers an event only for its operation, resource and environment, between its approval and expiry times; one recorded here more than 15 minutes after its approval time counts only from when it was recorded."
        actions={approvals.length > 0 ? recordButton : null}
      />
      <div aria-live="polite">
        {recorded ? (
          <p className="mb-3 text-sm text-emerald-800" data-testid="approval-recorded">
            {/* The same approval sent again is held once: saying "recorded" twice would suggest a second one. */}
            {recorded.duplicate ? `Approval ${recorded.reference} was already recorded; nothing changed.` : `Approval ${recorded.reference} recorded.`}
          </p>
        ) : null}
      </div>
      {approvals.length === 0 ? (
        <EmptyState
          title="No approvals recorded"
          description="Record an approval here, send it to POST /api/v1/approvals, or wire the signed Slack webhook."
          action={recordButton}
        />
      ) : (
        <Table label="Approvals">
          <THead>
            <Tr>
              <Th>Reference</Th>
              <Th>Operation</Th>
              <Th>Resource</Th>
              <Th>Environment</Th>
              <Th>Requester, approver</Th>
              <Th>Valid</Th>
              <Th>Recorded by</Th>
            </Tr>
          </THead>
          <TBody>
            {approvals.map((a) => (
              <Tr key={a.id} data-testid="approval-row">
                <Td className="max-w-64 min-w-40 break-all">
                  <Code>{a.reference}</Code>
                  <span className="ml-1">
                    <Badge>{a.channel}</Badge>
                  </span>
                </Td>
                <Td className="font-mono text-xs">{a.operation}</Td>
                <Td className="max-w-64 min-w-40 font-mono text-xs break-all">{a.resource}</Td>
                <Td className="text-xs">{a.environment === "*" ? "any" : a.environment}</Td>
                {/* One column for both people: two side by side made the table wider than a 1440 px window. */}
                <Td className="max-w-56 text-xs wrap-anywhere">
                  <span className="block">{a.requester}</span>
                  <span className="block text-zinc-600">approved by {a.approver}</span>
                </Td>
                {/* Each instant stays on one line; a late recording's note wraps under them (kept on one line, it
                    widened the table past a 1440 px window). */}
                <Td className="text-xs text-zinc-600">
                  <span className="block whitespace-nowrap">{formatDateTime(a.approvedAt)}</span>
                  <span className="block whitespace-nowrap">until {formatDateTime(a.expiresAt)}</span>
                  <RecordedLate approval={a} />
                </Td>
                <Td className="text-xs text-zinc-600">{a.createdBy}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      {approvals.length > 0 ? (
        <LoadMore shown={approvals.length} noun={["approval", "approvals"]} hasMore={hasNextPage} loading={isFetchingNextPage} onMore={() => fetchNextPage()} />
      ) : null}
      {canRecord ? (
        <RecordApprovalDialog
          open={recording}
          onClose={() => setRecording(false)}
          onRecorded={(approval) => {
            setRecording(false);
            setRecorded(approval);
          }}
        />
      ) : null}
    </section>
  );
}
