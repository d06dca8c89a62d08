import { deadReason, defineRule, fail, noParameters, notApplicable, pass } from "./helpers";

/** R01–R03: the context every credential must carry before anything else can be judged. */

export const R01 = defineRule({
  id: "R01",
  title: "Every credential has an owning team and owner",
  severity: "medium",
  subject: "credential",
  parameters: noParameters,
  controls: { soc2: ["CC6.1", "CC6.2"], pci: ["7.2.5"], nist: ["AC-2"], iso: ["A.5.16"] },
  remediation: "Set the owning team and an owner email so someone answers for rotation, review and incidents.",
  evaluate(c, ctx) {
    const dead = deadReason(c, ctx.now);
    if (dead) return notApplicable(`credential can no longer authenticate (${dead})`);
    const missing = [c.team === undefined && "team not stated", c.owner_email === undefined && "owner_email not stated"];
    const why = missing.filter((m): m is string => typeof m === "string");
    return why.length ? fail(why.join("; ")) : pass(`team=${c.team}; owner_email=${c.owner_email}`);
  },
});

export const R02 = defineRule({
  id: "R02",
  title: "Every credential is tagged with its environments",
  severity: "high",
  subject: "credential",
  parameters: noParameters,
  controls: { soc2: ["CC6.1"], pci: ["7.2.5"], nist: ["PR.AA-01"] },
  remediation: "Tag the credential with the environments it works in (production, staging, development).",
  evaluate(c, ctx) {
    const dead = deadReason(c, ctx.now);
    if (dead) return notApplicable(`credential can no longer authenticate (${dead})`);
    if (c.environments === undefined) return fail("environments not stated");
    if (c.environments.length === 0) return fail("environments=[] (untagged)");
    return pass(`environments=[${c.environments.join(", ")}]`);
  },
});

export const R03 = defineRule({
  id: "R03",
  title: "Every credential states whether agents may use it",
  severity: "medium",
  subject: "credential",
  parameters: noParameters,
  controls: { soc2: ["CC6.1"], pci: ["7.2.5"] },
  remediation: "State agent_accessible true or false; unknown is treated as a gap because agents may already hold it.",
  evaluate(c, ctx) {
    const dead = deadReason(c, ctx.now);
    if (dead) return notApplicable(`credential can no longer authenticate (${dead})`);
    if (c.agent_accessible === undefined) return fail("agent_accessible not stated");
    return pass(`agent_accessible=${c.agent_accessible}`);
  },
});
