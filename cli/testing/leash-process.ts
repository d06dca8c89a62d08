import { execFile } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { test } from "vitest";

/**
 * Running `leash` as a user does, for the CLI's test files: each command is a Node process of its own on an embedded
 * database. The cases are spread over several files so the test runner's workers share them.
 */

const run = promisify(execFile);
const LEASH = path.resolve("cli/leash.mjs");

/** Each case starts the CLI several times (a Node process with a fresh embedded database each): give them room. */
export const cliTest = (name: string, fn: () => Promise<void>) => test(name, fn, 180_000);

export async function leash(dataDir: string, args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, LEASH_DATA_DIR: dataDir, DATABASE_URL: "" };
  delete (env as Record<string, string | undefined>).DATABASE_URL;
  const child = run(process.execPath, [LEASH, ...args], { env, timeout: 60_000 });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/**
 * A data folder holding a migrated embedded database, copied from one made for the test file: creating a database
 * (initdb, in WebAssembly) is most of a first command's 8–19 s on this machine. Instance secrets are not in it yet:
 * each copy makes its own on first use.
 */
let template: Promise<string> | undefined;
export async function migratedDataDir(prefix: string): Promise<string> {
  template ??= (async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "leash-cli-template-"));
    const migrated = await leash(dir, ["db", "migrate"]);
    if (migrated.code !== 0) throw new Error(migrated.stderr);
    return dir;
  })();
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  cpSync(await template, dir, { recursive: true });
  return dir;
}
