import path from "node:path";
import type { Command } from "commander";
import { env } from "../../lib/server/env";
import { withDatabase } from "../database";

/** Backups are of the embedded database; Postgres has pg_dump (docs/deployment.md). */
function embeddedDataDir(action: string): string {
  const e = env();
  if (e.DATABASE_URL) throw new Error(`leash db ${action} is for the embedded database; on Postgres use pg_dump / pg_restore (docs/deployment.md)`);
  return e.dataDir;
}

export function registerDb(program: Command): void {
  const db = program.command("db").description("database maintenance");
  db.command("migrate")
    .description("apply the committed migrations to the configured database")
    .action(async () => {
      const engine = await withDatabase(async (opened) => opened.engine);
      console.log(`Migrations applied (${engine === "pglite" ? "embedded database" : "Postgres"}).`);
    });
  db.command("backup <file>")
    .description("write the embedded database and its instance secrets to one file (stop the server first)")
    .action(async (file: string) => {
      const dataDir = embeddedDataDir("backup");
      const { backupEmbedded } = await import("../../lib/server/backup");
      const result = await backupEmbedded(dataDir, path.resolve(file));
      console.log(`Backed up ${dataDir} to ${file} (${(result.bytes / 1_048_576).toFixed(1)} MB, ${result.secrets} instance secrets). Keep it as safe as the secrets it holds.`);
    });
  db.command("restore <file>")
    .description("restore a backup into an empty data folder (LEASH_DATA_DIR); the server must not be running")
    .action(async (file: string) => {
      const dataDir = embeddedDataDir("restore");
      const { restoreEmbedded } = await import("../../lib/server/backup");
      await restoreEmbedded(dataDir, path.resolve(file));
      const engine = await withDatabase(async (opened) => opened.engine);
      console.log(`Restored ${file} into ${dataDir} (${engine === "pglite" ? "embedded database" : engine}); migrations applied.`);
    });
}
