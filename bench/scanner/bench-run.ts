import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { scanPaths } from "../../lib/scanner/scan";

/** Child process of the benchmark: scans DIR with one tool and prints one JSON line of figures. */
async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(join(e.parentPath ?? e.path, e.name));
  }
  return out.sort();
}

async function runLeash(dir: string): Promise<{ bytes: number; findings: number }> {
  const result = await scanPaths([dir], { fingerprintKey: "bench-key" });
  return { bytes: result.stats.bytes, findings: result.findings.length };
}

async function runSecretlint(dir: string, limitBytes: number): Promise<{ bytes: number; findings: number }> {
  const { createEngine } = await import("@secretlint/node");
  const engine = await createEngine({
    formatter: "json",
    color: false,
    maskSecrets: true,
    configFileJSON: { rules: [{ id: "@secretlint/secretlint-rule-preset-recommend" }] },
  });
  let bytes = 0;
  let findings = 0;
  for (const file of await listFiles(dir)) {
    if (bytes >= limitBytes) break;
    const size = (await stat(file)).size;
    const content = await readFile(file, "utf8");
    const res = await engine.executeOnContent({ content, filePath: file });
    bytes += size;
    const parsed = JSON.parse(res.output || "[]") as Array<{ messages?: unknown[] }>;
    findings += parsed.reduce((n, r) => n + (r.messages?.length ?? 0), 0);
  }
  return { bytes, findings };
}

const [tool, dir, limit] = process.argv.slice(2);
if (!tool || !dir) throw new Error("usage: bench-run.ts leash|secretlint DIR [limitBytes]");
const started = performance.now();
const r = tool === "leash" ? await runLeash(dir) : await runSecretlint(dir, Number(limit ?? Infinity));
const ms = performance.now() - started;
console.log(JSON.stringify({ tool, ...r, ms, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
