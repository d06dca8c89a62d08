import { readFileSync } from "node:fs";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { expect, test } from "vitest";
import { fromSpec, TOKEN_SPECS } from "../../bench/scanner/fakes";
import { Rng } from "../../bench/scanner/prng";
import { fingerprintSecret } from "./fingerprint";
import { toSarif } from "./report";
import type { Finding } from "./types";

// `leash scan --format sarif` is read by code-scanning UIs, which reject a log their schema refuses: the output is
// validated against the SARIF 2.1.0 schema (see schemas/SOURCE.md), not only for its version string.

function sarifValidator() {
  const schema = JSON.parse(readFileSync(new URL("./schemas/sarif-2.1.0-rtm.5.json", import.meta.url), "utf8")) as Record<string, unknown>;
  // Written for JSON Schema draft-04, whose keywords it uses are draft-07's too; only the root id changed spelling.
  const { $schema: _draft, id, ...rest } = schema;
  // Its `language` pattern has a stray `]`, an error under the `u` flag Ajv uses by default but a literal without it.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile({ ...rest, $id: String(id) });
}

const validate = sarifValidator();
const rng = new Rng(2101);

function finding(file: string, extra: Partial<Finding> = {}): Finding {
  const secret = fromSpec(TOKEN_SPECS.find((t) => t.id === "gitlab-pat")!, rng);
  return {
    file, line: 3, column: 7, detector: "gitlab-pat", kind: "api_token", provider: "gitlab", title: "GitLab personal access token",
    confidence: "high", severity: "critical", entropy: 4.5, preview: "glpat-…x9", fingerprint: fingerprintSecret(secret, "sarif-test-key"), ...extra,
  };
}

const errors = () => (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);

test("a log with findings, an allowed one, a public id and an archive entry is valid SARIF 2.1.0", () => {
  const log = JSON.parse(toSarif([
    finding(".env"),
    finding("docs/runbook.md", { allowed: true, allowReason: "inline leash:allow", severity: "low", publicId: "AKIAEXAMPLE" }),
    finding("exports/slack.zip!general/2024-01-05.json", { severity: "medium" }),
  ]));
  expect(validate(log), errors().join("\n")).toBe(true);
  expect(log.version).toBe("2.1.0");
});

test("an empty log is valid", () => {
  expect(validate(JSON.parse(toSarif([]))), errors().join("\n")).toBe(true);
});

test("file names that are no URI as written (spaces, %, #, non-ASCII, backslashes) become valid URI references", () => {
  const names = ["docs/Team notes/setup 2024.md", "100%/a#b?.env", "dossiers/clés.env", "C:\\work\\.env"];
  const log = JSON.parse(toSarif(names.map((n) => finding(n))));
  expect(validate(log), errors().join("\n")).toBe(true);
  const uris = log.runs[0].results.map((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => r.locations[0]!.physicalLocation.artifactLocation.uri);
  expect(uris.map((u: string) => decodeURIComponent(u))).toEqual(names);
});

test("the validator refuses a log that breaks the schema, so the tests above can fail", () => {
  const log = JSON.parse(toSarif([finding(".env")]));
  log.runs[0].results[0].level = "fatal";
  delete log.runs[0].tool.driver.name;
  expect(validate(log)).toBe(false);
  expect(errors().length).toBeGreaterThanOrEqual(2);
});
