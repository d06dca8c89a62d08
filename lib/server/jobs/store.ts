import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, lt, notInArray, sql, type SQL } from "drizzle-orm";
import { jobs } from "@/db/schema";
import { FINISHED_JOB_STATUSES, jobListQuerySchema, type JobDto, type JobError, type JobKind, type JobListQuery, type JobOrigin, type JobProgress } from "@/lib/domain/jobs";
import { DAY_MS } from "@/lib/domain/utc-days";
import { actorOf } from "../audit";
import { db } from "../db";
import { notFound, parseInput } from "../errors";
import { parseId } from "../ids";
import { requirePermission, type Viewer } from "../viewer";
import type { UploadSpool } from "./uploads";

export type JobRow = typeof jobs.$inferSelect;

export type NewJob = {
  kind: JobKind;
  input: Record<string, unknown>;
  upload?: { stream: AsyncIterable<Uint8Array>; maxBytes: number };
  /** At most one job ever carries a given key; a second request with it returns null. */
  dedupeKey?: string;
};

export function originOf(viewer: Viewer): JobOrigin {
  return {
    via: viewer.via,
    ...(viewer.token ? { token: { ...viewer.token, expiresAt: viewer.token.expiresAt.toISOString() } } : {}),
    ...(viewer.ip !== undefined ? { ip: viewer.ip } : {}),
    ...(viewer.requestId ? { requestId: viewer.requestId } : {}),
  };
}

/**
 * Records a job and spools its upload, checking the size limit as the bytes arrive. The job is handed to a queue
 * only after this returns, so no worker ever sees a half-spooled upload; a refused or broken upload leaves nothing.
 */
export async function createJob(viewer: Viewer, job: NewJob, spool: UploadSpool): Promise<string | null> {
  const id = randomUUID();
  const inserted = await db()
    .insert(jobs)
    .values({
      id,
      kind: job.kind,
      input: job.input,
      dedupeKey: job.dedupeKey ?? null,
      requestedBy: actorOf(viewer).actorLabel,
      requestedByUserId: viewer.via === "cli" ? null : viewer.userId,
      origin: originOf(viewer),
    })
    .onConflictDoNothing()
    .returning({ id: jobs.id });
  if (inserted.length === 0) return null;
  if (job.upload) {
    try {
      const bytes = await spool.write(id, job.upload.stream, job.upload.maxBytes);
      await db().update(jobs).set({ uploadBytes: bytes }).where(eq(jobs.id, id));
    } catch (error) {
      await db().delete(jobs).where(eq(jobs.id, id));
      throw error;
    }
  }
  return id;
}

/**
 * Claims a job for an attempt: null when it already finished (a queue may deliver a job again after a worker
 * died between finishing and acknowledging it).
 */
export async function startAttempt(id: string, worker: string): Promise<JobRow | null> {
  const [row] = await db()
    .update(jobs)
    .set({ status: "running", attempts: sql`${jobs.attempts} + 1`, worker, startedAt: sql`coalesce(${jobs.startedAt}, now())`, heartbeatAt: sql`now()`, error: null })
    .where(and(eq(jobs.id, id), notInArray(jobs.status, [...FINISHED_JOB_STATUSES])))
    .returning();
  return row ?? null;
}

export async function saveProgress(id: string, progress: JobProgress | null): Promise<void> {
  await db().update(jobs).set({ progress, heartbeatAt: sql`now()` }).where(and(eq(jobs.id, id), eq(jobs.status, "running")));
}

/** Ends a job for good: nothing is retried after this. */
export async function finishJob(id: string, outcome: { result: unknown } | { error: JobError }): Promise<void> {
  await db()
    .update(jobs)
    .set("result" in outcome ? { status: "succeeded", result: outcome.result, error: null, finishedAt: sql`now()` } : { status: "failed", error: outcome.error, finishedAt: sql`now()` })
    .where(eq(jobs.id, id));
}

export async function markRetrying(id: string, error: JobError): Promise<void> {
  await db().update(jobs).set({ status: "retrying", error }).where(and(eq(jobs.id, id), eq(jobs.status, "running")));
}

/**
 * Deletes jobs finished more than `days` ago, and returns how many. What they did stays: import, ingest and scan
 * runs, evidence packages and the audit log are kept; unfinished jobs are never touched.
 */
export async function pruneFinishedJobs(days: number, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - days * DAY_MS);
  const deleted = await db()
    .delete(jobs)
    .where(and(inArray(jobs.status, [...FINISHED_JOB_STATUSES]), lt(jobs.finishedAt, before)))
    .returning({ id: jobs.id });
  return deleted.length;
}

/** Jobs a queue must (re)deliver after this process starts: queued ones, and running ones a crash interrupted. */
export async function unfinishedJobIds(): Promise<string[]> {
  const rows = await db()
    .select({ id: jobs.id })
    .from(jobs)
    .where(notInArray(jobs.status, [...FINISHED_JOB_STATUSES]))
    .orderBy(asc(jobs.createdAt));
  return rows.map((r) => r.id);
}

/**
 * A worker that dies during a job's last attempt never records the failure: pg-boss fails the job when its
 * heartbeat stops, and this sweep (run by every Postgres process) carries that into the job's own row.
 */
export async function failJobsPgBossGaveUpOn(queue: string): Promise<void> {
  const error: JobError = { code: "internal", message: "The job's worker stopped during its last attempt; run it again (what it completed is not done twice)." };
  await db().execute(sql`
    with failed as (
      update jobs set status = 'failed', finished_at = now(), error = ${JSON.stringify(error)}::jsonb
      where status in ('queued', 'running', 'retrying')
        and id in (select id from pgboss.job where name = ${queue} and state = 'failed')
      returning id
    )
    delete from job_uploads where job_id in (select id from failed)`);
}

export async function jobRow(id: string): Promise<JobRow | null> {
  const [row] = await db().select().from(jobs).where(eq(jobs.id, id));
  return row ?? null;
}

/** Admins, auditors and the CLI follow every job; everyone else their own. */
function visibleTo(viewer: Viewer): SQL | undefined {
  if (viewer.via === "cli" || viewer.role !== "engineer") return undefined;
  return eq(jobs.requestedByUserId, viewer.userId);
}

/** Permission: job:read. Newest first. */
export async function listJobs(viewer: Viewer, query: JobListQuery = {}): Promise<JobDto[]> {
  requirePermission(viewer, "job:read");
  const q = parseInput(jobListQuerySchema, query);
  const rows = await db()
    .select()
    .from(jobs)
    .where(and(visibleTo(viewer), q.kind ? eq(jobs.kind, q.kind) : undefined, q.status ? inArray(jobs.status, [q.status]) : undefined))
    .orderBy(desc(jobs.createdAt))
    .limit(q.limit ?? 50);
  return rows.map(toJobDto);
}

/** Permission: job:read. Another user's job is "not found" to an engineer, never "forbidden". */
export async function getJob(viewer: Viewer, id: string): Promise<JobDto> {
  requirePermission(viewer, "job:read");
  const row = await jobRow(parseId(id, "Job"));
  if (!row || (visibleTo(viewer) && row.requestedByUserId !== viewer.userId)) throw notFound("Job");
  return toJobDto(row);
}

export function toJobDto(row: JobRow): JobDto {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    input: row.input,
    requestedBy: row.requestedBy,
    progress: row.progress ?? null,
    result: row.result ?? null,
    error: row.error ?? null,
    attempts: row.attempts,
    worker: row.worker,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
