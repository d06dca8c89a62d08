import { customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { JobError, JobKind, JobOrigin, JobProgress, JobStatus } from "../../lib/domain/jobs";
import { users } from "./identity";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * Background work: imports, scans, ingests, evaluations and evidence builds. This table is what the UI and the API
 * show (status, progress, result); on Postgres pg-boss carries the job id to a worker, on the embedded database an
 * in-process queue does. Who asked is kept so the worker acts with exactly their permissions.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey(),
    kind: text("kind").$type<JobKind>().notNull(),
    status: text("status").$type<JobStatus>().notNull().default("queued"),
    /** What the handler needs besides the upload (format, corpus, request body…). */
    input: jsonb("input").$type<Record<string, unknown>>().notNull(),
    /** One job per key (scheduled runs from several processes collapse into one). */
    dedupeKey: text("dedupe_key").unique(),
    requestedBy: text("requested_by").notNull(),
    requestedByUserId: uuid("requested_by_user_id").references(() => users.id, { onDelete: "set null" }),
    /** How the requester was authenticated (session, token with its scopes, CLI): the job acts with no more. */
    origin: jsonb("origin").$type<JobOrigin>().notNull(),
    uploadBytes: integer("upload_bytes"),
    progress: jsonb("progress").$type<JobProgress | null>(),
    result: jsonb("result").$type<unknown>(),
    error: jsonb("error").$type<JobError | null>(),
    attempts: integer("attempts").notNull().default(0),
    worker: text("worker"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true, precision: 3 }),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true, precision: 3 }),
    finishedAt: timestamp("finished_at", { withTimezone: true, precision: 3 }),
  },
  (t) => [index("jobs_created_idx").on(t.createdAt.desc()), index("jobs_status_idx").on(t.status)],
);

/** An upload spooled for its job in 1 MiB chunks, so any worker on any machine can stream it; dropped when done. */
export const jobUploads = pgTable(
  "job_uploads",
  {
    jobId: uuid("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    bytes: bytea("bytes").notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.seq] })],
);
