import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildCorpus } from "./corpus";
import { writeCorpus } from "./evaluate";

/**
 * secretlint (recommended preset) on the same labelled corpus, matched by file and line (±2, since it has no
 * fingerprint). Labels whose value is not written verbatim (base64-wrapped, zipped) count as missed for it.
 * `node cli/run-ts.mjs bench/scanner/compare.ts [seed] [rounds]`
 */
export async function secretlintQuality(seed = 7, rounds = 3): Promise<{ precision: number; recall: number; tp: number; fp: number; fn: number }> {
  const corpus = buildCorpus(seed, rounds);
  const dir = await mkdtemp(join(tmpdir(), "leash-compare-"));
  try {
    await writeCorpus(dir, corpus);
    const { createEngine } = await import("@secretlint/node");
    const engine = await createEngine({ formatter: "json", color: false, maskSecrets: true, configFileJSON: { rules: [{ id: "@secretlint/secretlint-rule-preset-recommend" }] } });
    const labelLines = new Map<string, number[]>();
    for (const l of corpus.labels) {
      const file = corpus.files.find((f) => f.path === l.file);
      if (!file || typeof file.content !== "string") continue;
      const at = file.content.indexOf(l.secret.slice(0, 16));
      if (at === -1) continue;
      const line = file.content.slice(0, at).split("\n").length;
      labelLines.set(l.file, [...(labelLines.get(l.file) ?? []), line]);
    }
    let tp = 0, fp = 0;
    const hit = new Set<string>();
    for (const f of corpus.files) {
      if (typeof f.content !== "string") continue;
      const res = await engine.executeOnContent({ content: await readFile(join(dir, f.path), "utf8"), filePath: join(dir, f.path) });
      const parsed = JSON.parse(res.output || "[]") as Array<{ messages?: Array<{ loc?: { start?: { line?: number } } }> }>;
      const lines = labelLines.get(f.path) ?? [];
      for (const m of parsed.flatMap((r) => r.messages ?? [])) {
        const line = m.loc?.start?.line ?? 0;
        const label = lines.find((l) => Math.abs(l - line) <= 2);
        if (label === undefined) fp++;
        else if (!hit.has(`${f.path}:${label}`)) {
          hit.add(`${f.path}:${label}`);
          tp++;
        }
      }
    }
    const fn = corpus.labels.length - tp;
    return { precision: tp / Math.max(1, tp + fp), recall: tp / corpus.labels.length, tp, fp, fn };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith("run-ts.mjs") && process.env.npm_lifecycle_event !== "bench" && !process.env.LEASH_BENCH_IMPORTED) {
  const r = await secretlintQuality(Number(process.argv[2] ?? 7), Number(process.argv[3] ?? 3));
  console.log(`secretlint precision ${(r.precision * 100).toFixed(1)}% recall ${(r.recall * 100).toFixed(1)}% (tp ${r.tp}, fp ${r.fp}, fn ${r.fn})`);
}
