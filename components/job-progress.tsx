import type { JobDto, JobProgress } from "@/lib/domain/jobs";

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(bytes < 10_485_760 ? 1 : 0)} MB`;
}

/** The progress in words: bytes read of the upload, which step of how many, or just what the job is doing. */
export function progressText(p: JobProgress): string {
  if (!p.total) return p.phase;
  if (p.unit === "bytes") return `${p.phase}: ${megabytes(p.done)} of ${megabytes(p.total)}`;
  if (p.unit === "steps") return `${p.phase} (step ${Math.min(p.done + 1, p.total)} of ${p.total})`;
  return `${p.phase}: ${p.done} of ${p.total} ${p.unit}`;
}

/** The job's progress as a bar where a total is known, and always as text (what the bar shows, in words). */
export function JobProgressBar({ job }: { job: JobDto }) {
  if (job.status === "succeeded") return <span className="text-xs text-zinc-600">Done</span>;
  if (job.status === "queued") return <span className="text-xs text-zinc-600">Waiting for a worker</span>;
  const p = job.progress;
  if (!p) return <span className="text-xs text-zinc-600">{job.status === "failed" ? "Stopped" : "Starting"}</span>;
  const percent = p.total ? Math.min(100, Math.round((p.done / p.total) * 100)) : null;
  const text = progressText(p);
  return (
    <div className="space-y-1">
      {percent !== null ? (
        <div role="progressbar" aria-label={`${job.kind} progress`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={text} className="h-1.5 w-full rounded bg-zinc-200">
          <div className="h-1.5 rounded bg-accent-600" style={{ width: `${percent}%` }} />
        </div>
      ) : null}
      <p className="text-xs text-zinc-600">{percent !== null ? `${percent}% · ${text}` : text}</p>
    </div>
  );
}
