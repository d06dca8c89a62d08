import { z } from "zod";
import type { TokenScope } from "./identity";

/** Background jobs as the API, CLI and pages show them. */

export const jobKinds = ["import", "scan", "ingest", "evaluation", "evidence"] as const;
export type JobKind = (typeof jobKinds)[number];

/** queued → running → succeeded | failed; a crash or an unexpected error sends a running job back to "retrying". */
export const jobStatuses = ["queued", "running", "retrying", "succeeded", "failed"] as const;
export type JobStatus = (typeof jobStatuses)[number];

export const FINISHED_JOB_STATUSES: readonly JobStatus[] = ["succeeded", "failed"];

/** `done` of `total` units (bytes of an upload, subjects of an evaluation), with what the job is doing now. */
export type JobProgress = { done: number; total: number | null; unit: "bytes" | "subjects" | "steps"; phase: string };

/** A failure as the API reports it: the same code and message the request would have answered with. */
export type JobError = { code: string; message: string; fields?: Record<string, string> };

/** The requester's authentication, kept with the job (never a token's value: its id, name and scopes). */
export type JobOrigin = {
  via: "session" | "token" | "cli";
  token?: { id: string; name: string; scopes: TokenScope[]; expiresAt: string };
  ip?: string | null;
  requestId?: string;
};

export type JobDto = {
  id: string;
  kind: JobKind;
  status: JobStatus;
  /** What was asked, without the upload (format, file name, framework…). */
  input: Record<string, unknown>;
  requestedBy: string;
  progress: JobProgress | null;
  /** The finished job's report: an import run, scan run, ingest report, evaluation run or evidence package. */
  result: unknown;
  error: JobError | null;
  attempts: number;
  worker: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

export const jobListQuerySchema = z.object({
  kind: z.enum(jobKinds).optional(),
  status: z.enum(jobStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export type JobListQuery = z.input<typeof jobListQuerySchema>;
