import { statSync } from "node:fs";

/** Stops the command with a plain message (exit 2) when `file` is not a readable regular file. */
export function requireFile(file: string, what = "file"): string {
  if (!statSync(file, { throwIfNoEntry: false })?.isFile()) throw new Error(`no such ${what}: ${file}`);
  return file;
}
