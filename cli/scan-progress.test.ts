import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { wantsProgress } from "./commands/scan";

// `leash scan` redraws a progress line on stderr for a person at a terminal; a pipe or a CI log must get none of it,
// unless asked with --progress.

const dir = mkdtempSync(path.join(tmpdir(), "leash-scan-progress-"));
writeFileSync(path.join(dir, "notes.txt"), "nothing secret here\n");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The summary line a progress-showing scan ends with. */
const PROGRESS = /\d+ files, [\d.]+ MB scanned/;
const LEASH = path.resolve("cli/leash.mjs");
/** No CI variable: the pipe alone must keep it quiet (CI sets CI=true for the whole run). */
const env = { ...process.env, CI: "" };

test("the decision: a flag wins; otherwise a terminal on stderr, outside CI", () => {
  expect(wantsProgress(undefined, true, {})).toBe(true);
  expect(wantsProgress(undefined, false, {})).toBe(false);
  expect(wantsProgress(undefined, true, { CI: "true" })).toBe(false);
  expect(wantsProgress(undefined, true, { CI: "false" })).toBe(true);
  expect(wantsProgress(true, false, { CI: "true" })).toBe(true);
  expect(wantsProgress(false, true, {})).toBe(false);
});

test("piped, a scan prints no progress; with --progress it does", () => {
  const quiet = spawnSync(process.execPath, [LEASH, "scan", dir, "--workers", "0"], { encoding: "utf8", env });
  expect(quiet.status).toBe(0);
  expect(quiet.stderr).not.toMatch(PROGRESS);
  const asked = spawnSync(process.execPath, [LEASH, "scan", dir, "--workers", "0", "--progress"], { encoding: "utf8", env });
  expect(asked.status).toBe(0);
  expect(asked.stderr).toMatch(PROGRESS);
}, 60_000);

// util-linux `script` runs the command on a pseudo-terminal, as a person's shell would.
test.runIf(spawnSync("script", ["--version"]).status === 0)("on a terminal a scan shows progress, and --no-progress silences it", () => {
  const onTty = (extra: string) => spawnSync("script", ["-qec", `${process.execPath} ${LEASH} scan ${dir} --workers 0 ${extra}`, "/dev/null"], { encoding: "utf8", env });
  const shown = onTty("");
  expect(shown.status).toBe(0);
  expect(shown.stdout).toMatch(PROGRESS);
  const silenced = onTty("--no-progress");
  expect(silenced.status).toBe(0);
  expect(silenced.stdout).toContain("[]");
  expect(silenced.stdout).not.toMatch(PROGRESS);
}, 60_000);
