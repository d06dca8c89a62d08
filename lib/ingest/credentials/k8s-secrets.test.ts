import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { dropSecretValues, parseK8sSecrets } from "./k8s-secrets";
import { bytesOf, collect, errorsOf, recordsOf, seededSecret } from "./test-support";

const fixture = readFileSync(new URL("./fixtures/k8s-secrets.json", import.meta.url), "utf8");
const yamlFixture = readFileSync(new URL("./fixtures/k8s-secrets.yaml", import.meta.url), "utf8");
const parse = async (text: string) => collect(parseK8sSecrets(bytesOf(text)));
const secret = (extra: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}) =>
  JSON.stringify({ kind: "Secret", type: "Opaque", ...extra, metadata: { name: "s", namespace: "ns", ...metadata } });

test("a List of secrets maps their metadata; the Helm release record is skipped", async () => {
  const items = await parse(fixture);
  expect(errorsOf(items)).toEqual([]);
  const [saToken, opaque, sshKey, ...rest] = recordsOf(items);
  expect(rest).toEqual([]);
  expect(saToken).toEqual({
    external_id: "ci/build-agent-token",
    provider: "kubernetes",
    kind: "api_token",
    name: "build-agent-token",
    account: "ci",
    public_id: "6d0b1c2a-3e4f-4a5b-8c9d-0e1f2a3b4c5d",
    created_at: "2024-03-05T11:22:33.000Z",
    expires_at: null,
    principal: "system:serviceaccount:ci:build-agent",
    tags: ["secret-type:kubernetes.io/service-account-token"],
    provenance: {
      provider: "source",
      kind: "source",
      name: "source",
      account: "source",
      public_id: "source",
      created_at: "source",
      expires_at: "source",
      principal: "source",
      tags: "source",
    },
  });
  expect(opaque).toMatchObject({
    external_id: "prod-billing/billing-db",
    kind: "other",
    account: "prod-billing",
    tags: ["secret-type:Opaque", "app=billing", "tier=db"],
  });
  expect(opaque).not.toHaveProperty("expires_at");
  expect(opaque).not.toHaveProperty("principal");
  expect(sshKey).toMatchObject({ external_id: "ci/git-deploy-key", kind: "ssh_key" });
  expect(items.map((i) => i.line)).toEqual([4, 21, 35]);
});

test("a single Secret (kubectl get secret x -o json) is one credential", async () => {
  expect(recordsOf(await parse(secret()))).toMatchObject([{ external_id: "ns/s", kind: "other" }]);
});

test.each([
  ["kubernetes.io/service-account-token", "api_token"],
  ["bootstrap.kubernetes.io/token", "api_token"],
  ["kubernetes.io/ssh-auth", "ssh_key"],
  ["kubernetes.io/basic-auth", "other"],
  ["kubernetes.io/dockerconfigjson", "other"],
  ["kubernetes.io/tls", "other"],
  ["example.com/custom", "other"],
])("type %s → kind %s", async (type, kind) => {
  expect(recordsOf(await parse(secret({ type })))[0]?.kind).toBe(kind);
});

const SA_TOKEN = { type: "kubernetes.io/service-account-token" };
const LAST_USED = "kubernetes.io/legacy-token-last-used";
const INVALID_SINCE = "kubernetes.io/legacy-token-invalid-since";

describe("legacy token tracking labels (Kubernetes 1.29+)", () => {
  test.each<[string, Record<string, unknown>, Record<string, string>, Record<string, unknown>]>([
    ["last use, as a day", SA_TOKEN, { [LAST_USED]: "2026-11-20" }, { last_used_at: "2026-11-20T00:00:00.000Z" }],
    ["invalidated: disabled, not revoked", SA_TOKEN, { [LAST_USED]: "2025-01-02", [INVALID_SINCE]: "2026-01-03" },
      { last_used_at: "2025-01-02T00:00:00.000Z", status: "disabled" }],
    ["neither label: use and status not stated", SA_TOKEN, { app: "x" }, { last_used_at: undefined, status: undefined }],
    ["on a secret that is not a service-account token: only tags", {}, { [LAST_USED]: "2026-11-20" },
      { last_used_at: undefined, tags: ["secret-type:Opaque", `${LAST_USED}=2026-11-20`] }],
  ])("%s", async (_label, extra, labels, expected) => {
    const items = await parse(secret(extra, { labels }));
    expect(errorsOf(items)).toEqual([]);
    const [record] = recordsOf(items);
    for (const [field, value] of Object.entries(expected)) expect(record?.[field as keyof typeof record]).toEqual(value);
  });

  test.each([LAST_USED, INVALID_SINCE])("a %s label that is not a date names the label", async (label) => {
    expect(errorsOf(await parse(secret(SA_TOKEN, { labels: { [label]: "yesterday" } })))).toEqual([
      { line: 1, item: 1, field: `metadata.labels.${label}`, reason: expect.stringMatching(/not an ISO 8601 date/) },
    ]);
  });
});

describe("kubectl -o yaml", () => {
  test("a List reads exactly as its -o json twin, each item on the line it starts", async () => {
    const items = await parse(yamlFixture);
    expect(errorsOf(items)).toEqual([]);
    expect(recordsOf(items)).toEqual(recordsOf(await parse(fixture)));
    expect(items.map((i) => i.line)).toEqual([3, 19, 36]);
  });

  const oneSecret = (name: string) =>
    `apiVersion: v1\ndata:\n  token: ZmFrZQ==\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: ns\ntype: Opaque\n`;
  test.each<[string, string, [number, string][]]>([
    ["one Secret", oneSecret("a"), [[1, "ns/a"]]],
    ["documents separated by ---", `${oneSecret("a")}---\n${oneSecret("b")}`, [[1, "ns/a"], [10, "ns/b"]]],
    ["leading comment and blank lines, CRLF", `# kubectl get secret a -o yaml\r\n\r\n${oneSecret("a").replaceAll("\n", "\r\n")}`, [[3, "ns/a"]]],
    ["an empty List", "apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: \"\"\n", []],
  ])("%s", async (_label, text, expected) => {
    const items = await parse(text);
    expect(errorsOf(items)).toEqual([]);
    expect(items.map((i) => [i.line, "record" in i ? i.record.external_id : ""])).toEqual(expected);
  });

  test("YAML that does not parse is a row error with its line, quoting nothing", async () => {
    const value = seededSecret(44);
    const items = await parse(`kind: Secret\nmetadata:\n  name: a\n   namespace: "${value}\n`);
    expect(errorsOf(items)).toEqual([{ line: expect.any(Number), reason: expect.stringMatching(/^not valid YAML \([A-Z_]+\)$/) }]);
    expect(JSON.stringify(items)).not.toContain(value);
  });

  test("data, stringData and last-applied-configuration never get through", async () => {
    const [a, b, c] = [seededSecret(45), seededSecret(46), seededSecret(47)];
    const text = yamlFixture
      .replaceAll("ZmFrZQ==", a)
      .replace("password: ", `stringData:\n    other: ${b}\n    password: `)
      .replace('{"apiVersion"', `{"c":"${c}","apiVersion"`);
    const out = JSON.stringify(await parse(text));
    expect(out).toContain("build-agent-token");
    for (const value of [a, b, c]) expect(out).not.toContain(value);
  });
});

describe("secret values never get through", () => {
  const values = [seededSecret(41), seededSecret(42), seededSecret(43)];
  const [a, b, c] = values as [string, string, string];

  test("the parse-time filter removes data, stringData and last-applied-configuration, nothing else", () => {
    const text = secret(
      { data: { token: a }, stringData: { password: b } },
      { labels: { app: "x" }, annotations: { "kubectl.kubernetes.io/last-applied-configuration": c, keep: "y" } },
    );
    expect(JSON.parse(text, dropSecretValues)).toEqual({
      kind: "Secret",
      type: "Opaque",
      metadata: { name: "s", namespace: "ns", labels: { app: "x" }, annotations: { keep: "y" } },
    });
  });

  const lastApplied = { "kubectl.kubernetes.io/last-applied-configuration": JSON.stringify({ data: { token: a } }) };
  test.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ["data", { data: { token: a } }, {}],
    ["stringData", { stringData: { password: a } }, {}],
    ["the last-applied-configuration annotation", {}, { annotations: lastApplied }],
    ["data of a malformed Secret with no metadata name", { data: { token: a } }, { name: undefined }],
  ])("%s", async (_label, extra, metadata) => {
    const items = await parse(secret(extra, metadata));
    expect(JSON.stringify(items)).not.toContain(a);
  });

  test("across a whole List", async () => {
    const list = JSON.parse(fixture) as { items: { data: Record<string, string> }[] };
    list.items.forEach((item, i) => {
      item.data = { token: values[i % 3] as string };
    });
    const out = JSON.stringify(await parse(JSON.stringify(list)));
    for (const value of [a, b, c]) expect(out).not.toContain(value);
  });
});

test("Secrets as large as the API server stores are read: a Helm release near 1 MiB does not stop the List", async () => {
  // A Secret holds up to 1 MiB of data, which kubectl prints base64-encoded, and up to 256 KiB of annotations.
  const release = "QUJD".repeat(Math.ceil((1 << 20) / 3));
  const big = JSON.parse(secret({ type: "helm.sh/release.v1", data: { release } }, { name: "sh.helm.release.v1.monitoring.v7" }));
  const bundle = release.slice(0, 190_000);
  const lastApplied = JSON.stringify({ data: { bundle } });
  const applied = JSON.parse(secret({ data: { bundle } }, { name: "ca-bundle", annotations: { "kubectl.kubernetes.io/last-applied-configuration": lastApplied } }));
  const items = await collect(parseK8sSecrets(bytesOf(JSON.stringify({ kind: "List", items: [big, applied, JSON.parse(secret())] }), 1 << 16)));
  expect(errorsOf(items)).toEqual([]);
  expect(recordsOf(items).map((r) => r.external_id)).toEqual(["ns/ca-bundle", "ns/s"]);
});

describe("row errors", () => {
  test.each([
    [secret({}, { name: undefined }), "metadata.name", /required/],
    [secret({}, { namespace: undefined }), "metadata.namespace", /required/],
    [secret({ kind: "ConfigMap" }), "kind", /expected a Secret/],
    [secret({ type: 7 }), "type", /expected a string/],
    [secret({}, { creationTimestamp: "2024-02-30T00:00:00Z" }), "metadata.creationTimestamp", /day 30/],
    [secret({}, { labels: { app: 1 } }), "metadata.labels", /expected an object of strings/],
  ])("%s", async (text, field, reason) => {
    expect(errorsOf(await parse(text))).toEqual([{ line: 1, item: 1, field, reason: expect.stringMatching(reason) }]);
  });

  test("the same namespace/name twice is a duplicate", async () => {
    expect(errorsOf(await parse(`[${secret()},\n${secret()}]`))).toEqual([
      { line: 2, item: 2, field: "metadata.name", reason: "duplicate id: already used on line 1, item 1" },
    ]);
  });
});
