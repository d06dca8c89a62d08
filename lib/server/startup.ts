import "server-only";
import path from "node:path";
import type { OpenedDatabase } from "@/db/client";
import { SERVER_HOLDER } from "@/db/data-dir-lock";
import { openConfiguredDatabase } from "./configured-database";
import { demoBanner, isEmptyWorkspace, seedDemoWorkspace } from "./demo-seed";
import { env } from "./env";
import { systemViewer } from "./cli-viewer";
import { evaluatedUnder } from "./evaluation";
import { ensureSigningKey } from "./evidence-keys";
import { LocalJobQueue, PgBossJobQueue } from "./jobs/queue";
import { pruneFinishedJobs } from "./jobs/store";
import { submitJob, useJobQueue } from "./jobs/submit";
import { authSecret, fingerprintKey } from "./instance-secrets";
import { RULES_VERSION } from "@/lib/rules";

const SCHEDULED_EVALUATION_MS = 6 * 3_600_000;
/** The longest trend the overview offers. */
const TREND_DAYS = 90;

/**
 * Jobs: on Postgres through pg-boss, worked here by LEASH_WEB_WORKERS (and by any `leash worker`); on the
 * embedded database by this process alone, which picks up what a previous run left unfinished.
 */
async function startJobQueue(engine: OpenedDatabase["engine"]): Promise<void> {
  const e = env();
  if (engine === "postgres") {
    const queue = new PgBossJobQueue(e.DATABASE_URL!);
    await queue.start(e.LEASH_WEB_WORKERS, "leash web");
    useJobQueue(queue);
    return;
  }
  const queue = new LocalJobQueue(path.join(e.dataDir, "job-uploads"));
  useJobQueue(queue);
  await queue.start();
}

/**
 * The database side of a start, on the database this process uses: apply migrations, on an empty embedded database
 * load the demo workspace (a Postgres deployment never gets demo users by itself, their password is public: use
 * `leash seed demo` deliberately), and make sure the instance has its evidence signing key from the first start.
 */
export async function prepareDatabase(opened: OpenedDatabase): Promise<void> {
  await opened.migrate();
  if (opened.engine === "pglite" && env().LEASH_SEED_DEMO === "auto" && (await isEmptyWorkspace())) {
    await seedDemoWorkspace();
    console.log(demoBanner());
  }
  await ensureSigningKey();
}

/** Web server start: open and prepare the database, then run jobs and the scheduled evaluation. */
export async function startServer(): Promise<void> {
  const e = env();
  // Fail at start, not at the first sign-in or import, when an instance secret is missing.
  authSecret();
  fingerprintKey();
  const opened = await openConfiguredDatabase(SERVER_HOLDER);
  await prepareDatabase(opened);
  await startJobQueue(opened.engine);
  // Time alone changes verdicts (a key goes stale, a rotation window closes), so the whole workspace is
  // re-evaluated as a job at start and every few hours (one per window however many web processes there are), which
  // also keeps the daily posture history filled for trends and audit periods. After an upgrade that changed the
  // rules the job runs at once even if this window's has run; posture reads rebuild from history until it ends.
  const upkeep = async () => {
    const window = Math.floor(Date.now() / SCHEDULED_EVALUATION_MS);
    const dedupeKey = (await evaluatedUnder(RULES_VERSION)) ? `scheduled-evaluation:${window}` : `rules-evaluation:${RULES_VERSION}:${window}`;
    return submitJob(systemViewer("leash scheduler"), { kind: "evaluation", input: { trigger: "scheduled", historyDays: TREND_DAYS }, dedupeKey });
  };
  const prune = () => pruneFinishedJobs(e.LEASH_JOB_RETENTION_DAYS).catch((error) => console.error("[leash] pruning finished jobs failed", error));
  await upkeep();
  await prune();
  setInterval(() => {
    upkeep().catch((error) => console.error("[leash] scheduled evaluation failed", error));
    void prune();
  }, SCHEDULED_EVALUATION_MS).unref();
  const where = opened.engine === "pglite" ? `embedded database in ${e.dataDir}` : "Postgres (DATABASE_URL)";
  console.log(`Leash is using the ${where}.`);
}
