import type { Command } from "commander";
import { env } from "../../lib/server/env";

/**
 * `leash worker`: drains the job queue (imports, scans, ingests, evaluations, evidence builds) on Postgres until
 * stopped. Run any number, on any machine that reaches the database; SIGTERM or SIGINT finishes the jobs in hand.
 */
export function registerWorker(program: Command): void {
  program
    .command("worker")
    .description("run background jobs from the Postgres job queue until stopped (DATABASE_URL must be set)")
    .option("--concurrency <n>", "jobs this process runs at once (default LEASH_WORKER_CONCURRENCY)")
    .action(async (options: { concurrency?: string }) => {
      const e = env();
      if (!e.DATABASE_URL) {
        throw new Error("workers need Postgres (DATABASE_URL): on the embedded database the server runs its jobs itself");
      }
      const concurrency = options.concurrency ? Number(options.concurrency) : e.LEASH_WORKER_CONCURRENCY;
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) throw new Error("--concurrency must be an integer from 1 to 32");
      const [{ authSecret, fingerprintKey }, { PgBossJobQueue }, { useJobQueue }, { openConfiguredDatabase }] = await Promise.all([
        import("../../lib/server/instance-secrets"),
        import("../../lib/server/jobs/queue"),
        import("../../lib/server/jobs/submit"),
        import("../../lib/server/configured-database"),
      ]);
      // Every process of an instance shares its secrets: refuse to start without them rather than fail jobs later.
      authSecret();
      fingerprintKey();
      const opened = await openConfiguredDatabase("leash worker");
      await opened.migrate();
      const queue = new PgBossJobQueue(e.DATABASE_URL);
      useJobQueue(queue);
      await queue.start(concurrency, "leash worker");
      console.log(`leash worker ${process.pid}: working jobs, ${concurrency} at a time`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once("SIGTERM", stop);
        process.once("SIGINT", stop);
      });
      console.log(`leash worker ${process.pid}: finishing the jobs in hand`);
      await queue.stop();
      await opened.close();
    });
}
