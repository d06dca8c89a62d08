import { Command } from "commander";
import { registerCommands } from "./commands";
import { errorMessage } from "./error-message";

const program = new Command("leash")
  .description("Leash: credential posture for the age of AI agents")
  .showHelpAfterError()
  // A usage error (unknown option, missing argument) exits 2 like every other error: exit 1 is an answer —
  // `leash scan` found secrets, a posture gate failed, a package did not verify — and a script must tell them apart.
  // Subcommands inherit this when they are declared below.
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));
registerCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`leash: ${errorMessage(error)}`);
  process.exit(2);
});
