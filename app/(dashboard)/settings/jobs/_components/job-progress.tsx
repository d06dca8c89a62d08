import type { JobDto } from "@/lib/domain/jobs";

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(bytes < 10_485_760 ? 1 : 0)} MB`;
}

/** The job's progress as a bar where a total is known, and always as text (what the bar shows, in words). */
export function JobProgressBar({ job }: { job: JobDto }) {
  if (job.status === "succeeded") return <span className="text-xs text-zinc-600">Done</span>;
  if (job.status === "queued") return <span className="text-xs text-zinc-600">Waiting for a worker</span>;
  const p = job.progress;
  if (!p) return <span className="text-xs text-zinc-600">{job.status === "failed" ? "Stopped" : "Starting"}</span>;
  const percent = p.total ? Math.min(100, Math.round((p.done / p.total) * 100)) : null;
  const text = p.unit === "bytes" && p.total ? `${p.phase}: ${megabytes(p.done)} of ${megabytes(p.total)}` : p.phase;
  return (
    <div className="space-y-1">
      {percent !== null ? (
        <div role="progressbar" aria-label={`${job.kind} progress`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-1.5 w-full rounded bg-zinc-200">
          <div className="h-1.5 rounded bg-accent-600" style={{ width: `${percent}%` }} />
        </div>
      ) : null}
      <p className="text-xs text-zinc-600">{percent !== null ? `${percent}% · ${text}` : text}</p>
    </div>
  );
}
