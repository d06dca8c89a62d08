// Loads TypeScript sources (cli/, lib/, db/, bench/) in plain Node: tsx compiles them on the fly, and "server-only"
// resolves to an empty module because the CLI is, by definition, not a browser bundle.
import { register as registerHook } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

const root = fileURLToPath(new URL("..", import.meta.url));
// Migrations and the default data folder (.leash) are found relative to the installation, wherever the CLI is run.
process.env.LEASH_ROOT ??= root;
register({ tsconfig: `${root}tsconfig.json` });
registerHook(
  "data:text/javascript," +
    encodeURIComponent(
      'export async function resolve(s, c, next) { return s === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : next(s, c); }',
    ),
);

/** Imports a TypeScript module by path relative to the repository root (or absolute). */
export function importTs(path) {
  const url = path.startsWith("/") ? pathToFileURL(path) : new URL(`../${path}`, import.meta.url);
  return import(url.href);
}

// `node cli/run-ts.mjs some/file.ts args…` runs that file.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv[2]) {
  const [script] = process.argv.splice(2, 1);
  // Lets a module that is both a library and a script tell whether it is the entry point.
  process.env.LEASH_RUN_TS_ENTRY = script;
  await importTs(script);
}
