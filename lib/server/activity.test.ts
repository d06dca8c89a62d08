import { gzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { NUL_REASON, SURROGATE_REASON } from "@/lib/domain/storable-text";
import { EXAMPLE_KEY_IDS, listAccessKeysOutput } from "@/lib/ingest/credentials/fixtures/aws-list-access-keys";
import { ingestEvents } from "./activity-ingest";
import { getEvent, listEvents } from "./activity";
import { createApproval } from "./approvals";
import { db } from "./db";
import { importCredentials } from "./imports";
import { setEnvironmentRules } from "./settings";
import { rowsOf } from "./sql-rows";
import { seedIdentity, type IdentityFixture } from "./testing/fixtures";
import { describeEachEngine } from "./testing/test-db";
import { seededRandom } from "@/lib/domain/seeded-random";

/** An AWS-shaped access key id (AKIA + 16 base32 characters) from a seeded generator: a fake, never a real key. */
function fakeAccessKeyId(random: () => number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  return "AKIA" + Array.from({ length: 16 }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
}

async function* bytes(data: string | Uint8Array): AsyncGenerator<Uint8Array> {
  yield typeof data === "string" ? new TextEncoder().encode(data) : data;
}

async function storedCount(sourceEventIds: string): Promise<number> {
  const [row] = await rowsOf<{ n: number }>(db(), sql`select count(*)::int as n from activity_events where source_event_id like ${sourceEventIds}`);
  return row!.n;
}

const ndjson = (events: Record<string, unknown>[]) => events.map((e) => JSON.stringify(e)).join("\n") + "\n";

function event(id: string, over: Record<string, unknown> = {}) {
  return { event_id: id, occurred_at: "2026-11-20T09:00:00Z", credential: { external_id: "rw-1" }, actor: "deploy-bot", operation: "serviceRedeploy", resource: "railway:service/web", scope: { project_id: "prod-1" }, outcome: "success", ...over };
}

describeEachEngine("activity ingest", () => {
  let f: IdentityFixture;
  beforeAll(async () => {
    f = await seedIdentity();
    await setEnvironmentRules(f.admin, { rules: [{ match: "project", pattern: "prod-*", environment: "production" }] });
    const inventory = JSON.stringify([
      { external_id: "rw-1", provider: "railway", kind: "api_token", team: "Team A", environments: ["staging"], agent_accessible: true, principal_type: "service", expires_at: "2026-11-21T00:00:00.000Z" },
    ]);
    await importCredentials(f.admin, { format: "leash-json", source: "inv", fileName: "inv.json", input: bytes(inventory) });
  });

  test("events are stored once per ingest key; re-sending the file adds nothing", async () => {
    const file = ndjson([event("e-1"), event("e-2", { occurred_at: "2026-11-20T09:00:05Z" })]);
    expect(await ingestEvents(f.admin, { format: "leash-ndjson", fileName: "a.ndjson", input: bytes(file) })).toMatchObject({ accepted: 2, duplicate: 0, rejected: 0, status: "completed" });
    expect(await ingestEvents(f.admin, { format: "leash-ndjson", fileName: "a.ndjson", input: bytes(file) })).toMatchObject({ accepted: 0, duplicate: 2 });
  });

  test("an event repeated in the same batch, or in a later batch while the one before is being written, is stored once", async () => {
    // 1,000 events make a batch: the repeat of rep-0 comes in the second batch, prepared while the first is written.
    const events = Array.from({ length: 1500 }, (_, i) => event(`rep-${i}`));
    const file = ndjson([...events, event("rep-0"), event("rep-1499"), event("rep-1499")]);
    expect(await ingestEvents(f.admin, { format: "leash-ndjson", fileName: "repeats.ndjson", input: bytes(file) })).toMatchObject({ accepted: 1500, duplicate: 3, status: "completed" });
    expect(await storedCount("rep-%")).toBe(1500);
  });

  test("the same file sent twice at once stores each event once; between them every event is accepted once", async () => {
    const file = ndjson(Array.from({ length: 2500 }, (_, i) => event(`twice-${i}`)));
    const reports = await Promise.all([1, 2].map(() => ingestEvents(f.admin, { format: "leash-ndjson", fileName: "twice.ndjson", input: bytes(file) })));
    expect(reports.map((r) => r.status)).toEqual(["completed", "completed"]);
    expect(reports[0]!.accepted + reports[1]!.accepted).toBe(2500);
    expect(reports[0]!.duplicate + reports[1]!.duplicate).toBe(2500);
    expect(await storedCount("twice-%")).toBe(2500);
  });

  test("a file of new events that goes on into events stored before counts each of those as a duplicate", async () => {
    // The first batch finds nothing stored, so later batches are written without asking first; the stored events
    // they meet send them through the conflict-skipping path.
    const earlier = ndjson(Array.from({ length: 1200 }, (_, i) => event(`later-${i}`)));
    expect(await ingestEvents(f.admin, { format: "leash-ndjson", fileName: "earlier.ndjson", input: bytes(earlier) })).toMatchObject({ accepted: 1200 });
    const fresh = Array.from({ length: 1500 }, (_, i) => event(`fresh-${i}`));
    const file = ndjson([...fresh, ...Array.from({ length: 1200 }, (_, i) => event(`later-${i}`)), event("fresh-last")]);
    expect(await ingestEvents(f.admin, { format: "leash-ndjson", fileName: "mixed.ndjson", input: bytes(file) })).toMatchObject({ accepted: 1501, duplicate: 1200, rejected: 0, status: "completed" });
    expect(await storedCount("fresh-%")).toBe(1501);
    expect(await storedCount("later-%")).toBe(1200);
  });

  test("a line Postgres could not store (a NUL character, an unpaired surrogate) is rejected by number; its batch is kept", async () => {
    const file = [
      JSON.stringify(event("nul-1")),
      JSON.stringify(event("nul-2", { actor: "bad\u0000actor" })), // JSON.stringify writes the NUL as \u0000
      JSON.stringify(event("nul-3", { note: "\\u0000 is only text here" })), // a backslash, then "u0000"
      JSON.stringify(event("nul-4", { actor: "a\ud800b" })), // half a pair, written as \ud800
      JSON.stringify(event("nul-5", { actor: "PAIR" })).replace("PAIR", String.raw`key \ud83d\udd11`), // a whole pair, escaped
    ].join("\n");
    const report = await ingestEvents(f.admin, { format: "leash-ndjson", fileName: "nul.ndjson", input: bytes(file) });
    expect(report).toMatchObject({ accepted: 3, rejected: 2, status: "completed" });
    expect(report.errors).toEqual([
      { line: 2, reason: NUL_REASON },
      { line: 4, reason: `${SURROGATE_REASON} (\\ud800)` },
    ]);
    expect(await storedCount("nul-%")).toBe(3);
  });

  test("a gzip upload cut short fails the run (the rest was never read); the events before the cut are kept, and the whole file completes it", async () => {
    const whole = gzipSync(ndjson(Array.from({ length: 3000 }, (_, i) => event(`cut-${i}`, { actor: `deploy-bot-${i % 97}` }))));
    const cut = whole.subarray(0, Math.floor(whole.length / 2));
    const report = await ingestEvents(f.admin, { format: "leash-ndjson", fileName: "cut.ndjson.gz", input: bytes(cut) });
    expect(report.status).toBe("failed");
    expect(report.failure).toMatch(/gzip input is corrupt or truncated/);
    expect(report.errors.at(-1)).toMatchObject({ reason: "gzip input is corrupt or truncated" });
    expect(report.accepted).toBeGreaterThan(0);
    expect(await storedCount("cut-%")).toBe(report.accepted);
    const [run] = await rowsOf<{ status: string }>(db(), sql`select status from ingest_runs where id = ${report.runId}`);
    expect(run!.status).toBe("failed");
    const again = await ingestEvents(f.admin, { format: "leash-ndjson", fileName: "cut.ndjson.gz", input: bytes(whole) });
    expect(again).toMatchObject({ status: "completed", accepted: 3000 - report.accepted, duplicate: report.accepted, rejected: 0 });
    expect(await storedCount("cut-%")).toBe(3000);
  });

  test("a CSV without a required column fails the run instead of completing with nothing read", async () => {
    const report = await ingestEvents(f.admin, { format: "csv", fileName: "no-outcome.csv", input: bytes("event_id,occurred_at,operation\ncsv-x,2026-11-20T09:00:00Z,GetObject\n") });
    expect(report).toMatchObject({ accepted: 0, status: "failed" });
    expect(report.failure).toMatch(/required column is missing/);
  });

  test("the payload keeps the source's record in its own text, beside the fields read from it", async () => {
    const line = '{"event_id":"raw-1",\t"occurred_at":"2026-11-20T09:00:00Z","credential":{"external_id":"rw-1"},"operation":"GetObject","outcome":"success","actor":"tab\\tbed","extra":{"n":1.50}}';
    expect(await ingestEvents(f.admin, { format: "leash-ndjson", fileName: "raw.ndjson", input: bytes(line) })).toMatchObject({ accepted: 1 });
    const [row] = await rowsOf<{ payload: string }>(db(), sql`select payload::text as payload from activity_events where source_event_id = 'raw-1'`);
    expect(row!.payload).toBe(`{"raw":${line},"tags":{},"session":{},"explicit":{},"scope":{}}`);
    const { items } = await listEvents(f.admin, { q: "raw-1" });
    const detail = await getEvent(f.admin, items.find((e) => e.actor === "tab\tbed")!.id);
    expect(detail.payload).toEqual({ raw: { event_id: "raw-1", occurred_at: "2026-11-20T09:00:00Z", credential: { external_id: "rw-1" }, operation: "GetObject", outcome: "success", actor: "tab\tbed", extra: { n: 1.5 } }, tags: {}, session: {}, explicit: {}, scope: {} });
  });

  test("bad lines are rejected with their line number; the good ones are kept", async () => {
    const file = [JSON.stringify(event("e-3")), "{not json", JSON.stringify(event("e-4", { occurred_at: "2026-11-20T09:00:00" })), JSON.stringify(event("e-5"))].join("\n");
    const report = await ingestEvents(f.admin, { format: "leash-ndjson", fileName: "b.ndjson", input: bytes(file) });
    expect(report).toMatchObject({ accepted: 2, rejected: 2 });
    expect(report.errors.map((e) => e.line)).toEqual([2, 3]);
  });

  test("the nine seconds: an agent deletes a production volume with a token scoped to staging, after expiry, unapproved", async () => {
    await ingestEvents(f.admin, {
      format: "leash-ndjson",
      fileName: "incident.ndjson",
      input: bytes(ndjson([event("e-delete", { occurred_at: "2026-11-21T14:30:09Z", operation: "volumeDelete", resource: "railway:volume/pg-data", origin: { user_agent: "claude-cli/1.0.98 (external, cli)" } })])),
    });
    const { items } = await listEvents(f.admin, { flagged: "true" });
    const incident = items.find((e) => e.rawOperation === "volumeDelete")!;
    expect(incident).toMatchObject({ actorType: "agent", destructive: true, resourceEnvironment: "production", crossEnv: true, afterExpiry: true, unapprovedDestructive: true });
    const detail = await getEvent(f.admin, incident.id);
    expect(detail.flagReasons.unapprovedDestructive).toMatch(/no approval/);
    expect(detail.attributionReason).toMatch(/claude/i);
  });

  test("an approval granted before the operation covers it; one backdated when it is recorded does not", async () => {
    const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();
    const approvalFor = (resource: string, approvedAt: string, expiresAt: string, reference: string) =>
      createApproval(f.admin, { approver: "lead@example.com", requester: "dev@example.com", operation: "volumeDelete", resource, environment: "production", approvedAt, expiresAt, reference, channel: "slack" });
    // Given in Slack five minutes ago and recorded now: it counts from five minutes ago.
    await approvalFor("railway:volume/old-*", minutes(-5), minutes(60), "SLACK-123");
    // Recorded now but claiming last week: it counts only from now, so last week's deletion stays unapproved.
    await approvalFor("railway:volume/archive-*", "2026-11-19T10:00:00Z", minutes(60), "SLACK-124");
    await ingestEvents(f.admin, {
      format: "leash-ndjson",
      fileName: "approved.ndjson",
      input: bytes(ndjson([
        event("e-approved", { occurred_at: minutes(-2), operation: "volumeDelete", resource: "railway:volume/old-cache", actor_type: "agent" }),
        event("e-backdated", { occurred_at: "2026-11-19T12:00:00Z", operation: "volumeDelete", resource: "railway:volume/archive-1", actor_type: "agent" }),
      ])),
    });
    expect((await listEvents(f.admin, { q: "old-cache" })).items[0]).toMatchObject({ destructive: true, unapprovedDestructive: false });
    expect((await listEvents(f.admin, { q: "archive-1" })).items[0]).toMatchObject({ destructive: true, unapprovedDestructive: true });
  });

  test("the approvals held at an instant are read by the index on when they were recorded, not by scanning them all", async () => {
    // With sequential scans ruled out the planner takes the index if there is one, however few the rows.
    const plan = await db().transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return rowsOf<{ "QUERY PLAN": string }>(tx, sql`explain select * from approvals where created_at <= ${new Date("2026-11-20T00:00:00Z")}`);
    });
    expect(plan.map((r) => r["QUERY PLAN"]).join("\n")).toContain("approvals_created_idx");
  });

  test("events of an unknown credential are kept and linked when it is imported", async () => {
    await ingestEvents(f.admin, { format: "leash-ndjson", fileName: "late.ndjson", input: bytes(ndjson([event("e-late", { credential: { external_id: "later-1" } })])) });
    const orphan = (await listEvents(f.admin, { credential: "unlinked" })).items;
    expect(orphan.length).toBe(1);
    expect((await getEvent(f.admin, orphan[0]!.id)).attributionReason).toMatch(/uses a credential Leash does not know \(yet\)/);
    await importCredentials(f.admin, { format: "leash-json", source: "late", fileName: "late.json", input: bytes(JSON.stringify([{ external_id: "later-1", provider: "aws", kind: "access_key", team: "Team B" }])) });
    expect((await listEvents(f.admin, { credential: "unlinked" })).items.length).toBe(0);
    expect((await listEvents(f.engineerB, {})).items.map((e) => e.credential?.externalId)).toEqual(["later-1"]);
  });

  test("an event of a credential imported later is judged with it: flags, their reasons and the principal's actor type", async () => {
    const keyId = fakeAccessKeyId(seededRandom(4004));
    await ingestEvents(f.admin, {
      format: "leash-ndjson",
      fileName: "late-flags.ndjson",
      input: bytes(ndjson([
        { event_id: "late-prod", occurred_at: "2026-11-22T10:00:00Z", credential: { key_id: keyId }, actor: "svc-x", operation: "GetObject", resource: "s3://prod-bucket/a", environment: "production", outcome: "success" },
      ])),
    });
    const before = (await listEvents(f.admin, { q: "prod-bucket" })).items[0]!;
    expect(before).toMatchObject({ actorType: "unknown", crossEnv: false, afterExpiry: false, flagged: false });
    const inventory = [{ external_id: "late-staging-key", provider: "aws", kind: "access_key", public_id: keyId, principal_type: "service", environments: ["staging"], team: "Team B", expires_at: "2026-11-21T00:00:00Z" }];
    await importCredentials(f.admin, { format: "leash-json", source: "late-flags", fileName: "late-flags.json", input: bytes(JSON.stringify(inventory)) });
    const linked = await getEvent(f.admin, before.id);
    expect(linked).toMatchObject({ credential: { externalId: "late-staging-key" }, actorType: "service", crossEnv: true, afterExpiry: true, flagged: true });
    expect(linked.attributionReason).toMatch(/service principal/);
    expect(linked.flagReasons.crossEnv).toMatch(/touched production .* scoped to staging/);
    expect(linked.flagReasons.afterExpiry).toMatch(/after it expired/);
    expect((await listEvents(f.admin, { flagged: "true", q: "prod-bucket" })).items.map((e) => e.id)).toEqual([before.id]);
  });

  test("a key imported from aws iam list-access-keys is the credential its events name by key id", async () => {
    const [keyId] = EXAMPLE_KEY_IDS;
    const run = await importCredentials(f.admin, { format: "aws-access-keys", source: "iam keys", fileName: "keys.json", input: bytes(listAccessKeysOutput()) });
    expect(run).toMatchObject({ status: "applied", counts: { created: 2 } });
    const use = { event_id: "iam-key-use", occurred_at: "2026-11-22T10:00:00Z", credential: { key_id: keyId }, actor: "Bob", operation: "GetObject", resource: "s3://iam-keys/a", outcome: "success" };
    await ingestEvents(f.admin, { format: "leash-ndjson", fileName: "iam-key.ndjson", input: bytes(ndjson([use])) });
    expect((await listEvents(f.admin, { q: "s3://iam-keys/a" })).items[0]?.credential).toMatchObject({ externalId: keyId });
  });

  test("engineers see only their teams' events and get not found for others; only admins ingest", async () => {
    const mine = await listEvents(f.engineerA, {});
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((e) => e.credential?.externalId === "rw-1")).toBe(true);
    const theirs = (await listEvents(f.engineerB, {})).items[0]!;
    await expect(getEvent(f.engineerA, theirs.id)).rejects.toMatchObject({ code: "not_found" });
    for (const viewer of [f.auditor, f.engineerA]) {
      await expect(ingestEvents(viewer, { format: "leash-ndjson", fileName: "x", input: bytes("") })).rejects.toMatchObject({ code: "forbidden" });
    }
  });

  test("a pgaudit statement logged by SESSION and OBJECT auditing is stored once; a log that stored both before stores nothing new", async () => {
    const audit = (type: string, id: number, object: string) =>
      `2026-11-20 10:00:00.000 UTC [4242] LOG:  AUDIT: ${type},${id},1,WRITE,DELETE,${object ? "TABLE" : ""},${object},DELETE FROM public.sessions WHERE id = ${id},<not logged>`;
    const pgaudit = (fileName: string, lines: string[]) => ingestEvents(f.admin, { format: "pgaudit", fileName, input: bytes(lines.join("\n") + "\n") });
    // Each entry on its own is what the parser stored for the pair before pairing them.
    expect(await pgaudit("session.log", [audit("SESSION", 1, "")])).toMatchObject({ accepted: 1 });
    expect(await pgaudit("object.log", [audit("OBJECT", 1, "public.sessions")])).toMatchObject({ accepted: 1 });
    expect(await pgaudit("both.log", [audit("SESSION", 1, ""), audit("OBJECT", 1, "public.sessions")])).toMatchObject({ accepted: 0, duplicate: 1, rejected: 0 });
    expect(await pgaudit("new.log", [audit("SESSION", 2, ""), audit("OBJECT", 2, "public.sessions")])).toMatchObject({ accepted: 1, duplicate: 0, rejected: 0 });
    const [stored] = await rowsOf<{ resource: string }>(db(), sql`select resource from activity_events where payload::text like '%WHERE id = 2%'`);
    expect(stored).toEqual({ resource: "public.sessions" });
  });
});
