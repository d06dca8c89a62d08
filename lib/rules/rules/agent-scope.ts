import { z } from "zod";
import type { CredentialSubject } from "../types";
import { operationSchema } from "@/lib/domain/credential";
import { DEFAULT_DESTRUCTIVE_OPERATIONS } from "../blast-radius";
import { deadReason, defineRule, fail, formatEnvironments, mayReachProduction, noParameters, notApplicable, pass, slugList } from "./helpers";

/** R08–R11: what an agent can do with a credential it holds — the PocketOS gap itself. */

/** Agent rules judge only live, agent-accessible credentials; this says why a credential is out of scope. */
function outOfAgentScope(c: CredentialSubject, now: Date): string | null {
  if (c.agent_accessible !== true) return `agent_accessible=${c.agent_accessible ?? "not stated"}`;
  const dead = deadReason(c, now);
  return dead ? `credential can no longer authenticate (${dead})` : null;
}

export const R08 = defineRule({
  id: "R08",
  title: "Agent credentials work in exactly one environment",
  severity: "critical",
  subject: "credential",
  parameters: noParameters,
  controls: { soc2: ["CC6.1", "CC6.6"], pci: ["7.2.2", "7.2.5"], nist: ["AC-3"] },
  remediation: "Issue the agent one credential per environment, each scoped at the provider to that environment only.",
  evaluate(c, ctx) {
    const out = outOfAgentScope(c, ctx.now);
    if (out) return notApplicable(out);
    const envs = c.environments;
    if (envs === undefined || envs.length !== 1 || envs[0] === "*") return fail(`${formatEnvironments(c)}; agent_accessible=true`);
    return pass(formatEnvironments(c));
  },
});

export const R09 = defineRule({
  id: "R09",
  title: "Agent credentials carry an operation allowlist",
  severity: "high",
  subject: "credential",
  parameters: noParameters,
  controls: { soc2: ["CC6.3"], pci: ["7.2.2", "7.2.5"], nist: ["AC-6", "PR.AA-05"] },
  remediation: "Restrict the credential at the provider to the operations the agent needs and record them in allowed_operations.",
  evaluate(c, ctx) {
    const out = outOfAgentScope(c, ctx.now);
    if (out) return notApplicable(out);
    if (c.allowed_operations === undefined) return fail("allowed_operations not stated; agent_accessible=true");
    if (c.allowed_operations === null) return fail("allowed_operations is null (unrestricted); agent_accessible=true");
    return pass(`allowed_operations=[${c.allowed_operations.join(", ")}]`);
  },
});

export const R10 = defineRule({
  id: "R10",
  title: "Agents cannot destroy production",
  severity: "critical",
  subject: "credential",
  parameters: z.object({
    destructiveOperations: slugList(operationSchema).default([...DEFAULT_DESTRUCTIVE_OPERATIONS]),
  }),
  controls: { soc2: ["CC6.1", "CC6.3"], pci: ["7.2.2"], nist: ["AC-6"] },
  remediation: "Remove destructive operations from any agent credential that reaches production; route them through a human approval.",
  evaluate(c, ctx) {
    const out = outOfAgentScope(c, ctx.now);
    if (out) return notApplicable(out);
    if (!mayReachProduction(c)) return notApplicable(`${formatEnvironments(c)}: not valid in production`);
    const where = formatEnvironments(c);
    const ops = c.allowed_operations;
    if (ops === undefined || ops === null) {
      return fail(`allowed_operations ${ops === null ? "is null (unrestricted)" : "not stated"}; ${where}; agent_accessible=true`);
    }
    const destructive = ops.filter((op) => ctx.params.destructiveOperations.includes(op));
    if (destructive.length) return fail(`allowed_operations include ${destructive.join(", ")}; ${where}; agent_accessible=true`);
    return pass(`allowed_operations=[${ops.join(", ")}] has no destructive operation`);
  },
});

/**
 * The destructive operations in force: R10's list as an admin set it, for the blast radius to judge "may destroy" as
 * R10 does. A stored set R10's schema refuses fails evaluations on its own; here it falls back to the default.
 */
export function destructiveOperationsOf(parameters: Partial<Record<string, unknown>>): readonly string[] {
  const parsed = R10.parameters.schema.safeParse(parameters.R10 ?? {});
  return parsed.success ? parsed.data.destructiveOperations : DEFAULT_DESTRUCTIVE_OPERATIONS;
}

export const R11 = defineRule({
  id: "R11",
  title: "Agents use their own identity, not a human's",
  severity: "high",
  subject: "credential",
  parameters: noParameters,
  controls: { soc2: ["CC6.2"], pci: ["7.2.5", "8.6.1"], nist: ["IA-9"] },
  remediation: "Give the agent a dedicated service or agent principal; revoke the human's credential from the agent's reach.",
  evaluate(c, ctx) {
    const reach = [c.agent_accessible === true && "agent_accessible=true", ctx.agentEventCount > 0 && `${ctx.agentEventCount} agent event(s)`];
    const reached = reach.filter((r): r is string => typeof r === "string");
    if (reached.length === 0) return notApplicable(`not agent-accessible and no agent events (agent_accessible=${c.agent_accessible ?? "not stated"})`);
    // The agent's past use stays on record; once the credential is dead, what it borrowed no longer works.
    const dead = deadReason(c, ctx.now);
    if (dead) return notApplicable(`credential can no longer authenticate (${dead})`);
    // Unstated principal type cannot show the identity is dedicated, so it fails rather than passes.
    if (c.principal_type === undefined) return fail(`principal_type not stated; ${reached.join("; ")}`);
    if (c.principal_type === "human") return fail(`principal_type=human (${c.principal ?? "principal not stated"}); ${reached.join("; ")}`);
    return pass(`principal_type=${c.principal_type}`);
  },
});
