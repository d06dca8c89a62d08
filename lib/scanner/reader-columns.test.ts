import { describe, expect, test } from "vitest";
import { fromSpec, TOKEN_SPECS } from "../../bench/scanner/fakes";
import { Rng } from "../../bench/scanner/prng";
import { fingerprintSecret } from "./fingerprint";
import { scanContent } from "./scan-file";

/**
 * Readers that decode before scanning (entities, tags, JSON escapes, Markdown escapes, colour codes) must still
 * report where the secret's first character sits in the file, not in the decoded text. Each expected position is
 * found by searching the raw file for the secret as it is written there.
 */
const KEY = "reader-columns-key";
const rng = new Rng(5150);
const stripeSpec = TOKEN_SPECS.find((t) => t.id === "stripe-live-secret");
if (!stripeSpec) throw new Error("stripe-live-secret spec");
const ESC = "\u001b";

interface Row {
  format: string;
  path: string;
  /** The file text around the secret. */
  file: (secret: string) => string;
  /** How the file writes the secret, when it escapes it. */
  written?: (secret: string) => string;
}

const notebook = (secret: string): string =>
  JSON.stringify(
    {
      cells: [
        { cell_type: "markdown", metadata: {}, source: ["# Setup\n", "Load the \"billing\" client.\n"] },
        { cell_type: "code", metadata: {}, outputs: [], source: ["import os\n", `os.environ[\"PAYMENTS\"] = \"x\"; stripe_key = \"${secret}\"\n`] },
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );

const ROWS: Row[] = [
  {
    format: "HTML, tags and entities before the secret",
    path: "docs/setup.html",
    file: (s) => `<html><body>\n<div class="note"><p>Tom &amp; Jerry&nbsp;use <b>this</b>: <code>${s}</code></p></div>\n</body></html>`,
  },
  {
    format: "HTML, a table row with attributes",
    path: "confluence/page.html",
    file: (s) =>
      `<table>\n<tr><td class="confluenceTd" data-x="1">Payments &lt;prod&gt;</td><td class="confluenceTd"><span style="color: red">${s}</span></td></tr>\n</table>`,
  },
  {
    format: "Slack day file, escaped URL and entities",
    path: "export/general/2024-01-05.json",
    file: (s) =>
      JSON.stringify([{ type: "message", user: "U1", ts: "1704412800.000100", text: `see https://example.com/a/b/c &amp; <https://x.io/y|y> key ${s}` }], null, 2).replace(/\//g, "\\/"),
  },
  {
    format: "JSONL transcript, escaped quotes and newlines",
    path: "agent/session.jsonl",
    file: (s) =>
      [JSON.stringify({ type: "user", text: "hi" }), JSON.stringify({ type: "tool_result", content: `line one\n"quoted" \t key=${s}` })].join("\n"),
  },
  {
    format: "Markdown with escapes",
    path: "notes/export.md",
    file: (s) => `# Notes\n\nThe \\*billing\\* \\[prod\\] key is sk\\_${s.slice(3).replace(/_/g, "\\_")} \\(rotate\\)\n`,
    written: (s) => s.replace(/_/g, "\\_"),
  },
  { format: "Jupyter notebook", path: "analysis/billing.ipynb", file: notebook },
  {
    format: "ANSI-coloured CI log",
    path: "ci/build.log",
    file: (s) => `${ESC}[32mINFO${ESC}[0m ${ESC}[1mstep${ESC}[0m deploy\n${ESC}[33mWARN${ESC}[0m ${ESC}[1mSTRIPE_KEY=${ESC}[0m${s} leaked\n`,
  },
];

/** Quoted values whose escapes their readers decode. */
const QUOTED: Row[] = [
  { format: ".env double-quoted value with escapes", path: "app/.env", file: (s) => `A=1\nexport STRIPE="x\\ty \\"z\\"\\n${s}" # rotated\n` },
  { format: ".env quoted value over several lines", path: "app/.env.local", file: (s) => `A=1\nSTRIPE="note \\"rotated\\"\nthen \\t the key ${s}"\nB=2\n` },
  { format: "YAML double-quoted scalar with escapes", path: "config/app.yaml", file: (s) => `a: 1\nbilling:\n  stripe: "x\\ty \\u00e9 \\"z\\" ${s}"\n` },
  { format: "YAML single-quoted scalar with quotes", path: "config/app.yml", file: (s) => `billing:\n  stripe: 'it''s ''live'' ${s}'\n` },
];

/** Values whose text a reader finds inside another decoded value: placed through both decodings. */
const NESTED: Row[] = [
  {
    format: "JSON document inside a JSONL string",
    path: "agent/tools.jsonl",
    file: (s) => JSON.stringify({ type: "tool_result", output: JSON.stringify({ env: { note: "a\tb \"c\"", STRIPE_KEY: s } }) }),
  },
  {
    format: "Markdown table with escapes",
    path: "notes/keys.md",
    file: (s) => `# Keys\n\n| Service \\| env | Secret |\n|---|---|\n| billing \\_prod | ${s.replace(/_/g, "\\_")} |\n`,
    written: (s) => s.replace(/_/g, "\\_"),
  },
  {
    format: "Slack message with a table",
    path: "export/ops/2024-02-01.json",
    file: (s) => JSON.stringify([{ type: "message", user: "U2", ts: "1706745600.000200", text: `Rotated &amp; noted:\n| name | value |\n|---|---|\n| stripe | ${s} |` }], null, 2),
  },
];

/**
 * A base64-wrapped value keeps no character where the file writes it: its findings point at the start of the encoded
 * value, which the raw text holds as written.
 */
const ENCODED: Row[] = [
  {
    format: "Kubernetes Secret quoted in a JSONL tool output",
    path: "agent/kubectl.jsonl",
    file: (s) =>
      JSON.stringify({
        type: "tool_result",
        output: `$ kubectl get secret billing -o yaml\n\u001b[1mapiVersion: v1\u001b[0m\nkind: Secret\ndata:\n  STRIPE_KEY: ${Buffer.from(s).toString("base64")}\n`,
      }),
    written: (s) => Buffer.from(s).toString("base64"),
  },
  {
    format: "Kubernetes Secret pasted in a coloured log",
    path: "ci/deploy.log",
    file: (s) => `${ESC}[2mapiVersion: v1${ESC}[0m\nkind: Secret\ndata:\n  ${ESC}[0mSTRIPE_KEY: ${Buffer.from(s).toString("base64")}\n`,
    written: (s) => Buffer.from(s).toString("base64"),
  },
];

function positionOf(text: string, needle: string): { line: number; column: number } {
  const at = text.indexOf(needle);
  if (at === -1) throw new Error("the secret is not written in the file");
  const before = text.slice(0, at);
  return { line: before.split("\n").length, column: at - before.lastIndexOf("\n") };
}

describe("decoding readers report the secret's real line and column", () => {
  test.each([...ROWS, ...QUOTED, ...NESTED, ...ENCODED].map((row) => [row.format, row] as const))("%s", (_format, row) => {
    const secret = fromSpec(stripeSpec, rng);
    const text = row.file(secret);
    const expected = positionOf(text, row.written ? row.written(secret) : secret);
    const found = scanContent(row.path, text, { fingerprintKey: KEY }).filter((f) => f.fingerprint === fingerprintSecret(secret, KEY));
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) expect({ line: f.line, column: f.column }).toEqual(expected);
  });
});
