import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { PathJobResult } from "./scan-path";
import type { WorkerJob } from "./worker";

interface Pending {
  resolve: (r: PathJobResult) => void;
  reject: (e: Error) => void;
}

/** A fixed pool of scanner workers, one per core by default; jobs go to whichever worker is free. */
export class ScanPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Array<{ job: WorkerJob; pending: Pending }> = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(fingerprintKey: string | Uint8Array, size = Math.max(1, Math.min(availableParallelism(), 8))) {
    const entry = new URL("./worker-entry.mjs", import.meta.url);
    for (let i = 0; i < size; i++) {
      // argv is set so the TypeScript loader in the worker does not mistake the parent's script for its own.
      const worker = new Worker(entry, { workerData: { fingerprintKey }, argv: [], stdout: false });
      worker.on("message", (msg: { ready?: boolean; id?: number } & PathJobResult) => {
        if (msg.id !== undefined) {
          this.pending.get(msg.id)?.resolve(msg);
          this.pending.delete(msg.id);
        }
        this.release(worker);
      });
      worker.on("error", (e) => {
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
      this.workers.push(worker);
    }
  }

  run(absPath: string, relPath: string): Promise<PathJobResult> {
    return new Promise((resolve, reject) => {
      const job = { id: this.nextId++, absPath, relPath };
      const pending = { resolve, reject };
      const worker = this.idle.pop();
      if (worker) this.dispatch(worker, job, pending);
      else this.queue.push({ job, pending });
    });
  }

  private dispatch(worker: Worker, job: WorkerJob, pending: Pending): void {
    this.pending.set(job.id, pending);
    worker.postMessage(job);
  }

  private release(worker: Worker): void {
    const next = this.queue.shift();
    if (next) this.dispatch(worker, next.job, next.pending);
    else this.idle.push(worker);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
