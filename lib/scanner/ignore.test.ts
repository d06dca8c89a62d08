import { expect, test } from "vitest";
import { applyIgnore, globToRegex, parseIgnore } from "./ignore";
import type { Finding } from "./types";

const finding = (file: string, fingerprint: string, detector = "npm-token"): Finding => ({
  file, line: 1, column: 1, detector, kind: "api_token", provider: "npm", title: "t", confidence: "high",
  severity: "high", entropy: 4, preview: "npm_…abcd", fingerprint,
});

test("globs follow gitignore habits: bare names match anywhere, slashes anchor, ** crosses folders", () => {
  expect(globToRegex("*.md").test("docs/a/readme.md")).toBe(true);
  expect(globToRegex("docs/*.md").test("docs/a.md")).toBe(true);
  expect(globToRegex("docs/*.md").test("other/docs/a.md")).toBe(false);
  expect(globToRegex("fixtures/").test("src/fixtures/keys.txt")).toBe(true);
  expect(globToRegex("src/**/fixture.env").test("src/a/b/fixture.env")).toBe(true);
});

test("allowed findings are marked with the reason and kept, never dropped", () => {
  const rules = parseIgnore(["# accepted", "fixtures/", `fingerprint:${"ab".repeat(8)}`, "detector:jwt"].join("\n"));
  const findings = applyIgnore(
    [finding("src/fixtures/a.env", "1".repeat(64)), finding("src/app.ts", "ab".repeat(32)), finding("x.md", "2".repeat(64), "jwt"), finding("src/app.ts", "3".repeat(64))],
    rules,
  );
  expect(findings.map((f) => [f.allowed === true, f.allowReason])).toEqual([
    [true, ".leashignore: fixtures/"],
    [true, ".leashignore: fingerprint"],
    [true, ".leashignore: detector jwt"],
    [false, undefined],
  ]);
});
