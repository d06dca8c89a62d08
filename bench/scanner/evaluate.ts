import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fingerprintSecret } from "../../lib/scanner/fingerprint";
import type { Finding } from "../../lib/scanner/types";
import type { Corpus } from "./corpus";

export async function writeCorpus(dir: string, corpus: Corpus): Promise<void> {
  for (const f of corpus.files) {
    const path = join(dir, f.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, f.content);
  }
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

function score(tp: number, fp: number, fn: number): Score {
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, precision, recall, f1 };
}

export interface Evaluation {
  overall: Score;
  byKind: Record<string, Score>;
  byFormat: Record<string, Score>;
  /** Labels that were missed and findings that matched no label (previews only, never values). */
  missed: Array<{ file: string; label: string }>;
  falseAlarms: Array<{ file: string; line: number; detector: string; preview: string }>;
}

/** Precision/recall by (file, fingerprint): one secret counted once per file, whatever its line. */
export function evaluate(corpus: Corpus, findings: Finding[], key: string | Uint8Array): Evaluation {
  const labelled = new Map<string, (typeof corpus.labels)[number]>();
  for (const l of corpus.labels) labelled.set(`${l.file}|${fingerprintSecret(l.secret, key)}`, l);
  const formatOf = new Map(corpus.files.map((f) => [f.path, f.format]));
  const found = new Map<string, Finding>();
  for (const f of findings) found.set(`${f.file}|${f.fingerprint}`, f);
  const tally = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (k: string, field: "tp" | "fp" | "fn"): void => {
    const t = tally.get(k) ?? { tp: 0, fp: 0, fn: 0 };
    t[field]++;
    tally.set(k, t);
  };
  const evaluation: Evaluation = { overall: score(0, 0, 0), byKind: {}, byFormat: {}, missed: [], falseAlarms: [] };
  let tp = 0, fp = 0, fn = 0;
  for (const [k, l] of labelled) {
    const hit = found.has(k);
    if (hit) tp++;
    else {
      fn++;
      evaluation.missed.push({ file: l.file, label: l.label });
    }
    bump(`kind:${l.kind}`, hit ? "tp" : "fn");
    bump(`format:${l.format}`, hit ? "tp" : "fn");
  }
  for (const [k, f] of found) {
    if (labelled.has(k)) continue;
    fp++;
    evaluation.falseAlarms.push({ file: f.file, line: f.line, detector: f.detector, preview: f.preview });
    bump(`kind:${f.kind}`, "fp");
    bump(`format:${formatOf.get(f.file.split("!")[0] ?? f.file) ?? "?"}`, "fp");
  }
  evaluation.overall = score(tp, fp, fn);
  for (const [k, t] of tally) {
    const [axis, name = ""] = k.split(":");
    (axis === "kind" ? evaluation.byKind : evaluation.byFormat)[name] = score(t.tp, t.fp, t.fn);
  }
  return evaluation;
}
