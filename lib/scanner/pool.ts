import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { PathJobResult } from "./scan-path";
import type { WorkerJob } from "./worker";

interface Pending {
  resolve: (r: PathJobResult) => void;
  reject: (e: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  /** Jobs sent and not yet answered. */
  load: number;
}

/**
 * Jobs each worker holds at once. More than one, so a worker that finishes a file starts the next without waiting
 * for this thread to read its answer: this thread may itself be busy scanning.
 */
const DEPTH = 2;

/** A fixed pool of scanner workers, one per core by default; a job goes to the least loaded worker. */
export class ScanPool {
  private readonly workers: PoolWorker[] = [];
  private readonly queue: Array<{ job: WorkerJob; pending: Pending }> = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(fingerprintKey: string | Uint8Array, size = Math.max(1, Math.min(availableParallelism(), 8))) {
    const entry = new URL("./worker-entry.mjs", import.meta.url);
    for (let i = 0; i < size; i++) {
      // argv is set so the TypeScript loader in the worker does not mistake the parent's script for its own.
      const worker = new Worker(entry, { workerData: { fingerprintKey }, argv: [], stdout: false });
      const member: PoolWorker = { worker, load: 0 };
      // Jobs may be sent before the worker has loaded: they wait in its port until it listens.
      worker.on("message", (msg: { id: number } & PathJobResult) => {
        this.pending.get(msg.id)?.resolve(msg);
        this.pending.delete(msg.id);
        member.load--;
        const next = this.queue.shift();
        if (next) this.dispatch(member, next.job, next.pending);
      });
      worker.on("error", (e) => {
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
      this.workers.push(member);
    }
  }

  /** True when every worker holds as many jobs as it may: a caller with a thread of its own can scan meanwhile. */
  get saturated(): boolean {
    return this.workers.every((w) => w.load >= DEPTH);
  }

  run(absPath: string, relPath: string): Promise<PathJobResult> {
    return new Promise((resolve, reject) => {
      const job = { id: this.nextId++, absPath, relPath };
      const pending = { resolve, reject };
      const member = this.workers.reduce((a, b) => (b.load < a.load ? b : a));
      if (member.load < DEPTH) this.dispatch(member, job, pending);
      else this.queue.push({ job, pending });
    });
  }

  private dispatch(member: PoolWorker, job: WorkerJob, pending: Pending): void {
    this.pending.set(job.id, pending);
    member.load++;
    member.worker.postMessage(job);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
