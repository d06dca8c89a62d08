import { describe, expect, test } from "vitest";
import { ed25519Pem, password, tokenOf } from "../../bench/scanner/fakes";
import { Rng } from "../../bench/scanner/prng";
import { fingerprintSecret } from "./fingerprint";
import { scanContent } from "./scan-file";

// Shapes found by a blind probe of agent transcripts and CI logs (bench/_logs is its scratch generator).
const KEY = "transcript-test-key";
const rng = new Rng(7070);
const token = (id: string): string => tokenOf(id, rng);
const fp = (v: string): string => fingerprintSecret(v, KEY);
const scan = (path: string, text: string) => scanContent(path, text, { fingerprintKey: KEY });
const b64 = (s: string): string => Buffer.from(s).toString("base64");
const ESC = "\u001b";

describe("a tool output that only looks like JSON is read as text", () => {
  const vault = token("vault-service");
  const pass = password(rng, 18);
  const cases: Array<[string, string]> = [
    ["a Node console.log of an object", `{\n  env: 'production',\n  apiKey: '${vault}',\n  db: { user: 'app', password: '${pass}' }\n}`],
    ["a Python dict repr", `{'api_key': '${vault}', 'db_password': '${pass}'}`],
    ["JSON lines with shell output between them", `{"step":"start"}\nexport VAULT_TOKEN=${vault}\nDB_PASSWORD=${pass}\n{"step":"done"}`],
  ];
  test.each(cases)("%s, as an OpenAI tool message", (_name, output) => {
    const doc = JSON.stringify({ messages: [{ role: "tool", tool_call_id: "call_1", content: output }] }, null, 2);
    const found = scan("agent-runs/run-1.json", doc).map((f) => f.fingerprint);
    expect(found).toContain(fp(vault));
    expect(found).toContain(fp(pass));
  });

  test("a real JSON string is still read as JSON, with its key path", () => {
    const line = JSON.stringify({ type: "function_call_output", output: JSON.stringify({ output: `VAULT_TOKEN=${vault}\n` }) });
    const [f] = scan("rollout.jsonl", line);
    expect(f?.fingerprint).toBe(fp(vault));
    expect(f?.context?.keyPath).toBe("output>output");
  });
});

describe("colour codes in chat histories", () => {
  const pypi = token("pypi-token");
  const pass = password(rng, 20);
  const cases: Array<[string, string, number]> = [
    ["Aider quotes tool output", `> ${ESC}[1mPYPI_TOKEN${ESC}[22m=${ESC}[32m${pypi}${ESC}[39m  \n> ${ESC}[1mDB_PASSWORD${ESC}[22m=${ESC}[32m${pass}${ESC}[39m  `, 3],
    ["SpecStory code block", "```\n" + `${ESC}[1mPYPI_TOKEN${ESC}[22m=${ESC}[32m${pypi}${ESC}[39m\n${ESC}[1mDB_PASSWORD${ESC}[22m=${ESC}[32m${pass}${ESC}[39m` + "\n```", 4],
  ];
  test.each(cases)("%s", (_name, body, line) => {
    const findings = scan("repo/.aider.chat.history.md", `#### run it\n\n${body}\n`);
    expect(findings.map((f) => [f.fingerprint, f.line])).toEqual([
      [fp(pypi), line],
      [fp(pass), line + 1],
    ]);
  });
});

describe("a Kubernetes Secret dumped among other text is decoded in place", () => {
  const key = ed25519Pem(rng);
  const registry = password(rng, 22);
  const dbPass = password(rng, 16);
  const dockerconfig = b64(JSON.stringify({ auths: { "ghcr.io": { auth: b64(`ci:${registry}`) } } }));
  const dump = ["apiVersion: v1", "items:", "- apiVersion: v1", "  data:", `    tls.key: ${b64(`${key.pem}\n`)}`, `    password: ${b64(dbPass)}`, "  kind: Secret", "- apiVersion: v1", "  data:", `    .dockerconfigjson: ${dockerconfig}`, "  kind: Secret"];
  const expected = (first: number, step: number): Array<[string, number]> => [
    [fp(key.body), first],
    [fp(dbPass), first + step],
    [fp(registry), first + 5 * step],
  ];

  test("in a chat history, quoted with `> `", () => {
    const text = ["#### show me the secret", "", "> Running kubectl get secret web-tls regcred -o yaml  ", ...dump.map((l) => `> ${l}  `)].join("\n");
    const found = scan("repo/.aider.chat.history.md", text).map((f): [string, number] => [f.fingerprint, f.line]);
    for (const e of expected(8, 1)) expect(found).toContainEqual(e);
  });

  test("in a CI log", () => {
    const found = scan("ci/job-1.log", ["$ kubectl get secret web-tls regcred -o yaml", ...dump, "Job succeeded"].join("\n")).map((f): [string, number] => [f.fingerprint, f.line]);
    for (const e of expected(6, 1)) expect(found).toContainEqual(e);
  });

  test("in a transcript's tool result, on the JSONL line", () => {
    const line = JSON.stringify({ type: "user", message: { content: [{ type: "tool_result", content: dump.join("\n") }] } });
    const found = scan("session.jsonl", `{"type":"summary"}\n${line}\n`).map((f): [string, number] => [f.fingerprint, f.line]);
    for (const e of expected(2, 0)) expect(found).toContainEqual(e);
  });

  test("a ConfigMap's data and a Secret's certificate are not reported", () => {
    const text = ["$ kubectl get cm,secret -o yaml", "apiVersion: v1", "data:", `  ca.crt: ${b64("-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ\n-----END CERTIFICATE-----\n")}`, "  LOG_LEVEL: info", "  REPLICAS: Mw==", "kind: Secret"].join("\n");
    expect(scan("ci/job-2.log", text)).toEqual([]);
  });
});

describe("a Fly.io token of several macaroons is one credential", () => {
  const part = (): string => token("flyio-macaroon");
  const a = part();
  const b = part();
  const c = part();
  const cases: Array<[string, string, string[]]> = [
    ["two parts", `FLY_API_TOKEN="FlyV1 ${a},${b}"`, [`${a},${b}`]],
    ["three parts in a set -x trace", `+ flyctl deploy --access-token 'FlyV1 ${a},${b},${c}'`, [`${a},${b},${c}`]],
    ["two tokens apart are two findings", `OLD_FLY_TOKEN=${a} NEW_FLY_TOKEN=${b}`, [a, b]],
  ];
  test.each(cases)("%s", (_name, line, secrets) => {
    expect(scan("ci/deploy.log", `${line}\n`).map((f) => f.fingerprint)).toEqual(secrets.map(fp));
  });
});
