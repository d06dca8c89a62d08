import { z } from "zod";
import {
  DAY_MS, HOUR_MS, days, deadReason, defineRule, describeExpiry, describeField, fail, judgeValidity, mayReachProduction,
  ms, notApplicable, pass, shown, shownAge, validity, withheld,
} from "./helpers";

/** R04–R07: how long a credential lives and whether it is still needed. */

// R04 and R05 without created_at judge the time remaining to expiry and say so. A fail is certain (the lifetime is at
// least what remains). A pass claims only what it checked, that the key stops working within the limit from this
// instant; a longer-lived key with the same gap failed at every instant before its last stretch, and how long it has
// been in use already is R06's to judge, which an unknown lifetime never exempts. Failing every such key instead
// would also fail broker-issued short-lived tokens whose source omits creation, burying the certain fails.

export const R04 = defineRule({
  id: "R04",
  title: "Agent-accessible credentials are short-lived",
  severity: "high",
  subject: "credential",
  parameters: z.object({ maxHours: z.number().positive().default(24) }),
  controls: { soc2: ["CC6.1", "CC6.2"], pci: ["8.6.3"], nist: ["IA-5"] },
  remediation: "Issue agents short-lived tokens (at most the configured hours) from a broker instead of standing keys.",
  evaluate(c, ctx) {
    if (c.agent_accessible !== true) return notApplicable(`agent_accessible=${c.agent_accessible ?? "not stated"}`);
    const dead = deadReason(c, ctx.now);
    if (dead) return notApplicable(`credential can no longer authenticate (${dead})`);
    const v = validity(c, ctx.now);
    if (v === null) return fail(`${describeExpiry(c)}; agent_accessible=true`);
    const max = ctx.params.maxHours;
    const { over, text } = judgeValidity(c, v, HOUR_MS, "h", max);
    return over ? fail(`${text}; agent_accessible=true`) : pass(text);
  },
});

export const R05 = defineRule({
  id: "R05",
  title: "Credentials expire within the maximum lifetime",
  severity: "medium",
  subject: "credential",
  parameters: z.object({ maxDays: days(90) }),
  controls: { soc2: ["CC6.1"], pci: ["8.6.3"], nist: ["IA-5"] },
  remediation: "Set an expiry no further than the maximum lifetime from creation, and renew through rotation.",
  evaluate(c, ctx) {
    const dead = deadReason(c, ctx.now);
    if (dead) return notApplicable(`credential can no longer authenticate (${dead})`);
    const v = validity(c, ctx.now);
    // "Never expires" fails every credential; a finite agent lifetime is judged by the stricter R04 instead.
    if (v === null) return fail(`${describeExpiry(c)}${c.agent_accessible === true ? "; agent_accessible=true" : ""}`);
    if (c.agent_accessible === true) return notApplicable("agent_accessible=true with an expiry: R04 judges its lifetime");
    const max = ctx.params.maxDays;
    const { over, text } = judgeValidity(c, v, DAY_MS, "days", max);
    return over ? fail(text) : pass(text);
  },
});

export const R06 = defineRule({
  id: "R06",
  title: "Credentials are rotated on schedule",
  severity: "medium",
  subject: "credential",
  parameters: z.object({ productionDays: days(90), otherDays: days(365) }),
  controls: { soc2: ["CC6.1"], pci: ["8.6.3"], nist: ["IA-5"] },
  remediation: "Rotate the secret at the provider and record last_rotated_at.",
  evaluate(c, ctx) {
    const dead = deadReason(c, ctx.now);
    if (dead) return notApplicable(`credential can no longer authenticate (${dead})`);
    const production = mayReachProduction(c);
    const window = production ? ctx.params.productionDays : ctx.params.otherDays;
    const scope = production ? "production (or untagged/*)" : "non-production";
    const v = validity(c, ctx.now);
    // A credential whose whole lifetime fits the window is replaced by expiry; rotation would add nothing. Only a known
    // lifetime exempts: the time remaining says nothing of how long the secret has been in use already.
    if (v?.known === "lifetime" && v.ms <= window * DAY_MS) {
      return notApplicable(`lifetime ${shown(v.ms / DAY_MS, window)} days ≤ ${window}-day ${scope} window`);
    }
    const since = ms(c.last_rotated_at) ?? ms(c.created_at);
    if (since === null) return fail(`${describeField(c, "last_rotated_at")}; ${describeField(c, "created_at")}`);
    const ageDays = (ctx.now.getTime() - since) / DAY_MS;
    const age = shownAge(ageDays, window);
    const field = c.last_rotated_at !== undefined
      ? `last_rotated_at=${c.last_rotated_at}`
      : `${withheld(c, "last_rotated_at") ?? "never rotated"}; created_at=${c.created_at}`;
    if (ageDays > window) return fail(`${field}: ${age} days > ${window}-day ${scope} window`);
    return pass(`${field}: ${age} days ≤ ${window}-day ${scope} window`);
  },
});

export const R07 = defineRule({
  id: "R07",
  title: "Unused credentials are removed",
  severity: "medium",
  subject: "credential",
  parameters: z.object({ unusedDays: days(90) }),
  controls: { soc2: ["CC6.2"], pci: ["8.2.6", "7.2.5.1"], nist: ["AC-2(3)"] },
  remediation: "Revoke a credential nobody has used within the window; re-issue it if someone turns out to need it.",
  evaluate(c, ctx) {
    const dead = deadReason(c, ctx.now);
    if (dead) return notApplicable(`credential can no longer authenticate (${dead})`);
    if (c.status === "disabled") return notApplicable("status=disabled");
    if (c.last_used_at === undefined) return notApplicable(`${describeField(c, "last_used_at")}: usage unknown`);
    const since = ms(c.last_used_at) ?? ms(c.created_at);
    const field = c.last_used_at === null ? `never used; ${describeField(c, "created_at")}` : `last_used_at=${c.last_used_at}`;
    if (since === null) return fail(field);
    const idleDays = (ctx.now.getTime() - since) / DAY_MS;
    const idle = shownAge(idleDays, ctx.params.unusedDays);
    if (idleDays > ctx.params.unusedDays) return fail(`${field}: unused ${idle} days > ${ctx.params.unusedDays}`);
    return pass(`${field}: unused ${idle} days ≤ ${ctx.params.unusedDays}`);
  },
});
