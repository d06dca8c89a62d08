import type { ActivityEvent, ObservedEvent, PrincipalType } from "../../domain/activity-event";
import type { Approval } from "../../domain/approval";
import type { EnvironmentRule } from "./environment";
import { normalizeEvent } from "./normalize";
import { seededRandom } from "../../domain/seeded-random";

/** Inventory ids (credential external ids) the demo events refer to. */
export type DemoCredentialIds = {
  /** The Railway API token with no expiry and no environment limits: the PocketOS token. */
  railwayToken: string;
  /** A human engineer's deploy credential. */
  humanDeploy: string;
  /** A dedicated, read-only agent credential. */
  agentReadOnly: string;
  /** A dedicated migration-agent credential, used only with approvals. */
  migrationAgent: string;
};

export type DemoActivityOptions = { seed: number; end: Date; days?: number; credentials: DemoCredentialIds };

export const demoEnvironmentRules: readonly EnvironmentRule[] = [
  { match: "project", pattern: "pocket-prod*", environment: "production" },
  { match: "project", pattern: "pocket-staging*", environment: "staging" },
  { match: "database", pattern: "pocket_prod", environment: "production" },
];

const HUMANS = ["maya@pocketos.example", "jonas@pocketos.example", "li@pocketos.example"];
const DAY = 86_400_000;

/**
 * Thirty days (by default) of PocketOS activity ending at `end`: human deploys, approved agent migrations,
 * routine agent reads, and "the nine seconds" — an agent session on the Railway token listing volumes and
 * deleting the production volume nine seconds later, with no approval. Deterministic in `seed`.
 */
export type DemoActivity = {
  events: ActivityEvent[];
  approvals: Approval[];
  /** Midnight UTC of the first day. */
  start: Date;
  /** When the agent's session on the Railway token listed the volumes; the delete came nine seconds later. */
  incidentAt: Date;
};

export function generateDemoActivity(options: DemoActivityOptions): DemoActivity {
  const random = seededRandom(options.seed);
  const days = options.days ?? 30;
  const start = Math.floor(options.end.getTime() / DAY) * DAY - days * DAY;
  const ids = options.credentials;
  const observed: ObservedEvent[] = [];
  const approvals: Approval[] = [];
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const at = (day: number, hour: number) => new Date(start + day * DAY + hour * 3_600_000 + Math.floor(random() * 3_000_000));

  for (let day = 0; day < days; day++) {
    const weekday = new Date(start + day * DAY).getUTCDay() % 6 !== 0;
    if (weekday && random() < 0.7) observed.push(humanDeploy(at(day, 9 + random() * 7), pick(HUMANS), ids.humanDeploy));
    const reads = 3 + Math.floor(random() * 5);
    for (let i = 0; i < reads; i++) observed.push(agentRead(at(day, random() * 23), ids.agentReadOnly, pick(READS)));
    if (day % 7 === 3) {
      const when = at(day, 15);
      const requester = pick(HUMANS);
      approvals.push(migrationApproval(when, requester, HUMANS.find((h) => h !== requester) ?? "security@pocketos.example", day));
      observed.push(agentMigration(new Date(when.getTime() + 600_000), ids.migrationAgent, requester, `CHG-${1000 + day}`));
    }
  }
  const incidentAt = new Date(start + (days - 3) * DAY + 14 * 3_600_000 + 2 * 60_000);
  observed.push(...nineSeconds(incidentAt, ids.railwayToken));

  const principals = new Map<string, PrincipalType>([
    [ids.railwayToken, "service"],
    [ids.humanDeploy, "human"],
    [ids.agentReadOnly, "agent"],
    [ids.migrationAgent, "agent"],
  ]);
  const ctx = {
    environmentRules: demoEnvironmentRules,
    attribution: { principalTypeOf: (ref: { externalId?: string }) => (ref.externalId ? principals.get(ref.externalId) : undefined) },
  };
  const events = observed.filter((o) => Date.parse(o.occurredAt) <= options.end.getTime()).map((o) => normalizeEvent(o, ctx));
  events.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.ingestKey.localeCompare(b.ingestKey));
  return { events, approvals, start: new Date(start), incidentAt };
}

const READS = ["SELECT count(*) FROM orders", "SELECT * FROM customers WHERE id = $1", "SELECT status FROM payments LIMIT 100"];

function base(occurredAt: Date, credential: string, over: Partial<ObservedEvent>): ObservedEvent {
  const event: ObservedEvent = {
    format: "leash-ndjson",
    occurredAt: occurredAt.toISOString(),
    credential: { externalId: credential },
    actor: null,
    rawOperation: "other",
    operationKind: "api",
    resource: null,
    scope: {},
    outcome: "success",
    origin: {},
    tags: {},
    session: {},
    explicit: {},
    approvalRef: null,
    raw: null,
    ...over,
  };
  // What the source would have sent, so the event page shows a believable raw record.
  event.raw = {
    occurred_at: event.occurredAt,
    credential: { external_id: credential },
    actor: event.actor,
    operation: event.rawOperation,
    ...(event.statement ? { statement: event.statement } : {}),
    resource: event.resource,
    origin: event.origin,
    ...(event.approvalRef ? { approval_ref: event.approvalRef } : {}),
    source: "Leash demo workspace",
  };
  return event;
}

function humanDeploy(when: Date, who: string, credential: string): ObservedEvent {
  return base(when, credential, {
    actor: who,
    rawOperation: "serviceInstanceRedeploy",
    resource: "railway:service/pocket-api",
    scope: { projectId: "pocket-prod" },
    origin: { ip: "203.0.113.20", userAgent: "railway-cli/3.17.1" },
    session: { kind: "sso" },
  });
}

function agentRead(when: Date, credential: string, statement: string): ObservedEvent {
  return base(when, credential, {
    format: "pgaudit",
    actor: "agent_readonly",
    rawOperation: "SELECT",
    operationKind: "sql",
    statement,
    resource: "public.orders",
    scope: { database: "pocket_prod" },
    origin: { ip: "10.0.4.17", application: "claude-code" },
    session: { kind: "database" },
  });
}

function agentMigration(when: Date, credential: string, onBehalfOf: string, change: string): ObservedEvent {
  return base(when, credential, {
    format: "pgaudit",
    actor: "migrator",
    rawOperation: "ALTER TABLE",
    operationKind: "sql",
    statement: "ALTER TABLE orders DROP COLUMN legacy_discount",
    resource: "public.orders",
    scope: { database: "pocket_prod" },
    origin: { ip: "10.0.4.18", application: "migration-agent langgraph" },
    session: { kind: "database" },
    explicit: { onBehalfOf },
    approvalRef: change,
  });
}

function migrationApproval(when: Date, requester: string, approver: string, day: number): Approval {
  return {
    approver,
    requester,
    operation: "drop",
    resource: "public.orders",
    environment: "production",
    approvedAt: when.toISOString(),
    expiresAt: new Date(when.getTime() + 4 * 3_600_000).toISOString(),
    reference: `CHG-${1000 + day}`,
    channel: "ticket",
  };
}

/** The incident: an agent finds the Railway token, lists volumes, and deletes production's nine seconds later. */
function nineSeconds(when: Date, railwayToken: string): ObservedEvent[] {
  const session = { actor: "railway-token", origin: { ip: "198.51.100.23", userAgent: "claude-cli/1.0.98 (external, cli)" } };
  return [
    base(when, railwayToken, { ...session, rawOperation: "getVolumes", resource: "railway:project/pocket-prod", scope: { projectId: "pocket-prod" } }),
    base(new Date(when.getTime() + 9_000), railwayToken, {
      ...session,
      rawOperation: "volumeDelete",
      resource: "railway:volume/pocket-prod-postgres",
      scope: { projectId: "pocket-prod" },
    }),
  ];
}
