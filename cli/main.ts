import { Command } from "commander";
import { registerCommands } from "./commands";
import { heldDatabaseMessage, isHeldDatabase } from "./database";
import { errorMessage } from "./error-message";

const program = new Command("leash")
  .description("Leash: credential posture for the age of AI agents")
  .showHelpAfterError()
  // A usage error (unknown option, missing argument) exits 2 like every other error: exit 1 is an answer —
  // `leash scan` found secrets, a posture gate failed, a package did not verify — and a script must tell them apart.
  // Subcommands inherit this when they are declared below.
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));
registerCommands(program);
let running: Command | undefined;
program.hook("preAction", (_program, action) => {
  running = action;
});

program.parseAsync(process.argv).catch((error: unknown) => {
  const held = isHeldDatabase(error) && running ? new Error(heldDatabaseMessage(error, running)) : error;
  console.error(`leash: ${errorMessage(held)}`);
  process.exit(2);
});
