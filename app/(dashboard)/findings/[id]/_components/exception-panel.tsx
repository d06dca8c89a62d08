"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/lib/client/format";
import type { FindingDto } from "@/lib/domain/posture";
import { ExceptionStatusBadge } from "@/components/finding-badges";
import { RequestExceptionDialog } from "./request-exception-dialog";

type ExceptionPanelProps = { finding: FindingDto; canRequest: boolean; now: number };

/** The latest exception request and its decision; a new request is possible once none is pending. */
export function ExceptionPanel({ finding, canRequest, now }: ExceptionPanelProps) {
  const [open, setOpen] = useState(false);
  const [requested, setRequested] = useState(false);
  const ex = finding.exception;
  const active = finding.status === "open" || finding.status === "in_progress";
  const mayRequest = canRequest && active && ex?.status !== "pending";
  const requestButton = mayRequest ? (
    <Button variant="secondary" onClick={() => setOpen(true)}>
      Request exception
    </Button>
  ) : null;

  return (
    <div className="rounded-lg border border-zinc-200 bg-white p-5" data-testid="exception-panel">
      <div aria-live="polite">{requested ? <p className="mb-3 text-sm text-emerald-800">Exception requested. An admin other than you decides it.</p> : null}</div>
      {ex ? (
        <div className="space-y-3">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <span className="font-medium text-zinc-900">Latest request</span>
            <ExceptionStatusBadge status={ex.status} />
            <span className="text-zinc-600">
              by {ex.requestedBy} on {formatDateTime(ex.requestedAt)} · expires {formatDateTime(ex.expiresAt)}
            </span>
          </div>
          <blockquote className="border-l-2 border-zinc-300 pl-3 text-sm whitespace-pre-wrap text-zinc-800" data-testid="exception-justification">
            {ex.justification}
          </blockquote>
          {ex.decidedAt ? (
            <p className="text-sm text-zinc-700">
              {ex.status === "rejected" ? "Rejected" : "Approved"} by {ex.decidedBy ?? "—"} on {formatDateTime(ex.decidedAt)}
              {ex.decisionNote ? (
                <>
                  : <span className="whitespace-pre-wrap italic">{ex.decisionNote}</span>
                </>
              ) : null}
            </p>
          ) : ex.status === "pending" ? (
            <p className="text-sm text-zinc-600">Waiting for an admin&apos;s decision.</p>
          ) : null}
        </div>
      ) : (
        <p className="text-sm text-zinc-600">No exception has been requested for this finding.</p>
      )}
      {requestButton ? <div className="mt-4">{requestButton}</div> : null}
      {mayRequest ? (
        <RequestExceptionDialog
          open={open}
          findingId={finding.id}
          now={now}
          onClose={() => setOpen(false)}
          onRequested={() => {
            setOpen(false);
            setRequested(true);
          }}
        />
      ) : null}
    </div>
  );
}
