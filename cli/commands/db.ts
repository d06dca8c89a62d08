import type { Command } from "commander";
import { withDatabase } from "../database";

export function registerDb(program: Command): void {
  const db = program.command("db").description("database maintenance");
  db.command("migrate")
    .description("apply the committed migrations to the configured database")
    .action(async () => {
      const engine = await withDatabase(async (opened) => opened.engine);
      console.log(`Migrations applied (${engine === "pglite" ? "embedded database" : "Postgres"}).`);
    });
}
