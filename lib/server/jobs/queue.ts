import "server-only";
import os from "node:os";
import { PgBoss } from "pg-boss";
import { env } from "../env";
import { fingerprintKey } from "../instance-secrets";
import { RetryableJobError, runJobAttempt } from "./runner";
import { failJobsPgBossGaveUpOn, unfinishedJobIds } from "./store";
import { sealedSpool } from "./sealed-spool";
import { databaseSpool, folderSpool, type UploadSpool } from "./uploads";

/** Hands job ids to whoever runs them: pg-boss workers on Postgres, this process on the embedded database. */
export interface JobQueue {
  /** Where uploads wait for the worker that will read them. */
  readonly spool: UploadSpool;
  send(jobId: string): Promise<void>;
  stop(): Promise<void>;
}

const QUEUE = "leash-jobs";
/** Attempts after the first, with exponential backoff from RETRY_DELAY_SECONDS. */
const RETRY_LIMIT = 4;
const RETRY_DELAY_SECONDS = 5;

export function workerName(role: string): string {
  return `${role} ${os.hostname()}:${process.pid}`;
}

/**
 * The embedded database serves one process, so that process runs its jobs, retried in process with the same
 * backoff as on Postgres. Two at a time: PGlite runs one statement at a time anyway, but a long evaluation must not
 * hold a small import back until it ends. Jobs a stop interrupted run again at start.
 */
export class LocalJobQueue implements JobQueue {
  private readonly pending: string[] = [];
  private readonly running = new Set<Promise<void>>();
  private stopped = false;
  private readonly worker = workerName("leash server");
  readonly spool: UploadSpool;

  constructor(uploadFolder: string, private readonly retryDelayMs = RETRY_DELAY_SECONDS * 1000, private readonly concurrency = 2) {
    this.spool = sealedSpool(folderSpool(uploadFolder), fingerprintKey);
  }

  async start(): Promise<void> {
    for (const id of await unfinishedJobIds()) this.enqueue(id);
  }

  async send(jobId: string): Promise<void> {
    this.enqueue(jobId);
  }

  private enqueue(jobId: string): void {
    this.pending.push(jobId);
    this.fill();
  }

  private fill(): void {
    while (!this.stopped && this.running.size < this.concurrency && this.pending.length > 0) {
      const id = this.pending.shift()!;
      const run: Promise<void> = this.runWithRetries(id).finally(() => {
        this.running.delete(run);
        this.fill();
      });
      this.running.add(run);
    }
  }

  private async runWithRetries(id: string): Promise<void> {
    for (let attempt = 0; attempt <= RETRY_LIMIT; attempt++) {
      try {
        return await runJobAttempt(id, this.worker, attempt === RETRY_LIMIT, this.spool);
      } catch (error) {
        if (!(error instanceof RetryableJobError)) return console.error(`[leash] job ${id} could not be run`, error);
        await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs * 2 ** attempt));
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.running);
  }
}

/**
 * pg-boss on the Postgres database: any number of web processes send, any number of `leash worker` processes
 * (and web processes, unless LEASH_WEB_WORKERS=0) work. A worker that dies stops sending heartbeats; pg-boss then
 * fails the attempt and another worker retries it.
 */
export class PgBossJobQueue implements JobQueue {
  private readonly boss: PgBoss;
  private reconciler: NodeJS.Timeout | null = null;
  readonly spool = sealedSpool(databaseSpool, fingerprintKey);

  constructor(url: string) {
    const e = env();
    // Lost heartbeats are found by the monitor pass, so it runs as often as the supervisor.
    const every = e.LEASH_JOB_SUPERVISE_SECONDS;
    this.boss = new PgBoss({ connectionString: url, schema: "pgboss", max: 4, superviseIntervalSeconds: every, monitorIntervalSeconds: every });
    this.boss.on("error", (error) => console.error(`[leash] job queue: ${error.message}`));
  }

  async start(concurrency: number, role: string): Promise<void> {
    const e = env();
    await this.boss.start();
    const policy = {
      retryLimit: RETRY_LIMIT,
      retryDelay: RETRY_DELAY_SECONDS,
      retryBackoff: true,
      heartbeatSeconds: e.LEASH_JOB_HEARTBEAT_SECONDS,
      // Generous: heartbeats, not this, catch a dead worker; this only bounds a job that hangs while alive.
      expireInSeconds: 6 * 3600,
    };
    // createQueue leaves an existing queue as it was: updateQueue applies this start's settings to it.
    await this.boss.createQueue(QUEUE, policy);
    await this.boss.updateQueue(QUEUE, policy);
    this.reconciler = setInterval(() => failJobsPgBossGaveUpOn(QUEUE).catch((error) => console.error("[leash] job reconcile failed", error)), e.LEASH_JOB_SUPERVISE_SECONDS * 1000);
    this.reconciler.unref();
    if (concurrency === 0) return;
    const worker = workerName(role);
    const options = { batchSize: 1, localConcurrency: concurrency, includeMetadata: true, pollingIntervalSeconds: 1 } as const;
    await this.boss.work<{ jobId: string }, void, typeof options>(QUEUE, options, async ([job]) => {
      await runJobAttempt(job!.data.jobId, worker, job!.retryCount >= job!.retryLimit, this.spool);
    });
  }

  async send(jobId: string): Promise<void> {
    await this.boss.send(QUEUE, { jobId }, { id: jobId });
  }

  async stop(): Promise<void> {
    if (this.reconciler) clearInterval(this.reconciler);
    await this.boss.stop({ graceful: true, timeout: 30_000 });
  }
}
