import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ed25519Pem, fromSpec, password, TOKEN_SPECS } from "../../bench/scanner/fakes";
import { Rng } from "../../bench/scanner/prng";
import { fingerprintSecret } from "./fingerprint";
import { readEnv } from "./readers/env";
import { readNotebook, readSlackDay } from "./readers/json";
import { scanContent, scanFile, skipReason } from "./scan-file";

const KEY = "reader-test-key";
const rng = new Rng(2024);
const spec = (id: string) => {
  const s = TOKEN_SPECS.find((t) => t.id === id);
  if (!s) throw new Error(id);
  return s;
};
const stripe = () => fromSpec(spec("stripe-live-secret"), rng);
const fp = (v: string) => fingerprintSecret(v, KEY);
const scan = (path: string, text: string) => scanContent(path, text, { fingerprintKey: KEY });

describe(".env", () => {
  test("quotes, export, comments and escaped newlines keep true lines", () => {
    const a = stripe();
    const b = stripe();
    const key = ed25519Pem(rng);
    const text = [`# ${"comment"}`, `export STRIPE_A="${a}"`, `STRIPE_B='${b}' # rotated`, `TLS_KEY="${key.pem.replace(/\n/g, "\\n")}"`].join("\n");
    const findings = scan("app/.env", text);
    expect(findings.map((f) => [f.fingerprint, f.line])).toEqual([
      [fp(a), 2],
      [fp(b), 3],
      [fp(key.body), 4],
    ]);
    expect(findings[0]?.column).toBe(18);
    expect(findings[0]?.context?.keyPath).toBe("STRIPE_A");
  });

  test("a multi-line double-quoted value is one value", () => {
    const segs = readEnv(`A=1\nPEM="line1\nline2"\nB=2`);
    expect(segs.map((s) => [s.key, s.text, s.line])).toEqual([
      ["A", "1", 1],
      ["PEM", "line1\nline2", 2],
      ["B", "2", 4],
    ]);
  });
});

describe("structured documents", () => {
  test("JSON reports key paths and the value's line", () => {
    const a = stripe();
    const text = JSON.stringify({ billing: { providers: [{ name: "stripe", secret: a }] } }, null, 2);
    const [f] = scan("config/app.json", text);
    expect(f?.fingerprint).toBe(fp(a));
    expect(f?.context?.keyPath).toBe("billing.providers[0].secret");
    expect(f?.line).toBe(6);
  });

  test("Kubernetes Secret data is base64-decoded; stringData is read as is; sealed secrets are skipped", () => {
    const pw = password(new Rng(31), 20);
    const sealed = rng.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 120);
    const yaml = [
      "apiVersion: v1",
      "kind: Secret",
      "data:",
      `  DB_PASSWORD: ${Buffer.from(pw).toString("base64")}`,
      "---",
      "kind: SealedSecret",
      "spec:",
      "  encryptedData:",
      `    DB_PASSWORD: Ag${sealed}`,
    ].join("\n");
    const findings = scan("k8s/secret.yaml", yaml);
    expect(findings.map((f) => [f.fingerprint, f.line, f.context?.keyPath])).toEqual([[fp(pw), 4, "data.DB_PASSWORD"]]);
  });

  test("YAML comments keep true lines and key paths; a key in a comment, also inside a block scalar, is found", () => {
    const [live, old, scripted] = [stripe(), stripe(), stripe()];
    const yaml = [
      "# Billing settings",
      "billing:",
      "  # rotated 2026-01; the old one was:",
      `  # key: ${old}`,
      `  key: ${live}`,
      "  script: |",
      "    echo deploying",
      `    # STRIPE_KEY=${scripted}`,
      "    make deploy",
      "  region: eu # where it runs",
    ].join("\n");
    const findings = scan("deploy/values.yaml", yaml).sort((a, b) => a.line - b.line);
    expect(findings.map((f) => [f.fingerprint, f.line, f.context?.keyPath])).toEqual([
      [fp(old), 4, undefined],
      [fp(live), 5, "billing.key"],
      [fp(scripted), 8, undefined],
    ]);
  });

  test("docker config.json auth and kubeconfig client-key-data are decoded", () => {
    const pw = password(new Rng(32), 24);
    const docker = JSON.stringify({ auths: { "registry.example.com": { auth: Buffer.from(`ci:${pw}`).toString("base64") } } });
    expect(scan(".docker/config.json", docker).map((f) => f.fingerprint)).toEqual([fp(pw)]);
    const key = ed25519Pem(rng);
    const kube = `users:\n- name: admin\n  user:\n    client-key-data: ${Buffer.from(key.pem).toString("base64")}\n`;
    const [f] = scan("home/.kube/config", kube);
    expect([f?.detector, f?.line, f?.fingerprint]).toEqual(["private-key", 4, fp(key.body)]);
  });

  test("TOML sections give key paths", () => {
    const a = stripe();
    const [f] = scan("pyproject.toml", `[tool.billing]\nkey = "${a}"\n`);
    expect([f?.line, f?.context?.keyPath]).toEqual([2, "tool.billing.key"]);
  });
});

describe("workspace exports", () => {
  test("Slack day files: text and blocks, \\/ and &amp; unescaped, one finding per message", () => {
    const hook = fromSpec(spec("slack-webhook"), rng);
    const msg = { type: "message", user: "U024BE7LH", ts: "1700000000.000100", text: `new hook ${hook}`, blocks: [{ type: "rich_text", elements: [{ type: "rich_text_section", elements: [{ type: "text", text: `new hook ${hook}` }] }] }] };
    const raw = JSON.stringify([msg], null, 1).replace(/\//g, "\\/");
    const findings = scan("export/deploys/2024-03-01.json", raw);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.fingerprint).toBe(fp(hook));
    expect(findings[0]?.context).toMatchObject({ channel: "deploys", messageTs: "1700000000.000100", user: "U024BE7LH" });
    const segs = readSlackDay(JSON.stringify([{ ts: "1", text: "a &amp; b &lt;x&gt;" }]), "c") ?? [];
    expect(segs[0]?.text).toBe("a & b <x>");
  });

  test("HTML pages: inline scripts are read as code, and a tag's URLs and named values as text, on their lines", () => {
    // Its own generator, so the cases around it keep the values they draw.
    const r = new Rng(2031);
    const b62 = (n: number) => r.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", n);
    const live = fromSpec(spec("stripe-live-secret"), r);
    const [pw, inputKey, dataKey, hook] = [`Xq${b62(14)}42`, b62(32), b62(40), `https://hooks.slack.com/services/T${b62(10).toUpperCase()}/B${b62(10).toUpperCase()}/${b62(24)}`];
    const html = [
      `<html><head><style>.a { background: url(data:image/png;base64,${b62(60)}) }</style>`,
      `<script>`,
      `  const STRIPE_SECRET = "${live}";`,
      `  var config = { password: "${pw}" };`,
      `</script></head><body class="c-${b62(12)}" id="${b62(16)}">`,
      `<form><input type="hidden" name="api_key" value="${inputKey}"></form>`,
      `<div data-api-key="${dataKey}" data-hash="${b62(40)}">x</div>`,
      `<p>Alerts go to <a href="${hook.replace(/&/g, "&amp;")}">#ops</a></p>`,
      `<meta name="ajs-atl-token" content="${b62(40)}"><meta name="csrf-token" content="${b62(40)}">`,
      `</body></html>`,
    ].join("\n");
    expect(scan("site/index.html", html).map((f) => [f.line, f.detector, f.fingerprint === fp(f.line === 3 ? live : f.line === 4 ? pw : f.line === 6 ? inputKey : f.line === 7 ? dataKey : hook)])).toEqual([
      [3, "stripe-live-secret", true],
      [4, "generic-secret-assignment", true],
      [6, "generic-secret-assignment", true],
      [7, "generic-secret-assignment", true],
      [8, "slack-webhook", true],
    ]);
  });

  test("Confluence HTML: entities decoded, tables read as name: value, lines kept", () => {
    const sas = rng.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 43);
    const url = `https://acct.blob.core.windows.net/c?sv=2022-11-02&amp;se=2030-01-01&amp;sig=${sas}%3D`;
    const html = `<html>\n<body>\n<table><tr><td>DATADOG_API_KEY</td><td>${rng.chars("0123456789abcdef", 32)}</td></tr></table>\n<p>${url}</p>\n</body></html>`;
    const findings = scan("confluence/ops.html", html);
    expect(findings.map((f) => [f.detector, f.line])).toEqual([
      ["datadog-api-key", 3],
      ["azure-sas-token", 4],
    ]);
    expect(findings[1]?.fingerprint).toBe(fp(`${sas}%3D`));
  });

  test("Notion Markdown code blocks and Jupyter cells report their lines", () => {
    const a = stripe();
    expect(scan("notion/Deploy.md", `# Deploy\n\n\`\`\`bash\nexport STRIPE_KEY=${a}\n\`\`\`\n`)[0]?.line).toBe(4);
    const nb = JSON.stringify({ cells: [{ cell_type: "markdown", source: ["# x\n"] }, { cell_type: "code", source: ["import stripe\n", `stripe.api_key = "${a}"\n`] }] }, null, 1);
    const [f] = scan("analysis.ipynb", nb);
    expect([f?.fingerprint, f?.context?.cell]).toEqual([fp(a), 1]);
    expect(nb.split("\n")[(f?.line ?? 0) - 1]).toContain("stripe.api_key");
  });

  test("JSONL transcripts decode escaped tool output; CI logs drop ANSI codes", () => {
    const a = stripe();
    const jsonl = `${JSON.stringify({ role: "user", content: "hi" })}\n${JSON.stringify({ role: "tool", content: `$ cat .env\nSTRIPE=${a}\n` })}\n`;
    expect(scan("agents/run.jsonl", jsonl).map((f) => [f.fingerprint, f.line])).toEqual([[fp(a), 2]]);
    const log = `\u001b[32m[deploy]\u001b[0m starting\n\u001b[33mSTRIPE=${a}\u001b[0m\n`;
    expect(scan("ci/build.log", log).map((f) => f.line)).toEqual([2]);
  });
});

describe("skipping and streaming", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "leash-readers-"));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  test("binary and lock files are skipped", async () => {
    expect(skipReason("package-lock.json")).toBe("lock-file");
    expect(skipReason("x/yarn.lock")).toBe("lock-file");
    expect(skipReason(".yarn/releases/yarn-4.16.0.cjs")).toBe("lock-file");
    expect(skipReason("web/.yarn/plugins/@yarnpkg/plugin-workspace-tools.cjs")).toBe("lock-file");
    expect(skipReason(".yarn/scripts/deploy.js")).toBeUndefined();
    expect(skipReason("logo.png")).toBe("binary");
    await writeFile(join(dir, "blob.dat2"), Buffer.from([1, 0, 2, 3]));
    expect(await scanFile(join(dir, "blob.dat2"), "blob.dat2", { fingerprintKey: KEY })).toBe("binary");
  });

  test("a notebook's displayed pictures and PDFs are bytes, not read; its text outputs and SVG are", () => {
    const r = new Rng(2034);
    const [png, pdf, svg, plain] = [r.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 64), r.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 64), `<svg><text>${r.chars("abcdef", 8)}</text></svg>`, `<Figure ${r.int(1, 99)}>`];
    const nb = JSON.stringify({ cells: [{ cell_type: "code", metadata: {}, source: ["plot()"], outputs: [{ output_type: "display_data", metadata: {}, data: { "image/png": png, "application/pdf": [pdf], "image/svg+xml": [svg], "text/plain": [plain] } }] }], metadata: {}, nbformat: 4, nbformat_minor: 5 });
    const texts = (readNotebook(nb) ?? []).map((seg) => seg.text);
    expect(texts.filter((t) => t.includes(png) || t.includes(pdf))).toEqual([]);
    expect(texts).toEqual(expect.arrayContaining([svg, plain, "plot()"]));
  });

  test("a notebook with a plot of megabytes embedded is read as a notebook; the image under `data` is no Secret (its base64 check overflowed the regex stack)", async () => {
    // Its own generator, so the cases around it keep the values they draw.
    const r = new Rng(2033);
    const pw = password(r, 20);
    // ~12 MB of base64 under `outputs[0].data.image/png`: a `data` path, as a Kubernetes Secret's would be.
    const png = Buffer.alloc(9 * 1024 * 1024, 0x5a).toString("base64");
    const nb = JSON.stringify({ cells: [{ cell_type: "code", execution_count: 1, id: "a", metadata: {}, outputs: [{ data: { "image/png": png, "text/plain": ["<Figure>"] }, metadata: {}, output_type: "display_data" }], source: ["import os\n", `DB_PASSWORD = "${pw}"\n`, "plot()"] }], metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1);
    await writeFile(join(dir, "plots.ipynb"), nb);
    const result = await scanFile(join(dir, "plots.ipynb"), "plots.ipynb", { fingerprintKey: KEY });
    expect(Array.isArray(result) && result.map((f) => [f.fingerprint, f.line, f.context?.cell])).toEqual([[fp(pw), nb.split("\n").findIndex((l) => l.includes("DB_PASSWORD")) + 1, 0]]);
  });

  test("a large file streams in chunks and a token across a chunk boundary is still found on its true line", async () => {
    const a = stripe();
    const filler = "lorem ipsum dolor sit amet\n";
    const lines = Math.ceil((17 * 1024 * 1024) / filler.length);
    // Put the secret where the 2 MB chunk boundary falls, and a second one near the end.
    const before = Math.floor((2 * 1024 * 1024 + 64 * 1024) / filler.length);
    const text = filler.repeat(before) + `key=${a}\n` + filler.repeat(lines - before) + `key2=${a}\n`;
    await writeFile(join(dir, "big.txt"), text);
    const result = await scanFile(join(dir, "big.txt"), "big.txt", { fingerprintKey: KEY });
    expect(Array.isArray(result) && result.map((f) => [f.fingerprint, f.line])).toEqual([
      [fp(a), before + 1],
      [fp(a), lines + 2],
    ]);
  });
});

describe("how people actually write secrets down", () => {
  test("prose, Confluence code macros, empty-user Redis URLs", () => {
    const r = new Rng(808);
    const pw = password(r, 18);
    const railway = [8, 4, 4, 4, 12].map((n) => r.chars("0123456789abcdef", n)).join("-");
    const slack = JSON.stringify([{ ts: "1.1", text: `the prod db password for billing is ${pw}` }, { ts: "1.2", text: `new railway token for prod: ${railway}` }]);
    expect(scan("slack/ops/2024-02-02.json", slack).map((f) => [f.fingerprint, f.context?.messageTs])).toEqual([
      [fp(pw), "1.1"],
      [fp(railway), "1.2"],
    ]);
    const macro = `<ac:structured-macro ac:name="code"><ac:plain-text-body><![CDATA[export STRIPE_KEY=${stripe()}]]></ac:plain-text-body></ac:structured-macro>`;
    expect(scan("confluence/p.html", macro).map((f) => f.detector)).toEqual(["stripe-live-secret"]);
    expect(scan("notes.md", `cache: redis://:${pw}@cache.internal:6379/0`).map((f) => f.fingerprint)).toEqual([fp(pw)]);
  });
});

test("CSV exports: a cell is named by its column header, quoted cells may span lines", () => {
  const r = new Rng(909);
  const pw = password(r, 16);
  const csv = `Name,Login,Password,Notes\nbilling db,admin,${pw},"rotated\nlast week"\nwiki,bot,,\n`;
  const findings = scan("notion/Credentials 1a2b.csv", csv);
  expect(findings.map((f) => [f.fingerprint, f.line, f.column, f.context?.keyPath])).toEqual([[fp(pw), 2, 18, "[1].Password"]]);
});

test("XML elements read as name and value", () => {
  const r = new Rng(910);
  const pw = password(r, 16);
  expect(scan("conf/app.config", `<config>\n  <password>${pw}</password>\n</config>`).map((f) => [f.fingerprint, f.line])).toEqual([[fp(pw), 2]]);
});

test("Notion Markdown escapes (`\\_`) are undone before detection", () => {
  const a = stripe();
  const escaped = a.replace(/_/g, "\\_");
  expect(scan("notion/Keys 9f2.md", `Billing key: ${escaped}\n`).map((f) => f.fingerprint)).toEqual([fp(a)]);
});

test("a private key pasted into comments or a quote block still parses", () => {
  const key = ed25519Pem(new Rng(1001));
  const commented = key.pem.split("\n").map((l) => `# ${l}`).join("\n");
  const quoted = key.pem.split("\n").map((l) => `> ${l}`).join("\n");
  expect(scan("deploy/notes.py", `x = 1\n${commented}\n`).map((f) => [f.fingerprint, f.line])).toEqual([[fp(key.body), 2]]);
  expect(scan("notion/Keys.md", quoted).map((f) => f.fingerprint)).toEqual([fp(key.body)]);
});

describe("blind format-reader probe 2", () => {
  // Its own generator, so the cases above keep the values they draw.
  const r = new Rng(2032);
  const tok = (id: string) => fromSpec(spec(id), r);

  test("a Slack day file inside an export zip is named by its channel folder, not the archive", () => {
    const a = tok("stripe-live-secret");
    const day = JSON.stringify([{ type: "message", user: "U024BE7LH", text: `key: ${a}`, ts: "1704067200.000100" }], null, 4);
    const [f] = scan("exports/Acme Slack export.zip!deploys/2024-01-01.json", day);
    expect([f?.fingerprint, f?.context?.channel, f?.context?.messageTs]).toEqual([fp(a), "deploys", "1704067200.000100"]);
  });

  test("a notebook cell reports its secret once, on the source line, though nbformat writes outputs first", () => {
    const a = tok("anthropic-api-key");
    const b = tok("stripe-test-secret");
    const printed = tok("huggingface-token");
    // nbformat: sort_keys=True, indent=1 — a cell's "outputs" come before its "source".
    const cell = (n: number, source: string[], outputs: unknown[]) => ({ cell_type: "code", execution_count: n, id: `c${n}`, metadata: {}, outputs, source });
    const nb = JSON.stringify(
      {
        cells: [
          cell(1, ["import anthropic\n", `client = anthropic.Anthropic(api_key="${a}")`], [
            { ename: "AuthenticationError", evalue: "401", output_type: "error", traceback: [`\u001b[0;32m----> 2\u001b[0m client \u001b[38;5;241m=\u001b[39m anthropic\u001b[38;5;241m.\u001b[39mAnthropic(api_key\u001b[38;5;241m=\u001b[39m\u001b[38;5;124m"\u001b[39m\u001b[38;5;124m${a}\u001b[39m\u001b[38;5;124m"\u001b[39m)`] },
          ]),
          cell(2, [`keys = pd.DataFrame({"key": ["${b}"]})\n`, "keys"], [
            { data: { "text/html": ["<table>\n", `<td>${b}</td>\n`, "</table>"], "text/plain": [`  key\n`, `0 ${b}`] }, execution_count: 2, metadata: {}, output_type: "execute_result" },
          ]),
          cell(3, ["from huggingface_hub import login\n", "login()"], [{ name: "stdout", output_type: "stream", text: [`Logging in with token ${printed}\n`] }]),
          cell(4, [`client = anthropic.Anthropic(api_key="${a}")`], []),
        ],
        metadata: {},
        nbformat: 4,
        nbformat_minor: 5,
      },
      null,
      1,
    );
    const lines = nb.split("\n");
    const sourceLine = (cellIndex: number, needle: string) => {
      const start = lines.findIndex((l) => l.includes(`"id": "c${cellIndex}"`));
      return lines.findIndex((l, i) => i > start && l.includes(needle)) + 1;
    };
    const findings = scan("analysis.ipynb", nb);
    expect(findings.map((f) => [f.fingerprint, f.line, f.context?.cell])).toEqual([
      [fp(a), sourceLine(1, "api_key="), 0],
      [fp(b), sourceLine(2, "pd.DataFrame"), 1],
      [fp(printed), lines.findIndex((l) => l.includes("Logging in")) + 1, 2],
      [fp(a), sourceLine(4, "api_key="), 3],
    ]);
  });

  test("a JSON document in a YAML scalar is read as JSON: last-applied-configuration's copy of `data` is decoded", () => {
    const pw = password(r, 20);
    const enc = Buffer.from(pw).toString("base64");
    const applied = JSON.stringify({ apiVersion: "v1", data: { password: enc }, kind: "Secret", metadata: { name: "db" }, type: "Opaque" });
    const yaml = `apiVersion: v1\ndata:\n  password: ${enc}\nkind: Secret\nmetadata:\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: |\n      ${applied}\n  name: db\ntype: Opaque\n`;
    expect(scan("k8s/db-secret.yaml", yaml).map((f) => [f.fingerprint, f.line])).toEqual([
      [fp(pw), 3],
      [fp(pw), 8],
    ]);
  });
});
