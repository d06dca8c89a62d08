import { Command } from "commander";
import { registerCommands } from "./commands";
import { errorMessage } from "./error-message";

const program = new Command("leash")
  .description("Leash: credential posture for the age of AI agents")
  .showHelpAfterError();
registerCommands(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`leash: ${errorMessage(error)}`);
  process.exit(2);
});
