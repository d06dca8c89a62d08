import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";

/** Mirrors IngestReport in lib/server/activity-ingest.ts (server-only). */
export type IngestReportView = {
  runId: string;
  format: string;
  accepted: number;
  duplicate: number;
  rejected: number;
  errors: { line: number; field?: string; reason: string }[];
  status: "completed" | "failed";
  failure: string | null;
};

export function IngestReport({ report, fileName }: { report: IngestReportView; fileName: string }) {
  const counts = [
    { label: "Accepted", value: report.accepted, testId: "ingest-accepted", tone: "text-emerald-800" },
    { label: "Duplicate", value: report.duplicate, testId: "ingest-duplicate", tone: "text-zinc-800" },
    { label: "Rejected", value: report.rejected, testId: "ingest-rejected", tone: report.rejected ? "text-red-700" : "text-zinc-800" },
  ];
  return (
    <Card className="space-y-4">
      <div>
        <h2 className="text-base font-semibold text-zinc-900">Ingest report</h2>
        <p className="text-sm text-zinc-600">
          {fileName} · {report.format} · run <span className="font-mono text-xs">{report.runId}</span>
        </p>
      </div>
      {report.status === "failed" ? (
        <Alert tone="danger" title="The upload stopped">
          {report.failure ?? "The file could not be read to the end."}
        </Alert>
      ) : (
        <Alert tone={report.rejected ? "warning" : "success"}>
          Completed. {report.duplicate ? "Duplicates were already stored and were not added again." : null}
        </Alert>
      )}
      <dl className="grid grid-cols-3 gap-3">
        {counts.map((c) => (
          <div key={c.label} className="rounded-md border border-zinc-200 p-3">
            <dt className="text-xs font-medium tracking-wide text-zinc-600 uppercase">{c.label}</dt>
            <dd className={`text-2xl font-semibold tabular-nums ${c.tone}`} data-testid={c.testId}>
              {c.value}
            </dd>
          </div>
        ))}
      </dl>
      {report.errors.length > 0 ? (
        <Table label="Rejected lines">
          <THead>
            <Tr>
              <Th className="text-right">Line</Th>
              <Th>Field</Th>
              <Th>Reason</Th>
            </Tr>
          </THead>
          <TBody>
            {report.errors.map((error, index) => (
              <Tr key={`${error.line}-${index}`}>
                <Td className="text-right font-mono text-xs tabular-nums">{error.line}</Td>
                <Td className="font-mono text-xs">{error.field ?? "—"}</Td>
                <Td className="text-sm">{error.reason}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : null}
      {report.rejected > report.errors.length ? (
        <p className="text-xs text-zinc-600">Only the first {report.errors.length} rejected lines are listed.</p>
      ) : null}
      {report.accepted > 0 ? (
        <p className="text-sm">
          <Link href="/activity" className="font-medium text-accent-700 hover:underline">
            See the new events in the timeline →
          </Link>
        </p>
      ) : null}
    </Card>
  );
}
