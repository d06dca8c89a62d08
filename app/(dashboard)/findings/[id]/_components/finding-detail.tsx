"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { PageHeader, SectionHeader } from "@/components/ui/page-header";
import { ReasonText } from "@/components/reason-text";
import { formatDateTime } from "@/lib/client/format";
import type { AssigneeOption } from "../../_components/bulk-bar";
import { SeverityBadge } from "@/components/severity-badge";
import { FindingStatusBadge, OverdueBadge } from "@/components/finding-badges";
import { SubjectLink } from "../../_components/findings-table";
import { ageInDays } from "../../_lib/dates";
import { SUBJECT_KIND_LABELS } from "../../_lib/filters";
import { findingQuery } from "../../_lib/queries";
import { ExceptionPanel } from "./exception-panel";
import { TriageControls } from "./triage-controls";
import { useVerifyFix } from "../../_components/use-finding-mutations";
import { MarkFixedButton, VerifyResult } from "./verify-fix";

type FindingDetailProps = {
  id: string;
  /** Who the viewer may assign to; null when the viewer may not change findings. */
  assignees: AssigneeOption[] | null;
  canRequestException: boolean;
  now: number;
};

/** One finding: what fails and why, how to fix it, its timeline, who owns it, and its exception. */
export function FindingDetail({ id, assignees, canRequestException, now }: FindingDetailProps) {
  const { data: f } = useSuspenseQuery(findingQuery(id));
  const verify = useVerifyFix(id);
  const active = f.status === "open" || f.status === "in_progress";
  return (
    <>
      <PageHeader
        title={`${f.ruleId} · ${f.ruleTitle}`}
        description={`${SUBJECT_KIND_LABELS[f.subjectKind]}: ${f.subjectLabel}`}
        actions={assignees && active ? <MarkFixedButton verify={verify} /> : null}
      />
      <div className="mb-6 flex flex-wrap items-center gap-2">
        <SeverityBadge severity={f.severity} />
        <FindingStatusBadge status={f.status} />
        {f.overdue ? <OverdueBadge /> : null}
      </div>
      <VerifyResult verify={verify} />
      <dl className="mb-8 grid gap-4 rounded-lg border border-zinc-200 bg-white p-5 sm:grid-cols-2 lg:grid-cols-4">
        <Fact label="Subject">
          <SubjectLink finding={f} />
          <span className="block text-xs text-zinc-500">{SUBJECT_KIND_LABELS[f.subjectKind]}</span>
        </Fact>
        <Fact label="Team">{f.teamName ?? <span className="text-amber-800">No owning team</span>}</Fact>
        <Fact label="Assignee">
          <span data-testid="finding-assignee">{f.assignee ? `${f.assignee.name} (${f.assignee.email})` : "Unassigned"}</span>
        </Fact>
        <Fact label="Rule">
          <span className="font-mono">{f.ruleId}</span> · {f.severity}
        </Fact>
        <Fact label="First detected">
          {formatDateTime(f.firstDetectedAt)}
          <span className="block text-xs text-zinc-500">{ageInDays(f.firstDetectedAt, now)} days ago</span>
        </Fact>
        <Fact label="Last detected">{formatDateTime(f.lastDetectedAt)}</Fact>
        <Fact label="Due">
          <span className={cn(f.overdue && "font-semibold text-red-700")}>
            {formatDateTime(f.dueAt)}
            {f.overdue ? " — overdue" : ""}
          </span>
        </Fact>
        <Fact label="Resolved">{f.resolvedAt ? formatDateTime(f.resolvedAt) : "Not resolved"}</Fact>
      </dl>
      <div className="mb-8 grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="why-heading" className="rounded-lg border border-zinc-200 bg-white p-5">
          <h2 id="why-heading" className="text-base font-semibold text-zinc-900">
            Why it fails
          </h2>
          <p className="mt-2 text-sm whitespace-pre-wrap text-zinc-800" data-testid="finding-reason">
            <ReasonText text={f.reason} credentials={f.reasonCredentials} />
          </p>
        </section>
        <section aria-labelledby="fix-heading" className="rounded-lg border border-zinc-200 bg-white p-5">
          <h2 id="fix-heading" className="text-base font-semibold text-zinc-900">
            How to fix it
          </h2>
          <p className="mt-2 text-sm whitespace-pre-wrap text-zinc-800">{f.remediation}</p>
        </section>
      </div>
      {assignees ? (
        <section aria-label="Triage" className="mb-8">
          <SectionHeader title="Triage" description="Who owns the fix, and whether work has started. Leash resolves the finding itself when the subject passes again." />
          <TriageControls finding={f} assignees={assignees} />
        </section>
      ) : null}
      <section aria-label="Exception">
        <SectionHeader
          title="Exception"
          description="A time-boxed acceptance of the risk. An admin other than the requester approves it; while approved, the finding counts as risk accepted."
        />
        <ExceptionPanel finding={f} canRequest={canRequestException} now={now} />
      </section>
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium text-zinc-600">{label}</dt>
      <dd className="mt-0.5 text-sm break-words text-zinc-900">{children}</dd>
    </div>
  );
}
