import { z } from "zod";
import {
  DAY_MS, HOUR_MS, days, deadReason, defineRule, describeExpiry, fail, lifetimeMs, mayReachProduction, ms,
  notApplicable, pass, round1,
} from "./helpers";

/** R04–R07: how long a credential lives and whether it is still needed. */

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
    const life = lifetimeMs(c, ctx.now);
    if (life === null) return fail(`${describeExpiry(c)}; agent_accessible=true`);
    const hours = round1(life / HOUR_MS);
    if (life > ctx.params.maxHours * HOUR_MS) return fail(`lifetime ${hours} h > ${ctx.params.maxHours} h; agent_accessible=true`);
    return pass(`lifetime ${hours} h ≤ ${ctx.params.maxHours} h`);
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
    const life = lifetimeMs(c, ctx.now);
    // "Never expires" fails every credential; a finite agent lifetime is judged by the stricter R04 instead.
    if (life === null) return fail(`${describeExpiry(c)}${c.agent_accessible === true ? "; agent_accessible=true" : ""}`);
    if (c.agent_accessible === true) return notApplicable("agent_accessible=true with an expiry: R04 judges its lifetime");
    const d = round1(life / DAY_MS);
    if (life > ctx.params.maxDays * DAY_MS) return fail(`lifetime ${d} days > ${ctx.params.maxDays} days`);
    return pass(`lifetime ${d} days ≤ ${ctx.params.maxDays} days`);
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
    const life = lifetimeMs(c, ctx.now);
    // A credential that expires inside its window is replaced by expiry; rotation would add nothing.
    if (life !== null && life <= window * DAY_MS) return notApplicable(`lifetime ${round1(life / DAY_MS)} days ≤ ${window}-day ${scope} window`);
    const since = ms(c.last_rotated_at) ?? ms(c.created_at);
    if (since === null) return fail("last_rotated_at and created_at not stated");
    const age = round1((ctx.now.getTime() - since) / DAY_MS);
    const field = c.last_rotated_at !== undefined ? `last_rotated_at=${c.last_rotated_at}` : `never rotated; created_at=${c.created_at}`;
    if (age > window) return fail(`${field}: ${age} days > ${window}-day ${scope} window`);
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
    if (c.last_used_at === undefined) return notApplicable("last_used_at not stated: usage unknown");
    const since = ms(c.last_used_at) ?? ms(c.created_at);
    const field = c.last_used_at === null ? `never used; created_at=${c.created_at ?? "not stated"}` : `last_used_at=${c.last_used_at}`;
    if (since === null) return fail(field);
    const idle = round1((ctx.now.getTime() - since) / DAY_MS);
    if (idle > ctx.params.unusedDays) return fail(`${field}: unused ${idle} days > ${ctx.params.unusedDays}`);
    return pass(`${field}: unused ${idle} days ≤ ${ctx.params.unusedDays}`);
  },
});
