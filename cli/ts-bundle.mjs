// Compiles a TypeScript entry point (with everything of ours it imports) into one ES module bundle, kept in a cache
// and rebuilt only when a source it was built from changed. Node then loads our code as a few plain files instead of
// a TypeScript loader resolving and compiling some 270 modules at every start (1.5 s of CPU per CLI command).
// Packages stay external: Node loads them from node_modules as usual, which is why the cache lives inside the
// installation (node_modules/.cache), where their bare names resolve.
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import * as esbuild from "esbuild";

/**
 * A superseded build is removed once it is this old: a process started on it may still load its chunks (commands
 * load their part of the code as they start, long-running ones such as `leash worker` all of it then).
 */
const KEEP_OLD_BUILDS_MS = 3600_000;

/**
 * The file URL of `entry`'s bundle (paths relative to `root`), building it first if it is missing or stale.
 * `extraInputs` are files outside the import graph that change what a build produces (this file, tsconfig.json).
 */
export async function bundledEntry({ root, entry: given, cacheDir, extraInputs = [] }) {
  // As esbuild names entry points in its metafile: relative to the root, without "./".
  const entry = path.relative(root, path.resolve(root, given));
  const slug = entry.replace(/\.[cm]?tsx?$/, "").replace(/[^a-zA-Z0-9]+/g, "_");
  const pointerFile = path.join(cacheDir, `${slug}.json`);
  const current = await readPointer(pointerFile);
  if (current && !(await changedSince(root, current))) return bundleUrl(current);

  const builtAt = Date.now();
  const dir = path.join(cacheDir, slug, `${builtAt}-${randomBytes(4).toString("hex")}`);
  await mkdir(dir, { recursive: true }).catch((error) => {
    if (["EACCES", "EPERM", "EROFS"].includes(error?.code)) {
      throw new Error(`Leash cannot write its compiled code to ${cacheDir} (${error.code}): run it once as the user that installed it, or make that folder writable.`);
    }
    throw error;
  });
  const result = await build(root, entry, dir);
  // Files only: an input of another namespace ("empty:server-only") has nothing to watch.
  const inputs = [...Object.keys(result.metafile.inputs).filter((file) => !/^[\w-]+:/.test(file)), ...extraInputs];
  const outputs = Object.entries(result.metafile.outputs);
  const [main] = outputs.find(([, output]) => output.entryPoint === entry) ?? [];
  const pointer = { builtAt, dir, main: path.resolve(root, main), inputs };
  // Another process may be building the same entry: each writes its own folder, and the pointer is swapped whole.
  const tmp = `${pointerFile}.${process.pid}.${randomBytes(4).toString("hex")}`;
  await writeFile(tmp, JSON.stringify(pointer));
  await rename(tmp, pointerFile);
  await removeOldBuilds(path.join(cacheDir, slug), dir);
  return bundleUrl(pointer);
}

function bundleUrl(pointer) {
  return pathToFileURL(pointer.main).href;
}

async function readPointer(file) {
  try {
    return JSON.parse(await readFile(file, "utf8"));
  } catch {
    return undefined;
  }
}

/** Whether a source of the build changed (or went) since it was built, or the build itself is gone. */
async function changedSince(root, pointer) {
  const times = await Promise.all([pointer.main, ...pointer.inputs].map((file) => stat(path.resolve(root, file)).then((s) => s.mtimeMs, () => Infinity)));
  return times.slice(1).some((mtime) => mtime >= pointer.builtAt) || times[0] === Infinity;
}

function build(root, entry, outdir) {
  return esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    outdir,
    bundle: true,
    // Lazy imports (a CLI command loads its part of lib/server when it runs) stay lazy: they become chunks.
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    outExtension: { ".js": ".mjs" },
    jsx: "automatic",
    // `node --enable-source-maps cli/leash.mjs …` then names the TypeScript sources in stack traces (always on, it
    // would cost every start a tenth).
    sourcemap: "linked",
    metafile: true,
    logLevel: "silent",
    plugins: [serverOnlyIsEmpty, sourceLocationOfImportMeta, packageFilesByFullName],
  });
}

/** "server-only" guards modules against a browser bundle; this bundle is by definition not one. */
const serverOnlyIsEmpty = {
  name: "server-only-is-empty",
  setup(b) {
    b.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
    b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "", loader: "js" }));
  },
};

/**
 * `import.meta.url` keeps meaning the source file's own URL (a file found beside it, such as the scanner's worker
 * entry), not the bundle's, which lives in the cache.
 */
const sourceLocationOfImportMeta = {
  name: "source-location-of-import-meta",
  setup(b) {
    b.onLoad({ filter: /\.(ts|tsx|mts|mjs)$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const contents = await readFile(args.path, "utf8");
      if (!contents.includes("import.meta.url")) return undefined;
      const loader = args.path.endsWith(".tsx") ? "tsx" : args.path.endsWith(".mjs") ? "js" : "ts";
      return { contents: contents.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)), loader };
    });
  },
};

/**
 * A file of a package without an "exports" map, imported without its extension ("next/server"), is found by
 * bundlers and by require, not by Node's ES module loader: the bundle names it by its file ("next/server.js").
 */
const packageFilesByFullName = {
  name: "package-files-by-full-name",
  setup(b) {
    b.onResolve({ filter: /^(@[^/]+\/)?[^./@][^/]*\/./ }, (args) => {
      const [, scope = "", name, subpath] = /^(@[^/]+\/)?([^/]+)\/(.+)$/.exec(args.path) ?? [];
      if (!name || path.extname(subpath)) return undefined;
      const require = createRequire(path.join(args.resolveDir, "noop.js"));
      let manifest;
      try {
        manifest = require.resolve(`${scope}${name}/package.json`);
      } catch {
        return undefined; // not installed, or an "exports" map that hides package.json: Node resolves those itself
      }
      if (JSON.parse(readFileSync(manifest, "utf8")).exports) return undefined;
      const file = require.resolve(args.path);
      return { path: `${scope}${name}/${path.relative(path.dirname(manifest), file).split(path.sep).join("/")}`, external: true };
    });
  },
};

async function removeOldBuilds(slugDir, keep) {
  const now = Date.now();
  for (const name of await readdir(slugDir).catch(() => [])) {
    const dir = path.join(slugDir, name);
    if (dir === keep) continue;
    const built = Number(name.split("-")[0]);
    if (Number.isFinite(built) && now - built > KEEP_OLD_BUILDS_MS) await rm(dir, { recursive: true, force: true });
  }
}
