import "server-only";
import path from "node:path";
import { openDatabase, type OpenedDatabase } from "@/db/client";
import { useDatabase } from "./db";
import { env } from "./env";

/**
 * Opens the configured database for this process: Postgres when DATABASE_URL is set, else the embedded one. A module
 * of its own, so a CLI command that only reads loads the database and not the server's start-up (jobs, evidence).
 */
export async function openConfiguredDatabase(holder: string): Promise<OpenedDatabase> {
  const e = env();
  const opened = e.DATABASE_URL
    ? await openDatabase({ engine: "postgres", url: e.DATABASE_URL })
    : await openDatabase({ engine: "pglite", dataDir: path.join(e.dataDir), holder });
  useDatabase(opened.db);
  return opened;
}
