import type { Command } from "commander";
import { withDatabase } from "../database";

export function registerAudit(program: Command): void {
  const audit = program.command("audit").description("the hash-chained audit log");
  audit
    .command("verify")
    .description("walk the audit chain and name the first broken entry (exit 1 when broken)")
    .option("--json", "print the verdict as JSON")
    .action(async (options: { json?: boolean }) => {
      const { verifyAuditChain } = await import("../../lib/server/audit");
      const verdict = await withDatabase(() => verifyAuditChain());
      if (options.json) console.log(JSON.stringify(verdict));
      else if (verdict.ok) console.log(`Audit log verified: ${verdict.entries} entries, chain intact.`);
      else console.log(`Audit log BROKEN at entry ${verdict.brokenAt}: ${verdict.reason} (${verdict.entries} entries before it verify).`);
      if (!verdict.ok) process.exitCode = 1;
    });
}
