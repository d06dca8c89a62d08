import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module of the CLI's start-up, without type declarations
import { bundledEntry } from "./ts-bundle.mjs";

/**
 * A tiny installation: TypeScript sources with a path alias, "server-only", a lazy import, a package from
 * node_modules, and a file of a package without an "exports" map imported without its extension ("next/server").
 */
function installation(): string {
  const root = mkdtempSync(path.join(tmpdir(), "leash-ts-bundle-"));
  mkdirSync(path.join(root, "node_modules/plain-package"), { recursive: true });
  symlinkSync(path.resolve("node_modules/zod"), path.join(root, "node_modules/zod"), "dir");
  writeFileSync(path.join(root, "node_modules/plain-package/package.json"), JSON.stringify({ name: "plain-package", main: "index.js" }));
  writeFileSync(path.join(root, "node_modules/plain-package/server.js"), `exports.served = "from the package's file";\n`);
  mkdirSync(path.join(root, "lib"));
  writeFileSync(path.join(root, "tsconfig.json"), JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@/*": ["./*"] } } }));
  writeFileSync(path.join(root, "lib/answer.ts"), `export const answer: number = 41;\n`);
  writeFileSync(path.join(root, "lib/later.ts"), `export const later = "loaded when asked";\n`);
  writeFileSync(
    path.join(root, "entry.ts"),
    [
      `import "server-only";`,
      `import { z } from "zod";`,
      `import { answer } from "@/lib/answer";`,
      `import { served } from "plain-package/server";`,
      `export const fromPackageFile = served;`,
      `export const value = z.number().parse(answer + 1);`,
      `export const where = import.meta.url;`,
      `export const later = async () => (await import("./lib/later")).later;`,
    ].join("\n"),
  );
  return root;
}

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

describe("bundledEntry", () => {
  const options = (root: string) => ({ root, entry: "entry.ts", cacheDir: path.join(root, ".cache"), extraInputs: ["tsconfig.json"] });

  it("builds a module that runs in plain Node as the sources do: aliases, packages and their files, lazy imports, its own source's import.meta.url", async () => {
    const root = installation();
    roots.push(root);
    const url = await bundledEntry(options(root));
    // In Node itself, as the CLI loads it: the test runner's own loader would resolve what Node does not.
    const script = `const m = await import(${JSON.stringify(url)}); console.log(JSON.stringify({ value: m.value, fromPackageFile: m.fromPackageFile, where: m.where, later: await m.later() }));`;
    const loaded = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" }));
    expect(loaded).toEqual({
      value: 42,
      fromPackageFile: "from the package's file",
      where: pathToFileURL(path.join(root, "entry.ts")).href,
      later: "loaded when asked",
    });
  });

  it("reuses the build while no source changed, and rebuilds when one did or an extra input changed", async () => {
    const root = installation();
    roots.push(root);
    const first = await bundledEntry(options(root));
    expect(await bundledEntry(options(root))).toBe(first);
    expect(await bundledEntry({ ...options(root), entry: "./entry.ts" })).toBe(first);

    writeFileSync(path.join(root, "lib/answer.ts"), `export const answer: number = 99;\n`);
    const second = await bundledEntry(options(root));
    expect(second).not.toBe(first);
    expect((await import(second)).value).toBe(100);

    const future = new Date(Date.now() + 60_000);
    utimesSync(path.join(root, "tsconfig.json"), future, future);
    expect(await bundledEntry(options(root))).not.toBe(second);
  });

  it("rebuilds when a source it was built from is gone, and reports a source that no longer compiles", async () => {
    const root = installation();
    roots.push(root);
    await bundledEntry(options(root));
    rmSync(path.join(root, "lib/later.ts"));
    await expect(bundledEntry(options(root))).rejects.toThrow(/lib\/later/);
  });

  it("removes superseded builds once they are an hour old, keeping younger ones a running process may still load", async () => {
    const root = installation();
    roots.push(root);
    const builds = path.join(root, ".cache", "entry");
    const old = path.join(builds, `${Date.now() - 2 * 3600_000}-0000aaaa`);
    const recent = path.join(builds, `${Date.now() - 60_000}-0000bbbb`);
    mkdirSync(old, { recursive: true });
    mkdirSync(recent, { recursive: true });
    await bundledEntry(options(root));
    expect(existsSync(old)).toBe(false);
    expect(existsSync(recent)).toBe(true);
  });
});
