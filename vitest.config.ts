import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // "server-only" throws outside React Server Components; tests run the same modules in plain Node.
      "server-only": fileURLToPath(new URL("./lib/server/testing/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "db/**/*.test.ts", "cli/**/*.test.ts", "app/**/*.test.ts", "bench/**/*.test.ts"],
    globalSetup: ["./lib/server/testing/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Vitest's default is one fork fewer than the cores, a single fork on a 2-core CI machine. Most test files spend
    // their time waiting on Postgres or on child processes, so one per core keeps the cores busy (397 → 255 s there).
    maxWorkers: availableParallelism(),
    // next-auth imports "next/server" without an extension, which only a bundler resolves: let Vite process it.
    server: { deps: { inline: ["next-auth", "@auth/core"] } },
    reporters: ["default", ["json", { outputFile: ".reports/vitest.json" }]],
  },
});
