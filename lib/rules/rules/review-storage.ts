import { z } from "zod";
import { storageSchema } from "@/lib/domain/credential";
import { DAY_MS, days, deadReason, defineRule, describeField, fail, ms, notApplicable, pass, shownAge, slugList } from "./helpers";

/** R19–R20: non-human credentials are reviewed by someone else, and stored where secrets belong. */

export const R19 = defineRule({
  id: "R19",
  title: "Agent and service credentials are reviewed independently",
  severity: "medium",
  subject: "credential",
  parameters: z.object({ reviewDays: days(90) }),
  controls: { soc2: ["CC6.2", "CC6.3"], pci: ["7.2.4", "7.2.5.1"], iso: ["A.5.18"] },
  remediation: "Have someone other than the owner review the credential's scope and need, and record last_review_at and reviewer.",
  evaluate(c, ctx) {
    const nonHuman = c.principal_type === "agent" || c.principal_type === "service" || c.agent_accessible === true;
    if (!nonHuman) return notApplicable(`principal_type=${c.principal_type ?? "not stated"}; agent_accessible=${c.agent_accessible ?? "not stated"}`);
    const dead = deadReason(c, ctx.now);
    if (dead) return notApplicable(`credential can no longer authenticate (${dead})`);
    const reviewed = ms(c.last_review_at);
    if (reviewed === null) return fail(describeField(c, "last_review_at"));
    const ageDays = (ctx.now.getTime() - reviewed) / DAY_MS;
    const age = shownAge(ageDays, ctx.params.reviewDays);
    const gaps: string[] = [];
    if (ageDays > ctx.params.reviewDays) gaps.push(`last_review_at=${c.last_review_at}: ${age} days > ${ctx.params.reviewDays}`);
    if (c.reviewer === undefined) gaps.push("reviewer not stated");
    else if (c.owner_email !== undefined && c.reviewer.toLowerCase() === c.owner_email.toLowerCase()) {
      gaps.push(`reviewer=${c.reviewer} is the owner`);
    }
    return gaps.length ? fail(gaps.join("; ")) : pass(`reviewed ${age} days ago by ${c.reviewer ?? ""}`);
  },
});

export const R20 = defineRule({
  id: "R20",
  title: "Secrets are stored in a vault or CI secret store",
  severity: "medium",
  subject: "credential",
  parameters: z.object({ acceptedStorage: slugList(storageSchema).default(["vault", "ci_secret"]) }),
  controls: { soc2: ["CC6.1"], pci: ["8.3.2"], nist: ["SC-28"] },
  remediation: "Move the secret into a vault or the CI provider's secret store and delete the plaintext or env-file copy.",
  evaluate(c, ctx) {
    const dead = deadReason(c, ctx.now);
    if (dead) return notApplicable(`credential can no longer authenticate (${dead})`);
    // Unknown storage cannot be shown to be protected, so it fails like plaintext.
    if (c.storage === undefined) return fail("storage not stated");
    if (!ctx.params.acceptedStorage.includes(c.storage)) return fail(`storage=${c.storage}`);
    return pass(`storage=${c.storage}`);
  },
});
