import type { ActivityEvent, PrincipalType } from "./activity-event";
import { approvalStartsAt, type HeldApproval } from "./approval";

/**
 * Per-event flags behind R15 (cross-env use), R18 (use after expiry) and R16 (unapproved destructive).
 * Pure: the caller supplies the credential as it was at the event's instant (from credential history) and
 * the approvals that might cover the event.
 */

/** The credential facts the flags need; the caller adapts its credential record to this. */
export type CredentialFacts = {
  id: string;
  /** production / staging / development, `*` = valid everywhere, empty = untagged. */
  environments: readonly string[];
  expiresAt: string | Date | null;
  revokedAt: string | Date | null;
  principalType: PrincipalType | null;
};

export type FlagResult = { flagged: boolean; reason: string };
export type EventFlags = { crossEnv: FlagResult; afterExpiry: FlagResult; unapprovedDestructive: FlagResult };

type FlagEvent = Pick<ActivityEvent, "occurredAt" | "resourceEnvironment" | "actorType" | "destructive" | "operation" | "rawOperation" | "resource">;

export function flagEvent(event: FlagEvent, credential: CredentialFacts | null, approvals: readonly HeldApproval[]): EventFlags {
  return {
    crossEnv: crossEnv(event, credential),
    afterExpiry: afterExpiry(event, credential),
    unapprovedDestructive: unapprovedDestructive(event, approvals),
  };
}

/** The resource's environment is not among the credential's environments (`*` covers all). */
export function crossEnv(event: Pick<FlagEvent, "resourceEnvironment">, credential: CredentialFacts | null): FlagResult {
  const env = event.resourceEnvironment;
  if (credential === null) return { flagged: false, reason: "the credential is not known yet, so its environments cannot be compared" };
  if (env === null) return { flagged: false, reason: "the resource's environment is unknown" };
  if (credential.environments.includes("*")) return { flagged: false, reason: "the credential is valid in every environment (*)" };
  if (credential.environments.includes(env)) return { flagged: false, reason: `the credential is valid in ${env}` };
  const scope = credential.environments.length === 0 ? "has no environment tags" : `is scoped to ${credential.environments.join(", ")}`;
  return { flagged: true, reason: `the event touched ${env} but credential ${credential.id} ${scope}` };
}

/** The credential had expired or been revoked at the event's instant. */
export function afterExpiry(event: Pick<FlagEvent, "occurredAt">, credential: CredentialFacts | null): FlagResult {
  if (credential === null) return { flagged: false, reason: "the credential is not known yet" };
  const at = Date.parse(event.occurredAt);
  const revoked = instant(credential.revokedAt);
  if (revoked !== null && at >= revoked) {
    return { flagged: true, reason: `credential ${credential.id} was used at ${event.occurredAt}, after its revocation at ${iso(revoked)}` };
  }
  const expires = instant(credential.expiresAt);
  if (expires !== null && at >= expires) {
    return { flagged: true, reason: `credential ${credential.id} was used at ${event.occurredAt}, after it expired at ${iso(expires)}` };
  }
  return { flagged: false, reason: "the credential was valid at the event's time" };
}

/**
 * An agent ran a destructive operation in production and no approval covers it: same resource (glob) and
 * operation (normalized or raw name, or glob), environment production or `*`, in force at the event (from
 * `approvalStartsAt`, before `expiresAt`).
 */
export function unapprovedDestructive(event: FlagEvent, approvals: readonly HeldApproval[]): FlagResult {
  if (event.actorType !== "agent") return { flagged: false, reason: `the actor is ${event.actorType}, not an agent` };
  if (!event.destructive) return { flagged: false, reason: "the operation is not destructive" };
  if (event.resourceEnvironment !== "production") {
    return { flagged: false, reason: `the resource is in ${event.resourceEnvironment ?? "an unknown environment"}, not production` };
  }
  const covering = approvals.find((a) => approvalCovers(a, event));
  if (covering) return { flagged: false, reason: `approved by ${covering.approver} (${covering.channel} ${covering.reference})` };
  const near = approvals.filter((a) => matchesTarget(a, event));
  const at = Date.parse(event.occurredAt);
  const late = near.find((a) => Date.parse(a.approvedAt) <= at && at < Date.parse(a.expiresAt));
  const why = late
    ? `the approval ${late.reference} says ${late.approvedAt} but reached Leash at ${late.recordedAt}, after the event, so it counts from then`
    : near.length > 0
      ? "approvals for this operation exist but none was in force at the time"
      : "no approval names this resource and operation";
  const resource = event.resource ?? "an unnamed resource";
  return { flagged: true, reason: `an agent ran destructive ${event.rawOperation} on ${resource} in production: ${why}` };
}

export function approvalCovers(approval: HeldApproval, event: FlagEvent): boolean {
  const at = Date.parse(event.occurredAt);
  return matchesTarget(approval, event) && approvalStartsAt(approval) <= at && at < Date.parse(approval.expiresAt);
}

function matchesTarget(approval: HeldApproval, event: FlagEvent): boolean {
  const envOk = approval.environment === "*" || approval.environment === event.resourceEnvironment;
  const opOk = glob(approval.operation, event.operation) || glob(approval.operation, event.rawOperation);
  return envOk && opOk && event.resource !== null && glob(approval.resource, event.resource);
}

/** Case-insensitive glob with `*` only; approvals are written by people, not regex authors. */
function glob(pattern: string, value: string): boolean {
  const parts = pattern.toLowerCase().split("*");
  const text = value.toLowerCase();
  if (parts.length === 1) return text === parts[0];
  const first = parts[0] ?? "";
  const last = parts[parts.length - 1] ?? "";
  if (!text.startsWith(first) || text.length < first.length + last.length || !text.endsWith(last)) return false;
  let pos = first.length;
  for (const middle of parts.slice(1, -1)) {
    const found = text.indexOf(middle, pos);
    if (found === -1 || found + middle.length > text.length - last.length) return false;
    pos = found + middle.length;
  }
  return true;
}

function instant(value: string | Date | null): number | null {
  if (value === null) return null;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
