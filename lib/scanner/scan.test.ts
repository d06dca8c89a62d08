import { execFileSync, spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fromSpec, TOKEN_SPECS } from "../../bench/scanner/fakes";
import { Rng } from "../../bench/scanner/prng";
import { buildZip } from "../../bench/scanner/zip-writer";
import { fingerprintSecret } from "./fingerprint";
import { parseIgnore } from "./ignore";
import { groupExposures, toJson, toSarif, toTable } from "./report";
import { scanPaths } from "./scan";
import { ZIP_LIMITS } from "./zip";

const KEY = "scan-test-key";
const rng = new Rng(77);
const token = (id: string) => fromSpec(TOKEN_SPECS.find((t) => t.id === id) ?? TOKEN_SPECS[0]!, rng);
const stripeA = token("stripe-live-secret");
const npm = token("npm-token");
const gitlab = token("gitlab-pat");
let root = "";

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "leash-scan-"));
  await mkdir(join(root, "svc/tests"), { recursive: true });
  await writeFile(join(root, "svc/.env"), `STRIPE_KEY=${stripeA}\nNPM_TOKEN=${npm} # leash:allow rotated 2024-05\n`);
  await writeFile(join(root, "svc/README.md"), `Use this key: ${stripeA}\n`);
  await writeFile(join(root, "svc/tests/fixture.txt"), `key=${gitlab}\n`);
  await writeFile(join(root, ".leashignore"), "# accepted\nsvc/tests/\n");
  await writeFile(join(root, "package-lock.json"), `{"x": "${token("github-pat-classic")}"}`);
  const evil = buildZip([
    { name: "docs/.env", data: `GITLAB=${gitlab}\n` },
    { name: "../escape.env", data: `GITLAB=${gitlab}\n` },
    { name: "bomb.txt", data: "0".repeat(ZIP_LIMITS.maxEntryBytes + 10) },
  ]);
  await writeFile(join(root, "backup.zip"), evil);
});
afterAll(async () => rm(root, { recursive: true, force: true }));

describe("scanPaths", () => {
  test("walks a tree, reads zips safely, skips lock files, marks allowed findings", async () => {
    const result = await scanPaths([root], { fingerprintKey: KEY, workers: 0, ignore: parseIgnore("svc/tests/\n") });
    const rows = result.findings.map((f) => [f.file, f.line, f.detector, f.allowed === true]);
    expect(rows).toEqual([
      ["backup.zip!docs/.env", 1, "gitlab-pat", false],
      ["svc/.env", 1, "stripe-live-secret", false],
      ["svc/.env", 2, "npm-token", true],
      ["svc/README.md", 1, "stripe-live-secret", false],
      ["svc/tests/fixture.txt", 1, "gitlab-pat", true],
    ]);
    expect(result.skipped.map((s) => [s.file, s.reason]).sort()).toEqual([
      ["backup.zip!../escape.env", "path escape"],
      ["backup.zip!bomb.txt", "size limit"],
      ["package-lock.json", "lock-file"],
    ]);
  });

  test("the worker pool gives the same findings as the in-process scan", async () => {
    const inline = await scanPaths([root], { fingerprintKey: KEY, workers: 0 });
    const pooled = await scanPaths([root], { fingerprintKey: KEY, workers: 2 });
    expect(pooled.findings).toEqual(inline.findings);
    expect(pooled.stats.files).toBe(inline.stats.files);
  });

  test("git history: a secret deleted from the tree is still found once, with its commit", async () => {
    const repo = join(root, "repo");
    await mkdir(repo);
    const git = (...args: string[]) => execFileSync("git", ["-C", repo, "-c", "user.name=t", "-c", "user.email=t@e", ...args], { stdio: "pipe" }).toString().trim();
    git("init", "-q");
    await writeFile(join(repo, "app.env"), `STRIPE=${stripeA}\n`);
    git("add", ".");
    git("commit", "-qm", "add");
    const first = git("rev-parse", "HEAD");
    await writeFile(join(repo, "app.env"), "STRIPE=${STRIPE}\n");
    await writeFile(join(repo, "copy.env"), `# copied\nSTRIPE=${stripeA}\n`);
    git("add", ".");
    git("commit", "-qm", "remove");
    const result = await scanPaths([repo], { fingerprintKey: KEY, git: true });
    expect(result.findings.map((f) => [f.file, f.context?.commit === first])).toEqual([
      ["app.env", true],
      ["copy.env", false],
    ]);
  });
});

describe("output", () => {
  test("JSON, SARIF and table never contain the secret; exposures group locations", async () => {
    const result = await scanPaths([join(root, "svc")], { fingerprintKey: KEY, workers: 0 });
    const outputs = [toJson(result.findings), toSarif(result.findings), toTable(result.findings)];
    // Booleans, so a failure never prints a value.
    for (const out of outputs) for (const secret of [stripeA, npm, gitlab]) expect(out.includes(secret)).toBe(false);
    const stripeExposure = groupExposures(result.findings).find((e) => e.fingerprint === fingerprintSecret(stripeA, KEY));
    expect(stripeExposure?.locations.map((l) => l.file)).toEqual([".env", "README.md"]);
    const json = JSON.parse(outputs[0] ?? "[]") as Array<{ file: string; exposureLocations: number }>;
    expect(json[0]).toMatchObject({ file: ".env", exposureLocations: 2 });
    const sarif = JSON.parse(outputs[1] ?? "{}") as { version: string; runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { region: { startLine: number } } }> }> }> };
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0]?.results.map((r) => [r.ruleId, r.locations[0]?.physicalLocation.region.startLine])).toEqual([
      ["stripe-live-secret", 1],
      ["npm-token", 2],
      ["stripe-live-secret", 1],
      ["gitlab-pat", 1],
    ]);
    expect(outputs[2]).toContain("4 finding(s), 3 distinct secret(s), 1 allowed.");
  });

  test("the table shows an archive entry's control characters instead of sending them to the terminal", async () => {
    const dir = await mkdtemp(join(tmpdir(), "leash-scan-names-"));
    await writeFile(join(dir, "export.zip"), buildZip([{ name: "\u001b[2J\u001b]0;pwned\u0007.env", data: `GITLAB=${gitlab}\n` }]));
    const table = toTable((await scanPaths([dir], { fingerprintKey: KEY, workers: 0 })).findings);
    await rm(dir, { recursive: true, force: true });
    expect(table).toContain("export.zip!\\x1b[2J\\x1b]0;pwned\\x07.env:1:");
    expect(/[\u0000-\u0009\u000b-\u001f]/.test(table)).toBe(false);
  });
});

describe("leash scan CLI", () => {
  const run = (...args: string[]) => spawnSync("node", ["cli/leash.mjs", "scan", ...args], { encoding: "utf8", cwd: join(__dirname, "../..") });

  test("exit 1 with findings (JSON relative to root), 0 when clean, 2 on error or --upload", async () => {
    const clean = join(root, "clean");
    await mkdir(clean);
    await writeFile(join(clean, "a.txt"), "nothing to see\n");
    await writeFile(join(root, "key.bin"), "k".repeat(32));
    const dirty = run(join(root, "svc"), "--workers", "0", "--fingerprint-key", join(root, "key.bin"));
    expect(dirty.status).toBe(1);
    const parsed = JSON.parse(dirty.stdout) as Array<{ file: string; fingerprint: string }>;
    expect(parsed.map((f) => f.file)).toEqual([".env", ".env", "README.md", "tests/fixture.txt"]);
    expect(parsed[0]?.fingerprint).toBe(fingerprintSecret(stripeA, "k".repeat(32)));
    expect(dirty.stderr).not.toContain("random per-run key");
    const ok = run(clean, "--workers", "0");
    expect([ok.status, ok.stdout.trim()]).toEqual([0, "[]"]);
    expect(ok.stderr).toContain("random per-run key");
    expect(run(join(root, "missing")).status).toBe(2);
    const upload = run(clean, "--upload", "--server", "http://x", "--token", "t", "--corpus", "c");
    expect([upload.status, upload.stderr.includes("--upload needs --fingerprint-key")]).toEqual([2, true]);
  });
});
