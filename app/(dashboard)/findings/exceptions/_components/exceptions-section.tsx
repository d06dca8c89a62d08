"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/input";
import { SectionHeader } from "@/components/ui/page-header";
import { Select } from "@/components/ui/select";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { formatDateTime } from "@/lib/client/format";
import { EXCEPTION_STATUSES } from "@/lib/domain/posture";
import { SeverityBadge } from "@/components/severity-badge";
import { ExceptionStatusBadge } from "@/components/finding-badges";
import { exceptionsQuery } from "../../_lib/queries";
import { DecisionControls } from "./decision-controls";

const STATUS_CHOICES = [...EXCEPTION_STATUSES, "all"] as const;

/** Exception requests with enough of each finding to decide without opening it; admins approve or reject here. */
export function ExceptionsSection({ status, canDecide }: { status: string; canDecide: boolean }) {
  const { data: exceptions } = useSuspenseQuery(exceptionsQuery(status));
  const router = useRouter();
  const [busy, startTransition] = useTransition();
  const [notice, setNotice] = useState<string | null>(null);
  const showDecision = canDecide && exceptions.some((e) => e.status === "pending");

  return (
    <section aria-label="Exceptions">
      <SectionHeader
        title="Exception requests"
        description="Each accepts one finding's risk until its expiry day. The requester cannot approve their own request."
        actions={
          <Field label="Status" className="w-44">
            {({ id }) => (
              <Select
                id={id}
                value={status}
                disabled={busy}
                onChange={(e) => {
                  const next = e.target.value;
                  setNotice(null);
                  startTransition(() => router.push(next === "pending" ? "/findings/exceptions" : `/findings/exceptions?status=${next}`, { scroll: false }));
                }}
              >
                {STATUS_CHOICES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        }
      />
      <div aria-live="polite">{notice ? <p className="mb-3 text-sm text-emerald-800">{notice}</p> : null}</div>
      {exceptions.length === 0 ? (
        <EmptyState
          title={status === "pending" ? "No exception requests waiting" : `No ${status === "all" ? "" : `${status} `}exceptions`}
          description="Exceptions are requested from a finding's page, with a justification and an expiry of at most a year."
        />
      ) : (
        <Table label="Exception requests">
          <THead>
            <Tr>
              <Th>Finding</Th>
              <Th>Requested by</Th>
              <Th>Justification</Th>
              <Th>Expires</Th>
              <Th>Status</Th>
              {showDecision ? <Th>Decision</Th> : null}
            </Tr>
          </THead>
          <TBody>
            {exceptions.map((e) => (
              <Tr key={e.id} data-testid="exception-row" className="align-top">
                <Td className="max-w-72 min-w-56">
                  <span className="flex items-center gap-1.5">
                    <SeverityBadge severity={e.finding.severity} />
                    <Link href={`/findings/${e.findingId}`} className="font-medium text-accent-700 hover:underline">
                      <span className="font-mono">{e.finding.ruleId}</span> {e.finding.ruleTitle}
                    </Link>
                  </span>
                  <span className="mt-0.5 block text-xs break-words text-zinc-700">{e.finding.subjectLabel}</span>
                  <span className="block text-xs text-zinc-500">{e.finding.teamName ?? "No team"}</span>
                </Td>
                <Td className="text-xs">
                  {e.requestedBy}
                  <span className="block text-zinc-500">{formatDateTime(e.requestedAt)}</span>
                </Td>
                <Td className="max-w-96 min-w-64 text-xs whitespace-pre-wrap text-zinc-800">{e.justification}</Td>
                <Td className="text-xs whitespace-nowrap">{formatDateTime(e.expiresAt)}</Td>
                <Td className="text-xs">
                  <ExceptionStatusBadge status={e.status} />
                  {e.decidedAt ? (
                    <span className="mt-1 block text-zinc-600">
                      by {e.decidedBy ?? "—"}, {formatDateTime(e.decidedAt)}
                      {e.decisionNote ? <span className="block whitespace-pre-wrap italic">{e.decisionNote}</span> : null}
                    </span>
                  ) : null}
                </Td>
                {showDecision ? (
                  <Td className="min-w-64">
                    {e.status === "pending" ? (
                      <DecisionControls
                        exceptionId={e.id}
                        subject={`${e.finding.ruleId} on ${e.finding.subjectLabel}`}
                        onDecided={(decision) => setNotice(`Exception for ${e.finding.ruleId} on ${e.finding.subjectLabel} ${decision === "approve" ? "approved" : "rejected"}.`)}
                      />
                    ) : null}
                  </Td>
                ) : null}
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </section>
  );
}
