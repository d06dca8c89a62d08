import { expect, test } from "vitest";
import { buildCorpus } from "../../bench/scanner/corpus";
import { measureQuality } from "../../bench/scanner/quality";

test("the labelled corpus plants every token shape in every reader format, with decoys", () => {
  const corpus = buildCorpus(11, 1);
  expect(new Set(corpus.files.map((f) => f.format))).toEqual(
    new Set(["env", "python", "typescript", "json", "yaml", "toml", "k8s", "slack", "markdown", "html", "notebook", "csv", "transcript", "cilog", "docker", "kubeconfig", "zip"]),
  );
  expect(corpus.labels.length).toBeGreaterThan(150);
  expect(corpus.decoyCount).toBeGreaterThan(100);
  // Same seed, same corpus: figures are comparable run to run.
  expect(buildCorpus(11, 1).labels).toEqual(corpus.labels);
});

test("precision and recall are at least 0.95 on a generated corpus", async () => {
  const e = await measureQuality(11, 1);
  expect(e.overall.precision, JSON.stringify(e.falseAlarms)).toBeGreaterThanOrEqual(0.95);
  expect(e.overall.recall, JSON.stringify(e.missed)).toBeGreaterThanOrEqual(0.95);
  expect(e.overall.tp).toBeGreaterThan(150);
});
