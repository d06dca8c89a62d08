import Link from "next/link";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { cn } from "@/components/ui/cn";
import { ReasonText } from "@/components/reason-text";
import { formatDate, formatDateTime } from "@/lib/client/format";
import { namedText } from "@/lib/domain/credential-mentions";
import type { FindingDto } from "@/lib/domain/posture";
import { ageInDays } from "../_lib/dates";
import { SUBJECT_KIND_LABELS } from "../_lib/filters";
import { SeverityBadge } from "@/components/severity-badge";
import { FindingStatusBadge, OverdueBadge } from "@/components/finding-badges";

type Selection = { selected: ReadonlySet<string>; toggle: (id: string) => void; toggleAll: (checked: boolean) => void };

type FindingsTableProps = { findings: FindingDto[]; now: number; selection: Selection | null };

/** One row per failing (rule, subject). The checkbox column exists only for people who may change findings. */
export function FindingsTable({ findings, now, selection }: FindingsTableProps) {
  const allSelected = selection !== null && findings.length > 0 && findings.every((f) => selection.selected.has(f.id));
  return (
    <Table label="Findings">
      <THead>
        <Tr>
          {selection ? (
            <Th className="w-8">
              <input
                type="checkbox"
                aria-label="Select all findings on this page"
                checked={allSelected}
                onChange={(event) => selection.toggleAll(event.target.checked)}
                className="size-4 accent-accent-600"
              />
            </Th>
          ) : null}
          <Th>Severity</Th>
          <Th>Rule</Th>
          <Th>Subject</Th>
          <Th>Team</Th>
          <Th>Status</Th>
          <Th>Assignee</Th>
          <Th className="text-right">Age</Th>
          <Th>Due</Th>
          <Th>Reason</Th>
        </Tr>
      </THead>
      <TBody>
        {findings.map((f) => (
          <Tr key={f.id} data-testid="finding-row" className={cn(selection?.selected.has(f.id) && "bg-accent-50/60")}>
            {selection ? (
              <Td>
                <input
                  type="checkbox"
                  aria-label={`Select ${f.ruleId} on ${f.subjectLabel}`}
                  checked={selection.selected.has(f.id)}
                  onChange={() => selection.toggle(f.id)}
                  className="size-4 accent-accent-600"
                />
              </Td>
            ) : null}
            <Td>
              <SeverityBadge severity={f.severity} />
            </Td>
            <Td className="min-w-48">
              <Link href={`/findings/${f.id}`} className="font-medium text-accent-700 hover:underline">
                <span className="font-mono">{f.ruleId}</span> {f.ruleTitle}
              </Link>
            </Td>
            <Td className="max-w-64 min-w-40">
              <SubjectLink finding={f} />
              <span className="block text-xs text-zinc-500">{SUBJECT_KIND_LABELS[f.subjectKind]}</span>
            </Td>
            <Td className="text-xs whitespace-nowrap">{f.teamName ?? <span className="text-amber-800">No team</span>}</Td>
            <Td>
              <FindingStatusBadge status={f.status} />
            </Td>
            <Td className="text-xs">{f.assignee ? <span title={f.assignee.email}>{f.assignee.name}</span> : <span className="text-zinc-500">Unassigned</span>}</Td>
            <Td className="text-right whitespace-nowrap tabular-nums" title={`First detected ${formatDateTime(f.firstDetectedAt)}`}>
              {ageInDays(f.firstDetectedAt, now)} d
            </Td>
            <Td className={cn("text-xs whitespace-nowrap", f.overdue && "font-semibold text-red-700")}>
              {formatDate(f.dueAt)}
              {f.overdue ? (
                <span className="block">
                  <OverdueBadge />
                </span>
              ) : null}
            </Td>
            <Td className="max-w-80 min-w-48">
              <span className="line-clamp-2 text-xs text-zinc-700" title={namedText(f.reason, f.reasonCredentials)}>
                <ReasonText text={f.reason} credentials={f.reasonCredentials} />
              </span>
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

/** The subject links where the UI shows it; its label is data from imports and logs, rendered as text only. */
export function SubjectLink({ finding }: { finding: Pick<FindingDto, "subjectHref" | "subjectLabel"> }) {
  // Only same-site paths: a protocol-relative or absolute href would be a way off the dashboard.
  const href = finding.subjectHref;
  if (!href || !href.startsWith("/") || href.startsWith("//")) return <span className="wrap-anywhere">{finding.subjectLabel}</span>;
  return (
    <Link href={href} className="wrap-anywhere text-accent-700 hover:underline">
      {finding.subjectLabel}
    </Link>
  );
}
