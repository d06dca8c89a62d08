import type { Command } from "commander";

/** Every `leash` subcommand registers itself here; one line each. */
export function registerCommands(program: Command): void {
  void program;
}
