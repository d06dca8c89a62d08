import { describe, expect, test } from "vitest";
import { decoys } from "../../bench/scanner/catalogue";
import { RENDERERS } from "../../bench/scanner/formats";
import { Rng } from "../../bench/scanner/prng";
import { scanContent } from "./scan-file";
import { isDigest, isEncryptedContainer, isIdentifier, isMasked, isPlaceholder, isPublicByDesign, isReference } from "./suppress";

const KEY = "decoy-test-key";

describe("decoy taxonomy: nothing here is a secret", () => {
  const rng = new Rng(99);
  const all = decoys(rng);

  test("the taxonomy covers every family the issue names", () => {
    expect(new Set(all.map((d) => d.category))).toEqual(
      new Set(["placeholder", "reference", "example", "masked", "hash", "identifier", "encrypted", "public", "truncated", "prose"]),
    );
  });

  for (const format of ["env", "python", "json", "yaml", "markdown", "html", "slack", "notebook", "transcript"]) {
    test(`no decoy is reported in ${format}`, () => {
      const renderer = RENDERERS[format];
      if (!renderer) throw new Error(format);
      const items = all.filter((d) => !(format === "slack" || format === "transcript") || !d.multiline);
      const content = renderer.render(items.map((d) => ({ name: d.name, value: d.value, multiline: d.multiline === true })), rng);
      const findings = scanContent(renderer.path(1), content, { fingerprintKey: KEY });
      expect(findings.map((f) => `${f.detector} ${f.preview} line ${f.line}`)).toEqual([]);
    });
  }
});

describe("suppression predicates", () => {
  test("placeholders and references", () => {
    expect(isPlaceholder("YOUR_API_KEY")).toBe(true);
    expect(isPlaceholder("<token>")).toBe(true);
    expect(isPlaceholder("xxxxxxxx")).toBe(true);
    expect(isPlaceholder("changeme")).toBe(true);
    expect(isPlaceholder("q8Vf2LmZr0Tx")).toBe(false);
    expect(isReference("${VAR}")).toBe(true);
    expect(isReference("{{ secrets.X }}")).toBe(true);
    expect(isReference("process.env.X")).toBe(true);
    expect(isReference("q8Vf2LmZr0Tx")).toBe(false);
  });

  test("masks, digests, identifiers, containers, public values", () => {
    expect(isMasked("sk_live_****1234")).toBe(true);
    expect(isMasked("abcd1234efgh")).toBe(false);
    expect(isDigest("sha256:" + "ab".repeat(32))).toBe(true);
    expect(isDigest("ab".repeat(20), "commit")).toBe(true);
    expect(isDigest("ab".repeat(20), "api_secret")).toBe(false);
    expect(isIdentifier("0f8fad5b-d9cb-469f-a165-70867728950e", "request_id")).toBe(true);
    expect(isIdentifier("0f8fad5b-d9cb-469f-a165-70867728950e", "api_token")).toBe(false);
    expect(isEncryptedContainer("ENC[AES256_GCM,data:abc,iv:x]")).toBe(true);
    expect(isEncryptedContainer("plain")).toBe(false);
    expect(isPublicByDesign("pk_live_abc")).toBe(true);
    expect(isPublicByDesign("ssh-ed25519 AAAAC3")).toBe(true);
    expect(isPublicByDesign("rk_live_abc")).toBe(false);
  });

  test("a secret in a test folder is reported with lower severity, not silenced", () => {
    const rng = new Rng(5);
    const value = ["sk", "_live_"].join("") + rng.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 30);
    const [prod] = scanContent("src/billing.ts", `const k = "${value}";`, { fingerprintKey: KEY });
    const [inTest] = scanContent("src/__tests__/billing.test.ts", `const k = "${value}";`, { fingerprintKey: KEY });
    expect(prod?.severity).toBe("high");
    expect(inTest?.severity).toBe("medium");
    expect(inTest?.inTestPath).toBe(true);
  });
});

describe("code that names secrets without holding one", () => {
  const lines = [
    `readonly name: "authjs.csrf-token" | "__Host-authjs.csrf-token";`,
    `this.credentials = e.credentials || this.credentials || "same-origin";`,
    `password: getEnv("GEL_PASSWORD"),`,
    `const X_AWS_EC2_METADATA_TOKEN = "x-aws-ec2-metadata-token";`,
    `nextLastSignificantToken = "?NonExpressionParenEnd";`,
    `if (segment === _segment.DEFAULT_SEGMENT_KEY || key === "use-credentials") {}`,
    `const password = parsedURL.password`,
    `password: hashedPassword,`,
    // Built from pieces so that no scanner flags this file itself.
    `const config = parse('${["postgres://someuser", "somepassword@somehost:381/somedatabase"].join(":")}')`,
    `url.parse("${["https://anonymous", "flabada@developer.mozilla.org/en-US/docs/Web/API/URL/password"].join(":")}")`,
    `implementation: https://github.com/cloudflare/workerd/blob/${"4aae9f4c7ae30a59a88ca868c4aff88bda85c956"}/src`,
  ];
  for (const path of ["src/server.ts", "docs/api.md"]) {
    test(`none of them is reported in ${path}`, () => {
      const findings = scanContent(path, lines.join("\n"), { fingerprintKey: KEY });
      expect(findings.map((f) => `${f.detector} line ${f.line}`)).toEqual([]);
    });
  }
});

test("a bare UUID or hex value beside an identifier name is not its provider's token", () => {
  const r = new Rng(515);
  const id = () => [8, 4, 4, 4, 12].map((n) => r.chars("0123456789abcdef", n)).join("-");
  const text = [`RAILWAY_PROJECT_ID=${id()}`, `HEROKU_APP_ID: ${id()}`, `railway environment id = ${id()}`, `DATADOG_ORG_UUID=${r.chars("0123456789abcdef", 32)}`].join("\n");
  expect(scanContent("deploy/.env", text, { fingerprintKey: KEY }).map((f) => f.detector)).toEqual([]);
  expect(scanContent("deploy/.env", `RAILWAY_TOKEN=${id()}`, { fingerprintKey: KEY }).map((f) => f.detector)).toEqual(["railway-token"]);
});

test("an inventory CSV (kinds, timestamps, fingerprints) holds no secret", () => {
  const r = new Rng(616);
  const csv = [
    "external_id,name,kind,created_at,last_review_at,fingerprint,secret",
    `inv-1,"Deploy token, billing",api_token,2026-01-05T09:00:00+02:00,2026-01-10T12:00:00Z,${r.chars("0123456789abcdef", 64)},`,
  ].join("\n");
  expect(scanContent("inventory/credentials.csv", csv, { fingerprintKey: KEY }).map((f) => `${f.detector} ${f.column}`)).toEqual([]);
});
