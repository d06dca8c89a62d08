import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { seededRandom } from "@/lib/domain/seeded-random";
import { ingestEvents } from "./activity-ingest";
import { db } from "./db";
import { importCredentials } from "./imports";
import { rowsOf } from "./sql-rows";
import { seedIdentity, type IdentityFixture } from "./testing/fixtures";
import { describeEachEngine } from "./testing/test-db";

async function* bytes(data: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(data);
}

// The table: what the event states × the credential's principal × what the origin and session show × the
// credential's environments and expiry with the operation's environment. Every event occurs on 2026-11-22.
const stated: Record<string, Record<string, unknown>> = {
  nothing: {},
  "actor_type unknown": { actor_type: "unknown" },
  "actor_type human": { actor_type: "human" },
  "actor_type agent for a person": { actor_type: "agent", on_behalf_of: "lead@example.com" },
  "agent_name only": { agent_name: "nightly-bot" },
  "tag agent=true": { tags: { agent: "true" } },
};
const principals = [undefined, "human", "service", "agent"] as const;
const origins: Record<string, Record<string, unknown>> = {
  "no user agent": {},
  "Claude Code user agent": { origin: { user_agent: "claude-cli/1.0.98 (external, cli)" } },
};
const sessions: Record<string, Record<string, unknown>> = {
  "no session": {},
  "SSO session": { session: { kind: "sso", issuer: "AWSReservedSSO_Admin" } },
};
const uses: Record<string, { event: Record<string, unknown>; credential: Record<string, unknown> }> = {
  "production delete, staging key expired before": {
    event: { operation: "volumeDelete", resource: "railway:volume/pg-data", environment: "production" },
    credential: { environments: ["staging"], expires_at: "2026-11-21T00:00:00Z" },
  },
  "production delete, key valid everywhere": {
    event: { operation: "volumeDelete", resource: "railway:volume/pg-data", environment: "production" },
    credential: { environments: ["*"] },
  },
  "staging read, staging key": {
    event: { operation: "GetObject", resource: "s3://staging-bucket/a", environment: "staging" },
    credential: { environments: ["staging"] },
  },
};

type Case = { name: string; event: Record<string, unknown>; credential: Record<string, unknown> };

const cases: Case[] = Object.entries(stated).flatMap(([statedName, statedFields]) =>
  principals.flatMap((principal) =>
    Object.entries(origins).flatMap(([originName, origin]) =>
      Object.entries(sessions).flatMap(([sessionName, session]) =>
        Object.entries(uses).map(([useName, use]) => ({
          name: [statedName, `principal ${principal ?? "not stated"}`, originName, sessionName, useName].join(" / "),
          event: { occurred_at: "2026-11-22T10:00:00Z", actor: "alice@example.com", outcome: "success", ...use.event, ...statedFields, ...origin, ...session },
          credential: { provider: "railway", kind: "api_token", team: "Team A", ...(principal ? { principal_type: principal } : {}), ...use.credential },
        })),
      ),
    ),
  ),
);

/** Each path's events and credentials have ids of their own: `${path}-${i}` and `key-${path}-${i}`. */
function eventsOf(path: string): string {
  return cases.map((c, i) => JSON.stringify({ event_id: `${path}-${i}`, credential: { external_id: `key-${path}-${i}` }, ...c.event })).join("\n");
}

/** The same events as CSV rows, every cell quoted. */
function csvOf(path: string): string {
  const columns = ["event_id", "credential_external_id", "occurred_at", "actor", "outcome", "operation", "resource", "environment", "actor_type", "on_behalf_of", "agent_name", "tags", "user_agent", "session_kind", "session_issuer"];
  const rows = cases.map(({ event: e }, i) => {
    const nested = (key: string) => (e[key] ?? {}) as Record<string, string>;
    const tags = Object.entries(nested("tags")).map(([k, v]) => `${k}=${v}`).join(";");
    const flat: Record<string, unknown> = { ...e, event_id: `${path}-${i}`, credential_external_id: `key-${path}-${i}`, tags, user_agent: nested("origin").user_agent, session_kind: nested("session").kind, session_issuer: nested("session").issuer };
    return columns.map((c) => `"${String(flat[c] ?? "")}"`).join(",");
  });
  return [columns.join(","), ...rows].join("\n");
}

function inventoryOf(path: string): string {
  return JSON.stringify(cases.map((c, i) => ({ external_id: `key-${path}-${i}`, ...c.credential })));
}

type Judged = {
  source_event_id: string;
  credential_id: string | null;
  actor_type: string;
  attribution_reason: string;
  on_behalf_of: string | null;
  agent_name: string | null;
  cross_env: boolean;
  after_expiry: boolean;
  unapproved_destructive: boolean;
  flagged: boolean;
  flag_reasons: Record<string, string>;
};

/** The judgement of each case's event on one path, with the path's credential id written as "<credential>". */
async function judgedOn(path: string): Promise<Record<string, Omit<Judged, "source_event_id" | "credential_id">>> {
  const rows = await rowsOf<Judged>(
    db(),
    sql`select source_event_id, credential_id, actor_type, attribution_reason, on_behalf_of, agent_name, cross_env, after_expiry,
          unapproved_destructive, flagged, flag_reasons
        from activity_events where source_event_id like ${`${path}-%`}`,
  );
  expect(rows.length).toBe(cases.length);
  const byCase: Record<string, Omit<Judged, "source_event_id" | "credential_id">> = {};
  for (const { source_event_id, credential_id, ...judged } of rows) {
    expect(credential_id).not.toBeNull();
    const reasons = JSON.stringify(judged.flag_reasons).replaceAll(credential_id!, "<credential>");
    byCase[cases[Number(source_event_id.slice(path.length + 1))]!.name] = { ...judged, flag_reasons: JSON.parse(reasons) as Record<string, string> };
  }
  return byCase;
}

/** An AWS-shaped access key id (ASIA + 16 base32 characters) from a seeded generator: a fake, never a real key. */
function fakeAccessKeyId(random: () => number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  return "ASIA" + Array.from({ length: 16 }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
}

/** A role session started for a person (its sourceIdentity), deleting a bucket with the given key. */
function cloudTrailOf(eventId: string, keyId: string): string {
  const userIdentity = {
    type: "AssumedRole",
    principalId: "AROAEXAMPLEROLEID:deploy-session",
    arn: "arn:aws:sts::111122223333:assumed-role/deploy/deploy-session",
    accountId: "111122223333",
    accessKeyId: keyId,
    sessionContext: { sourceIdentity: "lead@example.com", sessionIssuer: { type: "Role", userName: "deploy" } },
  };
  const record = { eventVersion: "1.09", eventID: eventId, eventTime: "2026-11-22T10:00:00Z", eventSource: "s3.amazonaws.com", eventName: "DeleteBucket", recipientAccountId: "111122223333", userIdentity, requestParameters: { bucketName: "prod-data" } };
  return JSON.stringify({ Records: [record] });
}

/** Takes the stated fields out of the payload of a path's events, as events stored before the payload kept them. */
async function storedBeforeStatedFields(path: string): Promise<void> {
  await db().execute(sql`update activity_events set payload = (payload::jsonb - 'explicit')::json where source_event_id like ${`${path}-%`}`);
  const [row] = await rowsOf<{ n: number }>(db(), sql`select count(*)::int as n from activity_events where source_event_id like ${`${path}-%`} and payload->'explicit' is not null`);
  expect(row!.n).toBe(0);
}

const migrationOfStatedFields = readFileSync(join(process.cwd(), "db/migrations/0014_event_stated_fields.sql"), "utf8");

describeEachEngine("late linking", () => {
  let f: IdentityFixture;
  let known: Awaited<ReturnType<typeof judgedOn>>;
  const inventory = async (path: string) =>
    expect(await importCredentials(f.admin, { format: "leash-json", source: `inv-${path}`, fileName: `${path}.json`, input: bytes(inventoryOf(path)) })).toMatchObject({ status: "applied" });
  const events = async (path: string, format: "leash-ndjson" | "csv" = "leash-ndjson") =>
    expect(await ingestEvents(f.admin, { format, fileName: path, input: bytes(format === "csv" ? csvOf(path) : eventsOf(path)) })).toMatchObject({ accepted: cases.length, status: "completed" });

  beforeAll(async () => {
    f = await seedIdentity();
    await inventory("known");
    await events("known");
    known = await judgedOn("known");
  });

  test("an event ingested before its credential is judged as one ingested after it: attribution, flags and their reasons", async () => {
    await events("late");
    await inventory("late");
    expect(await judgedOn("late")).toEqual(known);
    // The table reaches every actor type and every flag, so agreeing says something.
    const judged = Object.values(known);
    expect(new Set(judged.map((j) => j.actor_type))).toEqual(new Set(["human", "agent", "service", "unknown"]));
    for (const flag of ["cross_env", "after_expiry", "unapproved_destructive"] as const) {
      expect(new Set(judged.map((j) => j[flag]))).toEqual(new Set([true, false]));
    }
    expect(judged.some((j) => j.on_behalf_of === "alice@example.com")).toBe(true);
  });

  test("NDJSON and CSV events stored before the payload kept their stated fields are judged the same once migrated and linked", async () => {
    await events("legacy-ndjson");
    await events("legacy-csv", "csv");
    await storedBeforeStatedFields("legacy-ndjson");
    await storedBeforeStatedFields("legacy-csv");
    await db().execute(sql.raw(migrationOfStatedFields));
    await inventory("legacy-ndjson");
    await inventory("legacy-csv");
    expect(await judgedOn("legacy-ndjson")).toEqual(known);
    expect(await judgedOn("legacy-csv")).toEqual(known);
  });

  test("a CloudTrail event stored before the payload kept its session's sourceIdentity still acts for that person once linked", async () => {
    const random = seededRandom(1414);
    const [knownKey, legacyKey] = [fakeAccessKeyId(random), fakeAccessKeyId(random)];
    const agentKey = (external_id: string, public_id: string) => ({ external_id, public_id, provider: "aws", kind: "access_key", team: "Team A", principal_type: "agent" });
    await importCredentials(f.admin, { format: "leash-json", source: "ct-known", fileName: "ct-known.json", input: bytes(JSON.stringify([agentKey("ct-known", knownKey)])) });
    await ingestEvents(f.admin, { format: "cloudtrail", fileName: "ct-known.json", input: bytes(cloudTrailOf("ct-known-1", knownKey)) });
    await ingestEvents(f.admin, { format: "cloudtrail", fileName: "ct-legacy.json", input: bytes(cloudTrailOf("ct-legacy-1", legacyKey)) });
    await storedBeforeStatedFields("ct-legacy");
    await db().execute(sql.raw(migrationOfStatedFields));
    await importCredentials(f.admin, { format: "leash-json", source: "ct-legacy", fileName: "ct-legacy.json", input: bytes(JSON.stringify([agentKey("ct-legacy", legacyKey)])) });
    const judged = async (eventId: string) =>
      (await rowsOf<{ actor_type: string; attribution_reason: string; on_behalf_of: string | null }>(db(), sql`select actor_type, attribution_reason, on_behalf_of from activity_events where source_event_id = ${eventId}`))[0];
    expect(await judged("ct-known-1")).toEqual({ actor_type: "agent", attribution_reason: "The credential belongs to an agent principal.", on_behalf_of: "lead@example.com" });
    expect(await judged("ct-legacy-1")).toEqual(await judged("ct-known-1"));
  });
});
