// `npm audit --omit=dev`: no high or critical advisory may reach production dependencies. Writes
// .reports/audit.json for the summary. When the registry's advisory service cannot be reached, says so plainly and
// records nothing: an unreachable check is neither a pass nor a failure.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";

const run = spawnSync("npm", ["audit", "--omit=dev", "--json"], { encoding: "utf8" });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  report = null;
}
const counts = report?.metadata?.vulnerabilities;
if (!counts) {
  const reason = (report?.message ?? report?.error?.summary ?? run.stderr ?? "no output").split("\n")[0];
  console.log(`npm audit: NOT CHECKED — the advisory service could not be reached (${reason})`);
  process.exit(0);
}
const serious = (counts.high ?? 0) + (counts.critical ?? 0);
console.log(`npm audit --omit=dev: ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low`);
if (serious > 0) {
  for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) {
    if (v.severity === "high" || v.severity === "critical") console.log(`  ${v.severity}: ${name} ${v.range ?? ""}`);
  }
}
mkdirSync(".reports", { recursive: true });
writeFileSync(".reports/audit.json", JSON.stringify({ passed: serious === 0 ? 1 : 0, failed: serious > 0 ? 1 : 0, counts }));
