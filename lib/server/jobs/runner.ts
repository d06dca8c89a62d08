import "server-only";
import { eq } from "drizzle-orm";
import { ZodError } from "zod";
import { apiTokens } from "@/db/schema";
import type { JobError, JobProgress } from "@/lib/domain/jobs";
import { issueFields } from "@/lib/domain/zod-issue";
import { systemViewer } from "../cli-viewer";
import { db } from "../db";
import { AppError } from "../errors";
import { loadViewer, type Viewer } from "../viewer";
import { jobHandlers } from "./handlers";
import { finishJob, markRetrying, saveProgress, startAttempt, type JobRow } from "./store";
import type { UploadSpool } from "./uploads";

/** How often a running job writes its progress (and so shows it is alive). */
const PROGRESS_EVERY_MS = 2_000;

/** Thrown for a failure worth another attempt; the queue retries it with backoff. */
export class RetryableJobError extends Error {
  constructor(readonly jobId: string, cause: unknown) {
    super(`job ${jobId} failed and will be retried: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "RetryableJobError";
  }
}

/** The requester as of now: deactivated users and revoked tokens start nothing. */
async function requesterOf(job: JobRow): Promise<Viewer | AppError> {
  const origin = job.origin;
  if (origin.via === "cli") return systemViewer(job.requestedBy);
  if (!job.requestedByUserId) return new AppError("forbidden", "The user who requested this job no longer exists");
  if (origin.token) {
    const [token] = await db().select({ revokedAt: apiTokens.revokedAt }).from(apiTokens).where(eq(apiTokens.id, origin.token.id));
    if (!token || token.revokedAt) return new AppError("unauthenticated", "The API token that requested this job has been revoked");
  }
  const viewer = await loadViewer(job.requestedByUserId, { ...origin, token: origin.token ? { ...origin.token, expiresAt: new Date(origin.token.expiresAt) } : undefined });
  return viewer ?? new AppError("forbidden", "The user who requested this job has been deactivated");
}

/** What the requester is told: an AppError or invalid input as the request itself would have answered. */
function permanentError(error: unknown): JobError | null {
  if (error instanceof AppError) return { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) };
  if (error instanceof ZodError) return { code: "invalid", message: "Invalid input", fields: issueFields(error, undefined, "input") };
  return null;
}

/**
 * One attempt at a job. Bad input and refusals fail it for good (another attempt would fail the same way); any
 * other error is retried by the queue until `lastAttempt`, when the job fails with a generic message (the cause
 * goes to the log, never to the requester).
 */
export async function runJobAttempt(id: string, worker: string, lastAttempt: boolean, spool: UploadSpool): Promise<void> {
  const job = await startAttempt(id, worker);
  if (!job) return;
  let progress: JobProgress | null = null;
  let written: JobProgress | null = null;
  const timer = setInterval(() => {
    if (progress === written) return;
    written = progress;
    saveProgress(id, progress).catch(() => undefined);
  }, PROGRESS_EVERY_MS);
  try {
    const viewer = await requesterOf(job);
    if (viewer instanceof AppError) throw viewer;
    const result = await jobHandlers[job.kind]({
      job,
      viewer,
      upload: () => spool.read(id, (done) => (progress = { done, total: job.uploadBytes, unit: "bytes", phase: "reading the upload" })),
      phase: (phase, steps) => (progress = { done: steps?.done ?? 0, total: steps?.total ?? null, unit: "steps", phase }),
    });
    clearInterval(timer);
    await finishJob(id, { result });
    await spool.remove(id);
  } catch (error) {
    clearInterval(timer);
    const permanent = permanentError(error);
    const message = "The job failed unexpectedly";
    if (!permanent) console.error(`[leash] job ${id} (${job.kind}) attempt ${job.attempts} failed`, error);
    if (permanent || lastAttempt) {
      await finishJob(id, { error: permanent ?? { code: "internal", message: `${message} after ${job.attempts} attempts; run it again (what it completed is not done twice).` } });
      return spool.remove(id);
    }
    await markRetrying(id, { code: "internal", message: `${message}; retrying.` }).catch(() => undefined);
    throw new RetryableJobError(id, error);
  }
}
