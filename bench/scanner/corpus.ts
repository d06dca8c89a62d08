import { buildZip } from "./zip-writer";
import { allPositives, decoys, type Decoy } from "./catalogue";
import type { Positive } from "./fakes";
import { FORMAT_NAMES, type Item, RENDERERS } from "./formats";
import { Rng } from "./prng";

export interface Label {
  file: string;
  format: string;
  label: string;
  kind: string;
  secret: string;
}

export interface Corpus {
  files: Array<{ path: string; content: string | Buffer; format: string }>;
  labels: Label[];
  decoyCount: number;
}

/** Formats where a value is one line: multi-line keys go elsewhere (a k8s data value is base64, so any fits). */
const SINGLE_LINE_ONLY = new Set(["cilog", "transcript", "slack"]);

function toItem(p: Positive | Decoy): Item {
  if ("secret" in p) return { name: p.name, value: p.value, multiline: p.multiline === true, positive: p };
  return { name: p.name, value: p.value, multiline: p.multiline === true };
}

/**
 * A seeded labelled corpus: `rounds` passes over every format, each file holding a few positives and decoys.
 * Every token shape is planted at least once per round.
 */
export function buildCorpus(seed: number, rounds = 1): Corpus {
  const rng = new Rng(seed);
  const corpus: Corpus = { files: [], labels: [], decoyCount: 0 };
  let fileNo = 0;
  for (let r = 0; r < rounds; r++) {
    const positives = allPositives(rng);
    const pool = [...positives];
    const decoyPool = decoys(rng);
    while (pool.length) {
      const format = FORMAT_NAMES[fileNo % FORMAT_NAMES.length] ?? "env";
      const renderer = RENDERERS[format];
      if (!renderer) break;
      const items: Item[] = [];
      for (let k = 0; k < 4 && pool.length; k++) {
        const idx = pool.findIndex((p) => !(SINGLE_LINE_ONLY.has(format) && p.multiline));
        if (idx === -1) break;
        items.push(toItem(pool.splice(idx, 1)[0] as Positive));
      }
      for (let k = 0; k < 3; k++) {
        const d = rng.pick(decoyPool);
        if (SINGLE_LINE_ONLY.has(format) && d.multiline) continue;
        items.push(toItem(d));
        corpus.decoyCount++;
      }
      if (!items.some((i) => i.positive)) {
        fileNo++;
        continue;
      }
      const seen = new Map<string, number>();
      for (const it of items) {
        const n = (seen.get(it.name) ?? 0) + 1;
        seen.set(it.name, n);
        if (n > 1) it.name = `${it.name}_${n}`;
      }
      shuffle(items, rng);
      const path = renderer.path(fileNo);
      corpus.files.push({ path, content: renderer.render(items, rng), format });
      for (const it of items) if (it.positive) corpus.labels.push({ file: path, format, label: it.positive.label, kind: it.positive.kind, secret: it.positive.secret });
      fileNo++;
    }
  }
  addArchives(corpus, rng, fileNo);
  return corpus;
}

function shuffle<T>(items: T[], rng: Rng): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}

/** Docker config, kubeconfig and a zip archive: formats whose secrets are wrapped. */
function addArchives(corpus: Corpus, rng: Rng, n: number): void {
  const extra = allPositives(rng).filter((p) => !p.multiline);
  const dockerPass = extra.find((p) => p.label === "generic-password");
  if (dockerPass) {
    const path = `home/.docker/config.json`;
    const auth = Buffer.from(`deploy:${dockerPass.value}`).toString("base64");
    corpus.files.push({ path, format: "docker", content: JSON.stringify({ auths: { "registry.example.com": { auth } } }, null, 2) });
    corpus.labels.push({ file: path, format: "docker", label: dockerPass.label, kind: dockerPass.kind, secret: dockerPass.secret });
  }
  const token = extra.find((p) => p.label === "github-pat-classic");
  if (token) {
    const path = "home/.kube/config";
    corpus.files.push({ path, format: "kubeconfig", content: `apiVersion: v1\nkind: Config\nusers:\n- name: ci\n  user:\n    token: ${token.value}\n` });
    corpus.labels.push({ file: path, format: "kubeconfig", label: token.label, kind: token.kind, secret: token.secret });
  }
  const inner = extra.slice(0, 6);
  const envRenderer = RENDERERS.env;
  if (envRenderer && inner.length) {
    const path = `exports/backup-${n}.zip`;
    const content = envRenderer.render(inner.map((p) => ({ name: p.name, value: p.value, multiline: false })), rng);
    corpus.files.push({ path, format: "zip", content: buildZip([{ name: "app/.env", data: content }, { name: "README.md", data: "# backup\n" }]) });
    for (const p of inner) corpus.labels.push({ file: `${path}!app/.env`, format: "zip", label: p.label, kind: p.kind, secret: p.secret });
  }
}
