import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { JobKind } from "@/lib/domain/jobs";
import { FINISHED_JOB_STATUSES } from "@/lib/domain/jobs";
import { AppError, type AppErrorCode, isDatabaseUnavailable, statusOf } from "../errors";
import type { Permission } from "../permissions";
import { requirePermission, type Viewer } from "../viewer";
import type { JobQueue } from "./queue";
import { createJob, jobRow, toJobDto, type NewJob } from "./store";

/** What a requester must hold to submit each kind; the handler's data access function checks again when it runs. */
export const jobPermissions: Record<JobKind, Permission> = {
  import: "credential:import",
  ingest: "activity:ingest",
  scan: "scan:write",
  evaluation: "evaluation:run",
  evidence: "evidence:build",
};

// Set once per process at start (web server, worker, test), like the database.
const slot = globalThis as typeof globalThis & { __leashJobQueue?: JobQueue | null };

export function useJobQueue(queue: JobQueue | null): void {
  slot.__leashJobQueue = queue;
}

function jobQueue(): JobQueue {
  if (!slot.__leashJobQueue) throw new Error("job queue not started: call useJobQueue() at start");
  return slot.__leashJobQueue;
}

/** Records a job (spooling its upload) and queues it. Returns null when a job with the same dedupe key exists. */
export async function submitJob(viewer: Viewer, job: NewJob): Promise<string | null> {
  requirePermission(viewer, jobPermissions[job.kind]);
  const queue = jobQueue();
  const id = await createJob(viewer, job, queue.spool);
  if (id) await queue.send(id);
  return id;
}

/** How long a waiting request rides out a database that went away (a restart, a failover) before giving up. */
const OUTAGE_PATIENCE_MS = 60_000;

/**
 * Polls until the job finishes; a job runs in some process, maybe on another machine, so the database tells. A
 * database restart meanwhile is waited out: the job itself is retried by its queue.
 */
async function finishedJob(id: string) {
  let outageSince: number | null = null;
  for (let delay = 25; ; delay = Math.min(delay * 2, 500)) {
    let row: Awaited<ReturnType<typeof jobRow>>;
    try {
      row = await jobRow(id);
      outageSince = null;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      outageSince ??= Date.now();
      if (Date.now() - outageSince > OUTAGE_PATIENCE_MS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      continue;
    }
    if (!row) throw new AppError("not_found", "Job not found");
    if (FINISHED_JOB_STATUSES.includes(row.status)) return row;
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/** Waits for a job and gives its result, or throws its failure as the request itself would have. */
export async function jobResult(id: string): Promise<unknown> {
  const row = await finishedJob(id);
  if (row.status === "succeeded") return row.result;
  const error = row.error ?? { code: "internal", message: "The job failed" };
  if (error.code in statusOf) throw new AppError(error.code as AppErrorCode, error.message, error.fields);
  throw new Error(`job ${id} failed: ${error.message}`);
}

/** RFC 7240: `Prefer: respond-async` asks for 202 and the job to follow, instead of waiting for the result. */
export function wantsAsync(request: NextRequest): boolean {
  return /(^|[,\s])respond-async([,;\s]|$)/i.test(request.headers.get("prefer") ?? "");
}

/**
 * The response to a request that submitted a job: by default it waits and answers with the result (as the
 * endpoint always has); with `Prefer: respond-async` it answers 202 at once with the job and its Location.
 */
export async function respondWithJob(request: NextRequest, viewer: Viewer, job: NewJob): Promise<unknown> {
  const id = (await submitJob(viewer, job))!;
  if (!wantsAsync(request)) return jobResult(id);
  const row = await jobRow(id);
  return NextResponse.json(toJobDto(row!), { status: 202, headers: { location: `/api/v1/jobs/${id}`, "preference-applied": "respond-async" } });
}
