import type { ActorType, CredentialRef, ObservedEvent, PrincipalType } from "../../domain/activity-event";
import { actorTypes } from "../../domain/activity-event";
import { defaultAgentRuntimes, findAgentRuntime, type AgentRuntime } from "./agent-runtimes";

export type AttributionContext = {
  /**
   * The principal type of the credential an event used: null when Leash knows the credential but it states none,
   * undefined when Leash does not know the credential (yet).
   */
  principalTypeOf?: (ref: CredentialRef) => PrincipalType | null | undefined;
  /** Defaults to `defaultAgentRuntimes`. */
  agentRuntimes?: readonly AgentRuntime[];
};

export type AttributionInput = Pick<ObservedEvent, "explicit" | "tags" | "origin" | "session" | "credential" | "actor">;

export type Attribution = { actorType: ActorType; reason: string; onBehalfOf?: string; agentName?: string };

/**
 * Decides who acted, in this order, and says why:
 * 1. an explicit `actor_type` on the event; 2. session or principal tags (`actor_type=…`, `agent=true`), or a
 * stated agent name (`agent_name` field or tag); 3. a credential whose principal is an agent; 4. a known agent
 * runtime in the user agent, application name, invoking service or GitHub App bot account; 5. the credential's
 * principal type (service or human); 6. an interactive SSO or console session → human; 7. an AWS service or
 * workload session → service. Otherwise unknown, never a guessed human.
 *
 * Steps 3 and 5 split the brief's "credential principal type" step on purpose: an agent driving a human's or
 * a service's token is the PocketOS pattern (and R11), so runtime evidence must outrank those principals.
 */
export function attribute(event: AttributionInput, ctx: AttributionContext = {}): Attribution {
  const tags = readTags(event.tags);
  const runtime = findAgentRuntime(
    { userAgent: event.origin.userAgent, application: event.origin.application, invokedBy: event.session.invokedBy, actor: event.actor },
    ctx.agentRuntimes ?? defaultAgentRuntimes,
  );
  const principal = event.credential && ctx.principalTypeOf ? ctx.principalTypeOf(event.credential) : undefined;
  const agentName = event.explicit.agentName ?? tags.agentName ?? runtime?.runtime.name;
  const statedBehalf = event.explicit.onBehalfOf ?? tags.onBehalfOf;
  const humanSession = event.session.kind === "sso" || event.session.kind === "console";
  // An agent running on a person's own sign-in acts for that person.
  const inferredBehalf = statedBehalf ?? (humanSession || principal === "human" ? (event.actor ?? undefined) : undefined);

  if (event.explicit.actorType) {
    const type = event.explicit.actorType;
    const reason = `The event's actor_type field says ${type}.`;
    return type === "agent" ? asAgent(reason, inferredBehalf, agentName) : withOptional({ actorType: type, reason }, statedBehalf, undefined);
  }
  if (tags.actorType) {
    const reason = `The session tag ${tags.actorTypeTag} says ${tags.actorType}.`;
    return tags.actorType === "agent" ? asAgent(reason, inferredBehalf, agentName) : { actorType: tags.actorType, reason };
  }
  // Only an agent has an agent name: a source that states one has said who acted.
  const statedAgent = event.explicit.agentName ?? tags.agentName;
  if (statedAgent !== undefined) {
    const field = event.explicit.agentName !== undefined ? "agent_name field" : "agent_name tag";
    return asAgent(`The event's ${field} names the agent ${statedAgent}.`, inferredBehalf, agentName);
  }
  if (principal === "agent") return asAgent("The credential belongs to an agent principal.", inferredBehalf, agentName);
  if (runtime) {
    const values = {
      "user agent": event.origin.userAgent,
      application: event.origin.application,
      "invoking service": event.session.invokedBy,
      "bot account": event.actor,
    };
    const value = values[runtime.field];
    return asAgent(`The ${runtime.field} "${value ?? ""}" matches the agent runtime ${runtime.runtime.name}.`, inferredBehalf, agentName);
  }
  if (principal === "service" || principal === "human") {
    return { actorType: principal, reason: `The credential belongs to a ${principal} principal and no agent runtime was seen.` };
  }
  if (humanSession) {
    const role = event.session.issuer ? ` (role ${event.session.issuer})` : "";
    const how = event.session.kind === "sso" ? `an interactive SSO session${role}` : "a console sign-in";
    return { actorType: "human", reason: `The actor used ${how} and no agent runtime was seen.` };
  }
  if (event.session.kind === "service") {
    return { actorType: "service", reason: serviceReason(event) };
  }
  return { actorType: "unknown", reason: unknownReason(event.credential !== null, ctx.principalTypeOf !== undefined, principal === null) };
}

/** A cloud service acting itself (its name is the actor or the invoker), or a workload's session (role, CI, function). */
function serviceReason(event: AttributionInput): string {
  const service = event.session.invokedBy ?? (event.actor && !event.actor.includes(":") ? event.actor : undefined);
  if (service !== undefined) return `The call was made by the cloud service ${service}.`;
  const role = event.session.issuer ? ` (role ${event.session.issuer})` : "";
  return `The session${role} belongs to a workload, not a person (service-linked role, workload identity or function runtime), and no agent runtime was seen.`;
}

function unknownReason(hasCredential: boolean, canLookUp: boolean, known: boolean): string {
  const credential = !hasCredential
    ? "names no credential"
    : known
      ? "uses a credential whose principal type is not stated"
      : canLookUp
        ? "uses a credential Leash does not know (yet)"
        : "uses a credential that was not looked up";
  return (
    `No actor_type field or agent tags, the event ${credential}, no known agent runtime was seen ` +
    "and the session is not interactive SSO, so the actor type stays unknown."
  );
}

/** Not a closure inside `attribute`, which would be made (and, under tsx, named) once per event. */
function asAgent(reason: string, onBehalfOf: string | undefined, agentName: string | undefined): Attribution {
  return withOptional({ actorType: "agent", reason }, onBehalfOf, agentName);
}

function withOptional(base: Attribution, onBehalfOf: string | undefined, agentName: string | undefined): Attribution {
  // Spelled out, not spread: this runs for every event of an ingest.
  const out: Attribution = { actorType: base.actorType, reason: base.reason };
  if (onBehalfOf !== undefined) out.onBehalfOf = onBehalfOf;
  if (agentName !== undefined && base.actorType === "agent") out.agentName = agentName;
  return out;
}

type TagFacts = { actorType?: ActorType; actorTypeTag?: string; agentName?: string; onBehalfOf?: string };

const TRUE = new Set(["true", "yes", "1"]);
const FALSE = new Set(["false", "no", "0", ""]);

/** Tag keys are compared without case, separators or a namespace (`leash:actor-type` = `actor_type`). */
function readTags(tags: Record<string, string>): TagFacts {
  const facts: TagFacts = {};
  for (const [key, rawValue] of Object.entries(tags)) {
    const name = key.split(/[:/]/).pop()?.toLowerCase().replace(/[-_\s]/g, "") ?? "";
    const value = rawValue.trim();
    const lower = value.toLowerCase();
    if (name === "actortype" && (actorTypes as readonly string[]).includes(lower)) {
      facts.actorType = lower as ActorType;
      facts.actorTypeTag = `${key}=${value}`;
    } else if (name === "agent" && !FALSE.has(lower) && facts.actorType === undefined) {
      facts.actorType = "agent";
      facts.actorTypeTag = `${key}=${value}`;
      if (!TRUE.has(lower)) facts.agentName = value;
    } else if (name === "agentname" && value) {
      facts.agentName = value;
    } else if ((name === "onbehalfof" || name === "requestedby") && value) {
      facts.onBehalfOf = value;
    }
  }
  return facts;
}
