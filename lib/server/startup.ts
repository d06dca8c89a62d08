import "server-only";
import path from "node:path";
import { openDatabase, type OpenedDatabase } from "@/db/client";
import { useDatabase } from "./db";
import { demoBanner, isEmptyWorkspace, seedDemoWorkspace } from "./demo-seed";
import { env } from "./env";
import { evaluateIfStale, runFullEvaluationAsSystem } from "./evaluation";
import { fillPostureHistory } from "./posture";
import { authSecret } from "./instance-secrets";
import { RULES_VERSION } from "@/lib/rules";

const SCHEDULED_EVALUATION_MS = 6 * 3_600_000;
/** The longest trend the overview offers. */
const TREND_DAYS = 90;

/** Opens the configured database for this process: Postgres when DATABASE_URL is set, else the embedded one. */
export async function openConfiguredDatabase(holder: string): Promise<OpenedDatabase> {
  const e = env();
  const opened = e.DATABASE_URL
    ? await openDatabase({ engine: "postgres", url: e.DATABASE_URL })
    : await openDatabase({ engine: "pglite", dataDir: path.join(e.dataDir), holder });
  useDatabase(opened.db);
  return opened;
}

/**
 * Web server start: open the database, apply migrations, and on an empty embedded database load the demo
 * workspace. A Postgres deployment never gets demo users by itself (their password is public): use
 * `leash seed demo` deliberately.
 */
export async function startServer(): Promise<void> {
  const e = env();
  authSecret(); // fail at start, not at the first sign-in, when the secret is missing
  const opened = await openConfiguredDatabase("leash server");
  await opened.migrate();
  if (opened.engine === "pglite" && e.LEASH_SEED_DEMO === "auto" && (await isEmptyWorkspace())) {
    await seedDemoWorkspace();
    console.log(demoBanner());
  }
  // Time alone changes verdicts (a key goes stale, a rotation window closes), so the whole workspace is
  // re-evaluated at start when the rules changed, and every few hours while the server runs.
  await evaluateIfStale("leash server", RULES_VERSION);
  const keepUp = async () => {
    await runFullEvaluationAsSystem("scheduled");
    await fillPostureHistory(TREND_DAYS);
  };
  fillPostureHistory(TREND_DAYS).catch((error) => console.error("[leash] posture history failed", error));
  setInterval(() => keepUp().catch((error) => console.error("[leash] scheduled evaluation failed", error)), SCHEDULED_EVALUATION_MS).unref();
  const where = opened.engine === "pglite" ? `embedded database in ${e.dataDir}` : "Postgres (DATABASE_URL)";
  console.log(`Leash is using the ${where}.`);
}
