import type { Positive } from "./fakes";
import type { Rng } from "./prng";

/** One planted value in a document: a positive (labelled) or a decoy. */
export interface Item {
  name: string;
  value: string;
  multiline: boolean;
  positive?: Positive;
}

const FILLER = [
  "Deploys run from main after review.",
  "Ask in #infra before rotating anything.",
  "The staging database is refreshed nightly.",
  "See the runbook for the failover procedure.",
  "Agents can read this page.",
];

const esc = (v: string): string => JSON.stringify(v);
const html = (v: string): string => v.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export type Renderer = (items: Item[], rng: Rng) => string;

export const RENDERERS: Record<string, { path: (i: number) => string; render: Renderer }> = {
  env: {
    path: (i) => `services/svc-${i}/.env`,
    render: (items, rng) =>
      items.map((it) => (it.multiline ? `${it.name}=${esc(it.value)}` : rng.next() < 0.3 ? `export ${it.name}="${it.value}"` : `${it.name}=${it.value}`)).join("\n"),
  },
  python: {
    path: (i) => `src/app_${i}/settings.py`,
    render: (items) => ["import os", "", ...items.map((it) => (it.multiline ? `${it.name} = """${it.value}"""` : `${it.name} = "${it.value}"`))].join("\n"),
  },
  typescript: {
    path: (i) => `web/src/config-${i}.ts`,
    render: (items) => items.map((it) => (it.multiline ? `export const ${it.name} = \`${it.value}\`;` : `export const ${it.name} = "${it.value}";`)).join("\n"),
  },
  json: {
    path: (i) => `config/app-${i}.json`,
    render: (items) => JSON.stringify({ service: "billing", settings: Object.fromEntries(items.map((it, k) => [`${it.name}${k ? "" : ""}`, it.value])) }, null, 2),
  },
  yaml: {
    path: (i) => `deploy/values-${i}.yaml`,
    render: (items) =>
      ["env:", ...items.map((it) => (it.multiline ? `  ${it.name}: |\n${it.value.split("\n").map((l) => `    ${l}`).join("\n")}` : `  ${it.name}: ${esc(it.value)}`))].join("\n"),
  },
  toml: {
    path: (i) => `tools/tool-${i}.toml`,
    render: (items) => ["[service]", ...items.map((it) => (it.multiline ? `${it.name} = """\n${it.value}"""` : `${it.name} = ${esc(it.value)}`))].join("\n"),
  },
  k8s: {
    path: (i) => `k8s/secret-${i}.yaml`,
    render: (items) =>
      ["apiVersion: v1", "kind: Secret", "metadata:", "  name: app", "type: Opaque", "data:", ...items.map((it) => `  ${it.name}: ${Buffer.from(it.value).toString("base64")}`)].join("\n"),
  },
  slack: {
    path: (i) => `slack/eng-${i % 3}/2024-0${(i % 9) + 1}-1${i % 10}.json`,
    render: (items, rng) =>
      JSON.stringify(
        items.map((it, k) => ({
          type: "message",
          user: `U0${rng.int(1000, 9999)}`,
          ts: `17000${rng.int(10000, 99999)}.00${k}`,
          text: `${rng.pick(FILLER)} ${it.name}: ${it.value.replace(/&/g, "&amp;")}`,
        })),
        null,
        1,
      ).replace(/\//g, "\\/"),
  },
  markdown: {
    path: (i) => `notion/Runbook ${i}.md`,
    render: (items, rng) =>
      ["# Runbook", "", rng.pick(FILLER), "", ...items.map((it) => (it.multiline || rng.next() < 0.5 ? `\`\`\`bash\n${it.name}='${it.value}'\n\`\`\`` : `| ${it.name} | ${it.value} |`))].join("\n"),
  },
  html: {
    path: (i) => `confluence/page-${i}.html`,
    render: (items, rng) =>
      [
        "<html><body><h1>Service credentials</h1>",
        `<p>${rng.pick(FILLER)}</p>`,
        "<table>",
        ...items.map((it) => (it.multiline ? `</table><pre>${it.name}=${html(it.value)}</pre><table>` : `<tr><td>${it.name}</td><td><code>${html(it.value)}</code></td></tr>`)),
        "</table></body></html>",
      ].join("\n"),
  },
  notebook: {
    path: (i) => `notebooks/analysis-${i}.ipynb`,
    render: (items) =>
      JSON.stringify(
        {
          cells: items.map((it) => ({
            cell_type: "code",
            source: ["import os\n", ...`os.environ["${it.name}"] = ${it.multiline ? `"""${it.value}"""` : `"${it.value}"`}\n`.split(/(?<=\n)/)],
            outputs: [],
          })),
          metadata: {},
          nbformat: 4,
        },
        null,
        1,
      ),
  },
  csv: {
    path: (i) => `notion/Service secrets ${i}.csv`,
    render: (items, rng) =>
      ["Service,Variable,Value,Owner", ...items.map((it) => `${rng.pick(["billing", "search", "ci"])},${it.name},"${it.value.replace(/"/g, '""')}",@${rng.pick(["ana", "bo", "cy"])}`)].join("\n"),
  },
  transcript: {
    path: (i) => `agents/session-${i}.jsonl`,
    render: (items) =>
      items
        .map((it, k) => JSON.stringify({ type: k % 2 ? "tool_result" : "assistant", content: `$ cat .env\nNODE_ENV=production\n${it.name}=${it.value}\n` }))
        .join("\n"),
  },
  cilog: {
    path: (i) => `ci/build-${i}.log`,
    render: (items) => items.map((it, k) => `2024-05-01T12:00:0${k % 10}.000Z \u001b[32m[deploy]\u001b[0m ${it.name}=${it.value}`).join("\n"),
  },
};

export const FORMAT_NAMES = Object.keys(RENDERERS);
