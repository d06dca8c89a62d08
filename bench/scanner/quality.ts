import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { scanPaths } from "../../lib/scanner/scan";
import { buildCorpus } from "./corpus";
import { evaluate, writeCorpus } from "./evaluate";

/** `node cli/run-ts.mjs bench/scanner/quality.ts [seed] [rounds]`: precision/recall per kind and format. */
export async function measureQuality(seed = 7, rounds = 3): Promise<ReturnType<typeof evaluate>> {
  const corpus = buildCorpus(seed, rounds);
  const dir = await mkdtemp(join(tmpdir(), "leash-quality-"));
  try {
    await writeCorpus(dir, corpus);
    const key = "quality-key";
    const result = await scanPaths([dir], { fingerprintKey: key, workers: 0 });
    return evaluate(corpus, result.findings, key);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const pct = (n: number): string => `${(n * 100).toFixed(1)}%`;

if (process.argv[1]?.endsWith("run-ts.mjs") && process.env.npm_lifecycle_event !== "bench" && !process.env.LEASH_BENCH_IMPORTED) {
  const e = await measureQuality(Number(process.argv[2] ?? 7), Number(process.argv[3] ?? 3));
  const o = e.overall;
  console.log(`overall precision ${pct(o.precision)} recall ${pct(o.recall)} F1 ${pct(o.f1)} (tp ${o.tp}, fp ${o.fp}, fn ${o.fn})`);
  for (const [axis, table] of [["kind", e.byKind], ["format", e.byFormat]] as const) {
    for (const [name, s] of Object.entries(table).sort()) console.log(`${axis.padEnd(7)} ${name.padEnd(20)} P ${pct(s.precision).padStart(6)} R ${pct(s.recall).padStart(6)} F1 ${pct(s.f1).padStart(6)}`);
  }
  for (const m of e.missed.slice(0, 40)) console.log(`missed  ${m.label} in ${m.file}`);
  for (const f of e.falseAlarms.slice(0, 40)) console.log(`false   ${f.detector} ${f.preview} at ${f.file}:${f.line}`);
}
