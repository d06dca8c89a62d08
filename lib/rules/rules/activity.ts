import { afterExpiry, crossEnv, unapprovedDestructive } from "@/lib/domain/activity-event-flags";
import { defineRule, fail, noParameters, notApplicable, pass } from "./helpers";

/** R15–R18: what credentials were actually used for, one event at a time. */

export const R15 = defineRule({
  id: "R15",
  title: "Credentials are used only in their environments",
  severity: "critical",
  subject: "event",
  parameters: noParameters,
  controls: { soc2: ["CC6.1", "CC6.6"], pci: ["7.2.2", "7.2.5"], nist: ["AC-3"] },
  remediation: "Scope the credential at the provider so it cannot reach other environments, and find out who used it there.",
  evaluate(event, ctx) {
    if (ctx.credential === null) return notApplicable("the event's credential is not known yet");
    if (event.resourceEnvironment === null) return notApplicable("the resource's environment is unknown");
    const flag = crossEnv(event, ctx.credential);
    return flag.flagged ? fail(flag.reason) : pass(flag.reason);
  },
});

export const R16 = defineRule({
  id: "R16",
  title: "Agent destructive operations in production are approved first",
  severity: "critical",
  subject: "event",
  parameters: noParameters,
  controls: { soc2: ["CC6.1", "CC6.3", "CC8.1"], pci: ["7.2.2"], nist: ["AC-6(9)"] },
  remediation: "Require an out-of-band approval (Slack, PagerDuty, ticket) before an agent runs destructive operations in production.",
  evaluate(event, ctx) {
    if (event.actorType !== "agent") return notApplicable(`actor_type=${event.actorType}`);
    if (!event.destructive) return notApplicable(`operation ${event.rawOperation} is not destructive`);
    if (event.resourceEnvironment !== "production") return notApplicable(`resource_environment=${event.resourceEnvironment ?? "unknown"}`);
    const flag = unapprovedDestructive(event, ctx.approvals);
    return flag.flagged ? fail(flag.reason) : pass(flag.reason);
  },
});

export const R17 = defineRule({
  id: "R17",
  title: "Every event says who did what, where, when and how it ended",
  severity: "medium",
  subject: "event",
  parameters: noParameters,
  controls: { soc2: ["CC7.2"], pci: ["10.2.2"], nist: ["AU-3", "AU-10"] },
  remediation: "Send the actor type, credential reference, resource and outcome with every event (or fix the parser mapping).",
  evaluate(event) {
    // Only events Leash could not even date are out of scope: they cannot be placed in any audit window.
    if (Number.isNaN(Date.parse(event.occurredAt))) return notApplicable(`occurred_at=${event.occurredAt} is not a time`);
    const gaps = [
      event.actorType === "unknown" && "actor_type=unknown",
      event.credential === null && "credential is null",
      event.rawOperation.trim() === "" && "operation is empty",
      event.resource === null && "resource is null",
    ].filter((g): g is string => typeof g === "string");
    if (gaps.length) return fail(gaps.join("; "));
    return pass(`actor_type=${event.actorType}; operation=${event.operation}; outcome=${event.outcome}`);
  },
});

export const R18 = defineRule({
  id: "R18",
  title: "No use of a credential after expiry or revocation",
  severity: "critical",
  subject: "event",
  parameters: noParameters,
  controls: { soc2: ["CC6.2"], pci: ["8.6.3"], nist: ["DE.CM-09"] },
  remediation: "Confirm the credential is disabled at the provider and investigate who used it after it should have stopped working.",
  evaluate(event, ctx) {
    if (ctx.credential === null) return notApplicable("the event's credential is not known yet");
    if (event.outcome !== "success") return notApplicable(`outcome=${event.outcome}: the provider refused it`);
    const flag = afterExpiry(event, ctx.credential);
    return flag.flagged ? fail(flag.reason) : pass(flag.reason);
  },
});
