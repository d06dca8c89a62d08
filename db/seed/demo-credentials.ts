/**
 * The demo company's credential inventory, generated deterministically: ~420 credentials over 16 providers and
 * five teams, human, service and agent principals, with a realistic mix of good and bad hygiene — and the PocketOS
 * setup: a Railway API token with no expiry, no environment restriction, agent-accessible and unrestricted.
 * Records are Leash JSON, so the demo goes through the same import pipeline as a customer's file.
 */

import { seededRandom } from "../../lib/domain/seeded-random";

type Json = Record<string, unknown>;

const DAY = 86_400_000;

const TEAMS = ["Platform", "Payments", "Data", "Mobile", "Security"] as const;

const PROVIDERS: { provider: string; kinds: string[]; scopes: string[]; what: string[] }[] = [
  { provider: "aws", kinds: ["access_key"], scopes: ["s3:GetObject", "rds:*", "ec2:Describe*", "iam:PassRole"], what: ["deploy", "backup", "etl", "billing-export"] },
  { provider: "gcp", kinds: ["service_account_key"], scopes: ["roles/bigquery.dataViewer", "roles/storage.admin", "roles/run.invoker"], what: ["analytics", "warehouse", "ml-batch"] },
  { provider: "azure", kinds: ["oauth_client_secret", "access_key"], scopes: ["Storage.Blob.Read", "Sites.ReadWrite.All"], what: ["sso-app", "blob-sync"] },
  { provider: "github", kinds: ["pat", "api_token"], scopes: ["contents:write", "pull_requests:write", "actions:read", "administration:write"], what: ["release-bot", "ci", "codeowners-sync"] },
  { provider: "gitlab", kinds: ["pat"], scopes: ["read_repository", "api"], what: ["mirror", "legacy-ci"] },
  { provider: "railway", kinds: ["api_token"], scopes: ["project:read", "deployment:write"], what: ["preview-envs", "worker-deploy"] },
  { provider: "vercel", kinds: ["api_token"], scopes: ["deployments", "env"], what: ["frontend-deploy", "preview"] },
  { provider: "openai", kinds: ["api_token"], scopes: ["model.request", "files.write"], what: ["support-assistant", "embeddings", "code-review-agent"] },
  { provider: "anthropic", kinds: ["api_token"], scopes: ["messages"], what: ["coding-agent", "triage-agent"] },
  { provider: "stripe", kinds: ["api_token", "webhook_secret"], scopes: ["charges:write", "refunds:write", "read_only"], what: ["checkout", "refunds", "reporting"] },
  { provider: "slack", kinds: ["api_token", "webhook_secret"], scopes: ["chat:write", "channels:history"], what: ["alerts", "standup-bot"] },
  { provider: "datadog", kinds: ["api_token"], scopes: ["metrics_write", "logs_read"], what: ["agent", "dashboards"] },
  { provider: "cloudflare", kinds: ["api_token"], scopes: ["zone:edit", "dns:read"], what: ["dns-automation", "cache-purge"] },
  { provider: "vault", kinds: ["api_token"], scopes: ["default", "kv-read", "db-creds"], what: ["app-role", "ops"] },
  { provider: "kubernetes", kinds: ["service_account_key"], scopes: ["edit", "view"], what: ["argo", "metrics-server", "jobs"] },
  { provider: "postgres", kinds: ["db_password"], scopes: ["readwrite", "readonly", "owner"], what: ["orders-db", "ledger-db", "analytics-db"] },
];

const ENVS = [["production"], ["staging"], ["development"], ["production", "staging"], ["*"], []] as const;
const OPS = [["read"], ["read", "write"], ["read", "write", "deploy"], ["read", "write", "delete"], null] as const;
const STORAGE = ["vault", "vault", "ci_secret", "ci_secret", "env_file", "plaintext", "unknown"] as const;
const PEOPLE = ["ada", "grace", "linus", "margaret", "ken", "barbara", "dennis", "frances", "alan", "radia"];

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function principalOf(rand: () => number, what: string): { principal: string; principal_type?: string; agent: boolean } {
  const roll = rand();
  if (roll < 0.25) return { principal: `${pick(rand, PEOPLE)}@demo.leash.dev`, principal_type: "human", agent: rand() < 0.2 };
  if (roll < 0.5) return { principal: `${what}-agent`, principal_type: "agent", agent: true };
  if (roll < 0.9) return { principal: `svc-${what}`, principal_type: "service", agent: rand() < 0.3 };
  return { principal: `${what}-automation`, agent: rand() < 0.5 }; // type not stated: a gap the rules flag
}

function generated(rand: () => number, index: number, now: number): Json {
  const p = PROVIDERS[index % PROVIDERS.length]!;
  const what = pick(rand, p.what);
  const team = TEAMS[Math.floor(rand() * TEAMS.length)]!;
  const who = principalOf(rand, what);
  const created = now - Math.floor(rand() * 700 + 5) * DAY;
  const hygiene = rand();
  const record: Json = {
    external_id: `demo-${p.provider}-${String(index).padStart(4, "0")}`,
    name: `${p.provider} ${what} ${index}`,
    provider: p.provider,
    kind: pick(rand, p.kinds),
    principal: who.principal,
    team,
    owner_email: hygiene < 0.1 ? undefined : `${pick(rand, PEOPLE)}@demo.leash.dev`,
    environments: hygiene < 0.12 ? undefined : [...pick(rand, ENVS)],
    agent_accessible: hygiene > 0.9 ? undefined : who.agent,
    allowed_operations: who.agent && hygiene < 0.4 ? null : OPS[Math.floor(rand() * (OPS.length - 1))] ?? ["read"],
    scopes: p.scopes.filter(() => rand() < 0.6),
    created_at: iso(created),
    expires_at: hygiene < 0.3 ? null : iso(created + (who.agent && hygiene > 0.7 ? 1 : Math.floor(rand() * 400 + 30)) * DAY),
    last_rotated_at: iso(created + Math.floor(rand() * (now - created))),
    last_used_at: rand() < 0.1 ? null : iso(now - Math.floor(rand() * 150) * DAY),
    status: rand() < 0.05 ? "revoked" : "active",
    storage: pick(rand, STORAGE),
    tags: rand() < 0.3 ? ["tier-1"] : [],
  };
  if (who.principal_type) record.principal_type = who.principal_type;
  if (record.status === "revoked") record.revoked_at = iso(now - Math.floor(rand() * 30) * DAY);
  if (hygiene > 0.8) Object.assign(record, { last_review_at: iso(now - Math.floor(rand() * 200) * DAY), reviewer: `${pick(rand, PEOPLE)}@demo.leash.dev` });
  return record;
}

/**
 * The demo's stand-in for the Railway token's value (a UUID, as Railway tokens are), generated so nothing
 * secret-shaped is committed. The import uses it only to compute the fingerprint; the demo scan "finds" it in
 * the runbook under the same fingerprint.
 */
export function pocketOsTokenValue(): string {
  const rand = seededRandom(9_000_000_009);
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16)).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** The credential of the nine-second incident, exactly as it sat in the workspace docs. */
export function pocketOsToken(now: number): Json {
  return {
    secret: pocketOsTokenValue(),
    external_id: "demo-railway-pocketos",
    name: "Railway API token (platform CLI, pasted in the runbook)",
    provider: "railway",
    kind: "api_token",
    principal: "platform-cli",
    principal_type: "service",
    team: "Platform",
    owner_email: "ada@demo.leash.dev",
    // No environment stated (DESIGN: "no environment restriction"): it may work anywhere, so its use in production
    // is cross-environment (R15) and it is valid in production (R08, R10) as far as anyone can tell.
    environments: [],
    agent_accessible: true,
    allowed_operations: null,
    scopes: ["project:*", "volume:*", "database:*"],
    created_at: iso(now - 410 * DAY),
    expires_at: null,
    last_rotated_at: iso(now - 410 * DAY),
    last_used_at: iso(now - 1 * DAY),
    status: "active",
    storage: "plaintext",
    tags: ["runbook"],
  };
}

/** Credentials the demo activity log uses (lib/ingest/events/demo-activity.ts), by external id. */
export const DEMO_ACTIVITY_CREDENTIALS = {
  railwayToken: "demo-railway-pocketos",
  humanDeploy: "demo-github-human-deploy",
  agentReadOnly: "demo-postgres-reporting-agent",
  migrationAgent: "demo-postgres-migration-agent",
} as const;

function activityCredentials(now: number): Json[] {
  const base = { team: "Platform", owner_email: "grace@demo.leash.dev", status: "active", created_at: iso(now - 60 * DAY), last_rotated_at: iso(now - 20 * DAY) };
  return [
    { ...base, external_id: DEMO_ACTIVITY_CREDENTIALS.humanDeploy, name: "GitHub deploy token (Maya)", provider: "github", kind: "pat", principal: "maya@pocketos.example", principal_type: "human", environments: ["production"], agent_accessible: false, allowed_operations: ["deploy"], expires_at: iso(now + 60 * DAY), storage: "vault" },
    { ...base, external_id: DEMO_ACTIVITY_CREDENTIALS.agentReadOnly, name: "Reporting agent, read-only database role", provider: "postgres", kind: "db_password", principal: "reporting-agent", principal_type: "agent", environments: ["production"], agent_accessible: true, allowed_operations: ["read"], expires_at: iso(now + 0.5 * DAY), storage: "vault" },
    { ...base, external_id: DEMO_ACTIVITY_CREDENTIALS.migrationAgent, name: "Migration agent (approved changes only)", provider: "postgres", kind: "db_password", principal: "migration-agent", principal_type: "agent", environments: ["production"], agent_accessible: true, allowed_operations: ["read", "write"], expires_at: iso(now + 0.5 * DAY), storage: "vault" },
  ];
}

export const DEMO_CREDENTIAL_COUNT = 423;

/** Leash JSON records, ready for the leash-json importer. Same output for the same `now`. */
export function demoCredentials(now: number): Json[] {
  const rand = seededRandom(20261125);
  const records = [pocketOsToken(now), ...activityCredentials(now)];
  while (records.length < DEMO_CREDENTIAL_COUNT) records.push(generated(rand, records.length, now));
  return records;
}
