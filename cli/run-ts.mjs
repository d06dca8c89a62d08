// Loads TypeScript sources (cli/, lib/, db/, bench/) in plain Node, through a bundle per entry point kept in
// node_modules/.cache/leash (cli/ts-bundle.mjs).
import { isAbsolute, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { bundledEntry } from "./ts-bundle.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
// Migrations and the default data folder (.leash) are found relative to the installation, wherever the CLI is run.
process.env.LEASH_ROOT ??= root;

/** Imports a TypeScript module by path relative to the repository root (or absolute). */
export async function importTs(file) {
  const entry = isAbsolute(file) ? relative(root, file) : file;
  const url = await bundledEntry({
    root,
    entry,
    cacheDir: `${root}node_modules/.cache/leash`,
    // What else decides what a build produces: how it is built, and the path aliases.
    extraInputs: ["cli/ts-bundle.mjs", "tsconfig.json"],
  });
  return import(url);
}

// `node cli/run-ts.mjs some/file.ts args…` runs that file.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv[2]) {
  const [script] = process.argv.splice(2, 1);
  // Lets a module that is both a library and a script tell whether it is the entry point.
  process.env.LEASH_RUN_TS_ENTRY = script;
  await importTs(script);
}
