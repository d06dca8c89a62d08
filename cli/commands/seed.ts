import type { Command } from "commander";
import { demoBanner, isEmptyWorkspace, seedDemoWorkspace } from "../../lib/server/demo-seed";
import { withDatabase } from "../database";

export function registerSeed(program: Command): void {
  program
    .command("seed")
    .description("load sample data")
    .command("demo")
    .description("load the demo workspace (demo users share a published password: never on a real instance)")
    .option("--force", "seed even though the workspace already has users")
    .action(async (options: { force?: boolean }) => {
      await withDatabase(async () => {
        if (!(await isEmptyWorkspace()) && !options.force) {
          throw new Error("the workspace already has users; pass --force to add the demo workspace anyway");
        }
        await seedDemoWorkspace();
      });
      console.log(demoBanner());
    });
}
