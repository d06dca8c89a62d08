"use client";

import { queryOptions, useSuspenseQuery } from "@tanstack/react-query";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { SectionHeader } from "@/components/ui/page-header";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { FINISHED_JOB_STATUSES, type JobDto, type JobStatus } from "@/lib/domain/jobs";
import { api } from "@/lib/client/api";
import { formatDateTime } from "@/lib/client/format";
import { jobKeys } from "@/lib/client/query-keys";
import { JobProgressBar } from "@/components/job-progress";

const STATUS_TONES: Record<JobStatus, BadgeTone> = { queued: "neutral", running: "accent", retrying: "warning", succeeded: "success", failed: "danger" };
const KIND_LABELS: Record<JobDto["kind"], string> = { import: "Credential import", ingest: "Activity ingest", scan: "Secret scan", evaluation: "Full evaluation", evidence: "Evidence package" };
/** How often the list refreshes while a job is unfinished. */
const REFRESH_MS = 2_000;

const jobsQuery = () =>
  queryOptions({
    queryKey: jobKeys.list(),
    queryFn: async () => (await api.get<{ jobs: JobDto[] }>("/jobs")).jobs,
    refetchInterval: (query) => (query.state.data?.some((j) => !FINISHED_JOB_STATUSES.includes(j.status)) ? REFRESH_MS : false),
  });

/** What a job was about, in a few words: its file, framework or trigger. */
function subject(job: JobDto): string {
  const input = job.input;
  const parts = [input.fileName, input.framework, input.trigger, input.format].filter((v): v is string => typeof v === "string" && v !== "");
  return parts.join(" · ") || "—";
}

/** Imports, ingests, scans, evaluations and evidence builds, newest first, with live progress. */
export function JobsSection({ everyone }: { everyone: boolean }) {
  const { data: jobs } = useSuspenseQuery(jobsQuery());
  return (
    <section aria-label="Jobs" className="space-y-4">
      <SectionHeader
        title="Jobs"
        description={`${everyone ? "Every" : "Your"} import, ingest, scan, evaluation and evidence build. Work runs in the background and is retried after a crash without being done twice.`}
      />
      {jobs.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-300 bg-white px-4 py-6 text-center text-sm text-zinc-600">No jobs yet.</p>
      ) : (
        <Table label="Jobs">
          <THead>
            <Tr>
              <Th>Created</Th>
              <Th>Job</Th>
              <Th>Subject</Th>
              <Th>Status</Th>
              <Th>Progress</Th>
              <Th className="text-right">Attempts</Th>
              <Th>Requested by</Th>
              <Th>Finished</Th>
            </Tr>
          </THead>
          <TBody>
            {jobs.map((job) => (
              <Tr key={job.id} data-testid={`job-${job.id}`}>
                <Td className="whitespace-nowrap text-zinc-600">{formatDateTime(job.createdAt)}</Td>
                <Td className="whitespace-nowrap">{KIND_LABELS[job.kind]}</Td>
                <Td className="max-w-xs truncate" title={subject(job)}>
                  {subject(job)}
                </Td>
                <Td>
                  <Badge tone={STATUS_TONES[job.status]}>{job.status}</Badge>
                  {job.error ? <p className="mt-1 max-w-xs text-xs text-red-800">{job.error.message}</p> : null}
                </Td>
                <Td className="min-w-40">
                  <JobProgressBar job={job} />
                </Td>
                <Td className="text-right tabular-nums">{job.attempts}</Td>
                <Td className="text-zinc-700">{job.requestedBy}</Td>
                <Td className="whitespace-nowrap text-zinc-600">{job.finishedAt ? formatDateTime(job.finishedAt) : "—"}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </section>
  );
}
