import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";

/**
 * What `leash` loads before a command runs: the modules reached by static imports from cli/main.ts. The database
 * and the server's modules must come in only inside a command's action, or every `leash --help` and `leash scan`
 * pays for them (twice the start-up time and memory).
 */
function staticGraph(entry: string): { modules: Set<string>; packages: Set<string> } {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const queue = [path.resolve(entry)];
  while (queue.length) {
    const file = queue.pop()!;
    if (modules.has(file)) continue;
    modules.add(file);
    // Value imports and re-exports only: `import type` is erased, and `import(...)` waits for the action.
    for (const m of readFileSync(file, "utf8").matchAll(/^(?:import|export)\s+(?!type\s)(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']/gm)) {
      const specifier = m[1]!;
      const base = specifier.startsWith("@/") ? path.resolve(specifier.slice(2)) : specifier.startsWith(".") ? path.resolve(path.dirname(file), specifier) : null;
      if (base === null) {
        if (!specifier.startsWith("node:")) packages.add(specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/"));
        continue;
      }
      const resolved = [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), base].find((candidate) => existsSync(candidate) && !candidate.endsWith("/"));
      if (resolved && /\.tsx?$/.test(resolved)) queue.push(resolved);
    }
  }
  return { modules, packages };
}

test("the CLI starts without the database, the server's modules or their packages", () => {
  const { modules, packages } = staticGraph("cli/main.ts");
  const server = [...modules].map((m) => path.relative(process.cwd(), m)).filter((m) => m.startsWith("lib/server/") || m.startsWith("db/"));
  // What every command's options or viewer need (the environment's schema, the CLI's own viewer and its permissions),
  // and the data folder lock, for the name a running server holds it by (node:fs alone, no database).
  expect(server.sort()).toEqual(["db/data-dir-lock.ts", "lib/server/cli-viewer.ts", "lib/server/env.ts", "lib/server/permissions.ts"]);
  for (const heavy of ["drizzle-orm", "pg", "@electric-sql/pglite", "next-auth", "pg-boss", "pdfkit"]) expect(packages).not.toContain(heavy);
  // The walk itself reaches what it should: the scanner the scan command runs in-process.
  expect(modules).toContain(path.resolve("lib/scanner/scan.ts"));
});
