import { DAY_MS, days, defineRule, fail, ms, noParameters, notApplicable, pass, shownAge } from "./helpers";
import { z } from "zod";

/** R21–R22: Leash's own evidence is complete and untampered. */

export const R21 = defineRule({
  id: "R21",
  title: "Agent-readable corpora are scanned regularly",
  severity: "medium",
  subject: "corpus",
  parameters: z.object({ maxAgeDays: days(7) }),
  controls: { soc2: ["CC7.2"], pci: ["8.6.2"], nist: ["DE.CM-09"] },
  remediation: "Scan the corpus now and schedule scans more often than the maximum age.",
  evaluate(corpus, ctx) {
    if (!corpus.agentReadable) return notApplicable("agent_readable=false");
    const scanned = ms(corpus.lastScannedAt);
    if (scanned === null) return fail("never scanned; agent_readable=true");
    const ageDays = (ctx.now.getTime() - scanned) / DAY_MS;
    const age = shownAge(ageDays, ctx.params.maxAgeDays);
    if (ageDays > ctx.params.maxAgeDays) return fail(`last scanned at ${corpus.lastScannedAt}: ${age} days > ${ctx.params.maxAgeDays}`);
    return pass(`last scanned at ${corpus.lastScannedAt}: ${age} days ago`);
  },
});

export const R22 = defineRule({
  id: "R22",
  title: "Leash's audit log chain verifies",
  severity: "critical",
  subject: "audit_log",
  parameters: noParameters,
  controls: { soc2: ["CC7.2"], pci: ["10.3"], nist: ["AU-9"] },
  remediation: "Investigate the first broken entry: restore the log from backup and find who changed it.",
  evaluate(log) {
    if (log.entries === 0) return notApplicable("the audit log has no entries yet");
    if (!log.verdict.ok) return fail(`chain broken at entry ${log.verdict.firstBrokenEntry}: ${log.verdict.reason}`);
    return pass(`${log.entries} entries verify`);
  },
});
