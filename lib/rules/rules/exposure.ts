import { z } from "zod";
import { HOUR_MS, deadReason, defineRule, describeField, fail, ms, noParameters, notApplicable, pass, shownAge } from "./helpers";

/** R12–R14: secrets that sit where they can be read, above all where agents read. */

export const R12 = defineRule({
  id: "R12",
  title: "Exposed credentials are no longer active",
  severity: "critical",
  subject: "credential",
  parameters: noParameters,
  controls: { soc2: ["CC6.1", "CC6.6", "CC7.2"], pci: ["8.6.2", "8.6.3"], nist: ["IA-5(7)"] },
  remediation: "Revoke or rotate the exposed credential at the provider, then remove the secret from where it was found.",
  evaluate(c, ctx) {
    const { unresolved, inAgentReadableCorpora } = ctx.exposures;
    if (unresolved === 0) return notApplicable("no unresolved secret finding matches this credential");
    const found = `${unresolved} unresolved finding(s), ${inAgentReadableCorpora} in agent-readable corpora`;
    const dead = deadReason(c, ctx.now);
    if (dead) return pass(`${found}; credential can no longer authenticate (${dead})`);
    return fail(`${found}; still active (${describeField(c, "revoked_at")}; ${describeField(c, "status")})`);
  },
});

export const R13 = defineRule({
  id: "R13",
  title: "No secrets in corpora agents read",
  severity: "high",
  // A corpus, not a credential: the finding counts whether or not it matches a known credential.
  subject: "corpus",
  parameters: noParameters,
  controls: { soc2: ["CC6.1", "CC6.6"], pci: ["8.6.2"], nist: ["IA-5(7)"], iso: ["A.5.17"] },
  remediation: "Remove the secret from the corpus (and its history), rotate it, and keep secrets in a vault agents query with scoped tokens.",
  evaluate(corpus) {
    if (!corpus.agentReadable) return notApplicable("agent_readable=false");
    if (corpus.lastScannedAt === null) return notApplicable("never scanned (R21 covers the missing scan)");
    if (corpus.unresolvedFindings > 0) return fail(`${corpus.unresolvedFindings} unresolved secret finding(s); agent_readable=true`);
    return pass(`no unresolved secret finding as of scan at ${corpus.lastScannedAt}`);
  },
});

export const R14 = defineRule({
  id: "R14",
  title: "Exposed credentials are revoked or rotated within the SLA",
  severity: "high",
  subject: "credential",
  parameters: z.object({ slaHours: z.number().positive().default(24) }),
  controls: { soc2: ["CC7.2"], pci: ["8.6.3"] },
  remediation: "Revoke or rotate the credential at the provider and record revoked_at or last_rotated_at.",
  evaluate(c, ctx) {
    const detected = ms(ctx.exposures.firstDetectedAt);
    if (ctx.exposures.unresolved === 0 || detected === null) return notApplicable("no unresolved exposure of this credential");
    const deadline = detected + ctx.params.slaHours * HOUR_MS;
    const sla = `first detected at ${ctx.exposures.firstDetectedAt}, SLA ${ctx.params.slaHours} h`;
    // An expiry that has come is as final as a revocation: a short-lived key that runs out inside the SLA needs
    // neither, and a key that had stopped working before its secret was found had nothing left to fix.
    const revoked = ms(c.revoked_at);
    const expires = ms(c.expires_at);
    const expired = expires !== null && expires <= ctx.now.getTime() ? expires : null;
    const stopped = [revoked, expired].filter((t): t is number => t !== null);
    if (stopped.length && Math.min(...stopped) < detected) {
      const why = revoked !== null && revoked < detected ? `revoked_at=${c.revoked_at}` : `expired at ${c.expires_at}`;
      return pass(`${sla}; could no longer authenticate when found (${why})`);
    }
    const fixes = [
      { at: revoked, what: "revoked or rotated" },
      { at: ms(c.last_rotated_at), what: "revoked or rotated" },
      { at: expired, what: "expired" },
    ].filter((f): f is { at: number; what: string } => f.at !== null && f.at >= detected);
    const fix = fixes.length ? fixes.reduce((a, b) => (b.at < a.at ? b : a)) : null;
    if (fix && fix.at <= deadline) return pass(`${sla}; ${fix.what} at ${new Date(fix.at).toISOString()}`);
    if (fix) return fail(`${sla}; ${fix.what} late, at ${new Date(fix.at).toISOString()}`);
    const elapsed = shownAge((ctx.now.getTime() - detected) / HOUR_MS, ctx.params.slaHours);
    if (ctx.now.getTime() <= deadline) return pass(`${sla}; ${elapsed} h elapsed, still within the SLA`);
    const dead = deadReason(c, ctx.now);
    if (dead) return fail(`${sla}; ${dead}, but not since when, so not shown to be within the SLA`);
    return fail(`${sla}; neither revoked nor rotated after ${elapsed} h`);
  },
});
