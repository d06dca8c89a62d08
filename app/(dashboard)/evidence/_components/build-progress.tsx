"use client";

import { JobProgressBar } from "@/components/job-progress";
import type { JobDto } from "@/lib/domain/jobs";

/**
 * The build job as it runs: which step it is on and a bar of the steps done. It stays after the job finishes ("Done"),
 * so the last state is still there to read once the result appears below it. A polite live region: each new step is
 * announced once, not every poll.
 */
export function BuildProgress({ job }: { job: JobDto }) {
  return (
    <div role="status" aria-live="polite" aria-label="Build progress" data-testid="build-progress" className="space-y-1 rounded-md border border-zinc-200 bg-zinc-50 p-3">
      <p className="text-xs font-medium text-zinc-700">
        Build job <span className="font-mono">{job.id.slice(0, 8)}</span>
        {job.status === "retrying" ? " — retrying after a failure" : ""}
      </p>
      <JobProgressBar job={job} />
    </div>
  );
}
