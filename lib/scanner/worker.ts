import type { MessagePort } from "node:worker_threads";
import { scanPathJob } from "./scan-path";

export interface WorkerJob {
  id: number;
  absPath: string;
  relPath: string;
}

/** Worker side of the pool: scans the files it is sent and answers with findings (never secret values). */
export function runWorker(port: MessagePort, data: { fingerprintKey: string | Uint8Array }): void {
  port.on("message", (job: WorkerJob) => {
    void scanPathJob(job.absPath, job.relPath, { fingerprintKey: data.fingerprintKey }).then((result) =>
      port.postMessage({ id: job.id, ...result }),
    );
  });
}
