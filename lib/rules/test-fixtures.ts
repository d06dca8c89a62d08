import type { CredentialFacts } from "@/lib/domain/activity-event-flags";
import type { Approval } from "@/lib/domain/approval";
import { evaluateRule } from "./registry";
import type { CredentialContext, CredentialSubject, EventContext, EventSubject, Evaluation, Rule } from "./types";

/** Shared fixtures for the rule tests: a well-governed baseline each test breaks in one named way. */

export const NOW = new Date("2026-11-25T12:00:00.000Z");

/** A scoped, short-lived, reviewed agent credential that passes every credential rule that applies to it. */
export function goodCredential(over: Partial<CredentialSubject> = {}): CredentialSubject {
  return {
    external_id: "cred-good",
    name: "billing deploy bot",
    provider: "railway",
    kind: "api_token",
    principal: "billing-deploy-bot",
    principal_type: "agent",
    team: "billing",
    owner_email: "owner@example.com",
    environments: ["staging"],
    agent_accessible: true,
    allowed_operations: ["read", "deploy"],
    created_at: "2026-11-25T00:00:00.000Z",
    expires_at: "2026-11-25T20:00:00.000Z",
    last_rotated_at: "2026-11-25T00:00:00.000Z",
    last_used_at: "2026-11-25T10:00:00.000Z",
    revoked_at: null,
    status: "active",
    storage: "vault",
    last_review_at: "2026-11-01T00:00:00.000Z",
    reviewer: "reviewer@example.com",
    ...over,
  };
}

/**
 * The PocketOS Railway token: no expiry, valid everywhere, agent-accessible, unrestricted, a service principal with
 * no human behind it, stored in plaintext in workspace docs. Recently created, used and reviewed, so only the
 * PocketOS gaps fail.
 */
export function pocketOsToken(): CredentialSubject {
  return goodCredential({
    external_id: "railway-pocketos-token",
    name: "railway platform token",
    principal: "pocketos-platform",
    principal_type: "service",
    team: "platform",
    // "No environment restriction" (DESIGN): nobody stated where it works, so it may work anywhere, production included.
    environments: [],
    allowed_operations: null,
    created_at: "2026-09-01T00:00:00.000Z",
    expires_at: null,
    last_rotated_at: "2026-09-01T00:00:00.000Z",
    storage: "plaintext",
  });
}

export const NO_EXPOSURE: CredentialContext["exposures"] = { unresolved: 0, inAgentReadableCorpora: 0, firstDetectedAt: null };

export function runCredential<P>(
  rule: Rule<"credential", P>,
  c: CredentialSubject,
  over: Partial<CredentialContext> & { now?: Date; params?: Record<string, unknown> } = {},
): Evaluation {
  return evaluateRule(rule as Rule<"credential", unknown>, c, { now: NOW, exposures: NO_EXPOSURE, agentEventCount: 0, ...over });
}

/** The incident event: an agent deleting a production volume. */
export function agentVolumeDelete(over: Partial<EventSubject> = {}): EventSubject {
  return {
    occurredAt: "2026-11-25T11:00:00.000Z",
    credential: { externalId: "railway-pocketos-token" },
    actorType: "agent",
    operation: "delete",
    rawOperation: "volumeDelete",
    destructive: true,
    resource: "volume/prod-db",
    resourceEnvironment: "production",
    outcome: "success",
    ...over,
  };
}

export function facts(over: Partial<CredentialFacts> = {}): CredentialFacts {
  return { id: "railway-pocketos-token", environments: ["*"], expiresAt: null, revokedAt: null, principalType: "service", ...over };
}

export function approval(over: Partial<Approval> = {}): Approval {
  return {
    approver: "lead@example.com",
    requester: "dev@example.com",
    operation: "volumeDelete",
    resource: "volume/prod-*",
    environment: "production",
    approvedAt: "2026-11-25T10:30:00.000Z",
    expiresAt: "2026-11-25T11:30:00.000Z",
    reference: "CHG-1042",
    channel: "ticket",
    ...over,
  };
}

export function runEvent<P>(rule: Rule<"event", P>, e: EventSubject, over: Partial<EventContext> = {}): Evaluation {
  return evaluateRule(rule as Rule<"event", unknown>, e, { now: NOW, credential: facts(), approvals: [], ...over });
}

