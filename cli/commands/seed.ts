import type { Command } from "commander";
import { withDatabase } from "../database";

export function registerSeed(program: Command): void {
  program
    .command("seed")
    .description("load sample data")
    .command("demo")
    .description("load the demo workspace (demo users share a published password: never on a real instance)")
    .option("--force", "seed even though the workspace already has users")
    .action(async (options: { force?: boolean }) => {
      const { demoBanner, isEmptyWorkspace, seedDemoWorkspace } = await import("../../lib/server/demo-seed");
      await withDatabase(async () => {
        if (!(await isEmptyWorkspace()) && !options.force) {
          throw new Error("the workspace already has users; pass --force to add the demo workspace anyway");
        }
        await seedDemoWorkspace();
      });
      console.log(demoBanner());
    });
}
