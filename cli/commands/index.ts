import type { Command } from "commander";
import { registerAudit } from "./audit";
import { registerDb } from "./db";
import { registerSeed } from "./seed";
import { registerUser } from "./user";

/** Every `leash` subcommand registers itself here; one line each. */
export function registerCommands(program: Command): void {
  registerDb(program);
  registerSeed(program);
  registerUser(program);
  registerAudit(program);
}
