// Sums the test runners' JSON reports into the one closing line CI reads: "N passed, N failed".
import { existsSync, readFileSync } from "node:fs";

const reports = {
  vitest: ".reports/vitest.json",
  playwright: ".reports/e2e.json",
  audit: ".reports/audit.json",
};

let passed = 0;
let failed = 0;
let missing = false;

if (existsSync(reports.vitest)) {
  const r = JSON.parse(readFileSync(reports.vitest, "utf8"));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  console.log(`vitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
} else {
  console.log("vitest: no report (did not run)");
  missing = true;
}

if (existsSync(reports.playwright)) {
  const s = JSON.parse(readFileSync(reports.playwright, "utf8")).stats;
  const bad = s.unexpected + s.flaky;
  passed += s.expected;
  failed += bad;
  console.log(`playwright: ${s.expected} passed, ${bad} failed, ${s.skipped} skipped`);
} else {
  console.log("playwright: no report (did not run)");
  missing = true;
}

// The dependency audit counts as one check when the advisory service answered (see .ci/audit.mjs).
if (existsSync(reports.audit)) {
  const a = JSON.parse(readFileSync(reports.audit, "utf8"));
  passed += a.passed;
  failed += a.failed;
  console.log(`npm audit: ${a.failed ? "high or critical advisories" : "no high or critical advisories"}`);
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || missing ? 1 : 0);
