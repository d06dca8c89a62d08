import { execFileSync, spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { tokenOf } from "../../bench/scanner/fakes";
import { Rng } from "../../bench/scanner/prng";
import { fingerprintSecret } from "./fingerprint";
import { scanPaths, type ScanProgress } from "./scan";
import { WHOLE_FILE_LIMIT } from "./scan-file";
import type { Finding } from "./types";

const KEY = "git-scan-test-key";
const rng = new Rng(4646);
const stripe = tokenOf("stripe-live-secret", rng);
const gitlab = tokenOf("gitlab-pat", rng);
const npm = tokenOf("npm-token", rng);
let tmp = "";

async function makeRepo(name: string): Promise<{ repo: string; commit: (files: Record<string, string | Buffer>) => Promise<void> }> {
  const repo = join(tmp, name);
  await mkdir(repo, { recursive: true });
  const git = (...args: string[]) => execFileSync("git", ["-C", repo, "-c", "user.name=t", "-c", "user.email=t@e", ...args], { stdio: "pipe" });
  git("init", "-q");
  const commit = async (files: Record<string, string | Buffer>): Promise<void> => {
    for (const [path, content] of Object.entries(files)) {
      await mkdir(join(repo, path, ".."), { recursive: true });
      await writeFile(join(repo, path), content);
    }
    git("add", ".");
    git("commit", "-qm", "change");
  };
  return { repo, commit };
}

/** What a test compares: never the secret, only where it is and its fingerprint. */
const rows = (findings: Finding[]) => findings.map((f) => [f.file, f.line, f.detector, f.fingerprint, f.allowed === true]);

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "leash-git-"));
});
afterAll(async () => rm(tmp, { recursive: true, force: true }));

describe("git history scan", () => {
  test("a blob larger than the whole-file limit is streamed in chunks: its tokens are found, with true lines", async () => {
    const { repo, commit } = await makeRepo("big");
    const filler = "2024-05-01T10:00:00Z INFO request served in 12ms, status 200, nothing of note here\n";
    const fillerLines = Math.ceil((WHOLE_FILE_LIMIT + 1024 * 1024) / filler.length);
    // One token a third of the way in (past the first chunk), one on the very last line.
    const third = Math.floor(fillerLines / 3);
    const text = `${filler.repeat(third)}2024-05-01 WARN using key ${gitlab}\n${filler.repeat(fillerLines - third)}2024-05-01 WARN charge with ${stripe}\n`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(WHOLE_FILE_LIMIT);
    await commit({ "big.log": text, "logo.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) });

    const history = await scanPaths([repo], { fingerprintKey: KEY, git: true });
    expect(rows(history.findings)).toEqual([
      ["big.log", third + 1, "gitlab-pat", fingerprintSecret(gitlab, KEY), false],
      ["big.log", fillerLines + 2, "stripe-live-secret", fingerprintSecret(stripe, KEY), false],
    ]);
    // The same as a scan of the working tree, which streams the big file the same way.
    const tree = await scanPaths([repo], { fingerprintKey: KEY, workers: 0 });
    expect(rows(history.findings)).toEqual(rows(tree.findings));
    expect(history.skipped).toEqual([{ file: "logo.png", reason: "binary" }]);
    expect(history.stats.bytes).toBe(Buffer.byteLength(text));
  }, 60_000);

  test("a subfolder's history is only the subfolder's, named relative to it, and its .leashignore applies", async () => {
    const { repo, commit } = await makeRepo("mono");
    await commit({ "other/x.env": `STRIPE_KEY=${stripe}\n`, "sub/y.env": `GITLAB_TOKEN=${gitlab}\n` });
    await commit({ "sub/y.env": "GITLAB_TOKEN=${GITLAB_TOKEN}\n", "sub/tests/z.env": `NPM_TOKEN=${npm}\n`, "sub/.leashignore": "tests/\n" });

    const run = spawnSync("node", ["cli/leash.mjs", "scan", join(repo, "sub"), "--git", "--no-progress"], { encoding: "utf8", cwd: join(__dirname, "../..") });
    expect(run.status).toBe(1);
    const json = JSON.parse(run.stdout) as Array<{ file: string; detector: string; allowed?: boolean }>;
    expect(json.map((f) => [f.file, f.detector, f.allowed === true])).toEqual([
      ["tests/z.env", "npm-token", true],
      ["y.env", "gitlab-pat", false],
    ]);

    // Several paths: each its own history, named from their common parent as a working-tree scan names them.
    const both = await scanPaths([join(repo, "sub"), join(repo, "other/x.env")], { fingerprintKey: KEY, git: true });
    expect(both.findings.map((f) => [f.file, f.detector])).toEqual([
      ["other/x.env", "stripe-live-secret"],
      ["sub/tests/z.env", "npm-token"],
      ["sub/y.env", "gitlab-pat"],
    ]);
  }, 60_000);

  test("progress is reported as blobs are scanned, not only at the end", async () => {
    const { repo, commit } = await makeRepo("steps");
    for (let i = 0; i < 4; i++) await commit({ [`notes/${i}.md`]: `step ${i}\n`, "app.env": `GITLAB_TOKEN=${tokenOf("gitlab-pat", rng)}\n` });
    const seen: ScanProgress[] = [];
    const result = await scanPaths([repo], { fingerprintKey: KEY, git: true, onProgress: (p) => seen.push(p) });
    expect(result.stats.files).toBe(8);
    // One report per blob, then the final one; files and findings only grow.
    expect(seen.map((p) => p.files)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 8]);
    expect(seen.at(-1)?.findings).toBe(4);
    expect(seen.every((p, i) => i === 0 || p.findings >= (seen[i - 1]?.findings ?? 0))).toBe(true);
    expect(seen.some((p) => p.findings > 0 && p.findings < 4)).toBe(true);
  });
});
