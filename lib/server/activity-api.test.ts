import { gzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, expect, test } from "vitest";
import { GET as listApprovalsRoute } from "@/app/api/v1/approvals/route";
import { POST as webhook } from "@/app/api/v1/approvals/webhook/route";
import { GET as getEventRoute } from "@/app/api/v1/events/[id]/route";
import { GET as listRoute, POST as ingestRoute } from "@/app/api/v1/events/route";
import { GET as schemaRoute } from "@/app/api/v1/schemas/event.json/route";
import { NUL_REASON } from "@/lib/domain/storable-text";
import { signWebhook } from "./approval-webhook";
import { createApproval } from "./approvals";
import { db } from "./db";
import { resetEnvForTests } from "./env";
import { importCredentials } from "./imports";
import { rowsOf } from "./sql-rows";
import { bearerToken, idParams, noParams as none } from "./testing/api-client";
import { seedIdentity, type IdentityFixture } from "./testing/fixtures";
import { BASE } from "./testing/routes";
import { describeEachEngine } from "./testing/test-db";

const SECRET = "webhook-test-shared-value";

describeEachEngine("/api/v1 events and approvals", () => {
  let f: IdentityFixture;
  let ingest = "";
  let reader = "";
  beforeAll(async () => {
    process.env.LEASH_APPROVAL_WEBHOOK_SECRET = SECRET;
    resetEnvForTests();
    f = await seedIdentity();
    ingest = await bearerToken(f, ["ingest"]);
    reader = await bearerToken(f, ["read"], f.engineerA);
  });
  afterAll(() => {
    delete process.env.LEASH_APPROVAL_WEBHOOK_SECRET;
    resetEnvForTests();
  });

  test("gzip NDJSON streams in; the counts come back; a read token cannot ingest", async () => {
    const lines = Array.from({ length: 50 }, (_, i) => JSON.stringify({ event_id: `g-${i}`, occurred_at: "2026-11-20T10:00:00Z", operation: "GetObject", outcome: "success", actor_type: "service" })).join("\n");
    const post = (token: string) => ingestRoute(new NextRequest(`${BASE}/api/v1/events?file=batch.ndjson.gz`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: gzipSync(lines) }), none);
    const response = await post(ingest);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ accepted: 50, duplicate: 0, rejected: 0, status: "completed" });
    expect((await post(reader)).status).toBe(403);
    const again = await (await post(ingest)).json();
    expect(again).toMatchObject({ accepted: 0, duplicate: 50 });
  });

  test("a send whose every line is rejected answers 422 with its report; one with a line stored answers 200", async () => {
    const post = (text: string) => ingestRoute(new NextRequest(`${BASE}/api/v1/events?file=bad.ndjson`, { method: "POST", headers: { authorization: `Bearer ${ingest}` }, body: text }), none);
    const bad = JSON.stringify({ event_id: "r-1", occurred_at: "2026-11-20T10:00:00Z", operation: "GetObject" }); // no outcome
    const refused = await post(`${bad}\n${bad.replace("r-1", "r-2")}\n`);
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ accepted: 0, duplicate: 0, rejected: 2, errors: [{ line: 1, field: "outcome" }, { line: 2, field: "outcome" }] });
    const good = JSON.stringify({ event_id: "r-3", occurred_at: "2026-11-20T10:00:00Z", operation: "GetObject", outcome: "success" });
    const partial = await post(`${bad}\n${good}\n`);
    expect(partial.status).toBe(200);
    expect(await partial.json()).toMatchObject({ accepted: 1, rejected: 1 });
  });

  test("a small batch with a declared length is ingested in the request; a large one, or one asking to respond async, becomes a job", async () => {
    const jobs = async () => (await rowsOf<{ n: number }>(db(), sql`select count(*)::int as n from jobs where kind = 'ingest'`))[0]!.n;
    const body = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => JSON.stringify({ event_id: `${prefix}-${i}`, occurred_at: "2026-11-20T10:00:00Z", operation: "GetObject", outcome: "success" })).join("\n");
    const post = (text: string, headers: Record<string, string> = {}) =>
      ingestRoute(new NextRequest(`${BASE}/api/v1/events`, { method: "POST", headers: { authorization: `Bearer ${ingest}`, "content-length": String(Buffer.byteLength(text)), ...headers }, body: text }), none);
    const before = await jobs();
    const small = await post(body("inline", 20));
    expect(await small.json()).toMatchObject({ accepted: 20, status: "completed" });
    expect(await jobs()).toBe(before);

    const queued = await post(body("async", 20), { prefer: "respond-async" });
    expect(queued.status).toBe(202);
    expect(await jobs()).toBe(before + 1);

    const large = body("large", 3000); // over the 256 KB default
    expect(Buffer.byteLength(large)).toBeGreaterThan(256 * 1024);
    expect(await (await post(large)).json()).toMatchObject({ accepted: 3000, status: "completed" });
    expect(await jobs()).toBe(before + 2);
  });

  test("an event id that is not a number, or outside the engineer's teams, is 404", async () => {
    const r = await getEventRoute(new NextRequest(`${BASE}/api/v1/events/abc`, { headers: { authorization: `Bearer ${reader}` } }), idParams("abc"));
    expect(r.status).toBe(404);
    const page = await (await listRoute(new NextRequest(`${BASE}/api/v1/events`, { headers: { authorization: `Bearer ${reader}` } }), none)).json();
    expect(page.items).toEqual([]); // the events above name no credential of team A
  });

  test("another team's event id as a list cursor answers like an id that does not exist: no page of one's own events", async () => {
    async function* bytes(text: string): AsyncGenerator<Uint8Array> {
      yield new TextEncoder().encode(text);
    }
    const records = [{ external_id: "cursor-a", provider: "aws", kind: "access_key", team: "Team A" }, { external_id: "cursor-b", provider: "aws", kind: "access_key", team: "Team B" }];
    await importCredentials(f.admin, { format: "leash-json", source: "cursor-probe", fileName: "c.json", input: bytes(JSON.stringify(records)) });
    const event = (id: string, credential: string, hoursAgo: number) =>
      JSON.stringify({ event_id: id, occurred_at: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(), credential: { external_id: credential }, actor: "bot", operation: "GetObject", resource: "s3://cursor/x", outcome: "success" });
    // Team B's events are older than team A's: a cursor at A's event would page on to them.
    const lines = [event("cursor-a-1", "cursor-a", 1), event("cursor-b-1", "cursor-b", 2), event("cursor-b-2", "cursor-b", 3)].join("\n");
    const ingested = await ingestRoute(new NextRequest(`${BASE}/api/v1/events`, { method: "POST", headers: { authorization: `Bearer ${ingest}` }, body: lines }), none);
    expect(await ingested.json()).toMatchObject({ accepted: 3 });
    const [teamAEvent] = await rowsOf<{ id: number }>(db(), sql`select e.id from activity_events e join credentials c on c.id = e.credential_id where c.external_id = 'cursor-a'`);
    const engineerB = await bearerToken(f, ["read"], f.engineerB);
    const list = async (search: string) => (await listRoute(new NextRequest(`${BASE}/api/v1/events?${search}`, { headers: { authorization: `Bearer ${engineerB}` } }), none)).json();
    const first = await list("limit=1");
    expect(first.items).toHaveLength(1);
    expect((await list(`limit=1&cursor=${first.nextCursor}`)).items).toHaveLength(1); // B's own cursor pages on
    const foreign = await list(`cursor=${teamAEvent!.id}`);
    const absent = await list("cursor=987654321");
    expect(absent.items).toEqual([]);
    expect(foreign).toEqual(absent);
  });

  test("listed events carry their attribution reason and the reasons of the flags raised, of those alone", async () => {
    const line = (id: string, over: Record<string, unknown>) => JSON.stringify({ event_id: id, occurred_at: "2026-11-21T10:00:00Z", resource: "reasons-db", outcome: "success", environment: "production", ...over });
    const lines = [line("reason-1", { operation: "DROP TABLE t", statement: "DROP TABLE t", actor_type: "agent" }), line("reason-2", { operation: "SELECT", actor_type: "human" })].join("\n");
    await ingestRoute(new NextRequest(`${BASE}/api/v1/events`, { method: "POST", headers: { authorization: `Bearer ${ingest}` }, body: lines }), none);
    const admin = await bearerToken(f, ["read"]);
    const page = await (await listRoute(new NextRequest(`${BASE}/api/v1/events?q=reasons-db`, { headers: { authorization: `Bearer ${admin}` } }), none)).json();
    const byActor = Object.fromEntries(page.items.map((e: { actorType: string }) => [e.actorType, e]));
    expect(byActor.agent).toMatchObject({ attributionReason: "The event's actor_type field says agent.", flagReasons: { unapprovedDestructive: expect.stringMatching(/^an agent ran destructive DROP TABLE t/) } });
    expect(Object.keys(byActor.agent.flagReasons)).toEqual(["unapprovedDestructive"]);
    expect(byActor.human).toMatchObject({ attributionReason: "The event's actor_type field says human.", flagReasons: {} });
  });

  test("approvals are listed in keyset pages: following nextCursor lists each once; a bad cursor is a 400 naming it", async () => {
    for (const i of [1, 2, 3]) await createApproval(f.admin, { approver: "lead@x.test", requester: "dev@x.test", operation: "delete", resource: `paged-${i}`, environment: "production", approvedAt: "2026-11-20T10:00:00Z", expiresAt: "2026-11-20T12:00:00Z", reference: `PAGE-${i}`, channel: "ticket" });
    const list = (search: string) => listApprovalsRoute(new NextRequest(`${BASE}/api/v1/approvals?${search}`, { headers: { authorization: `Bearer ${reader}` } }), none);
    const all = (await (await list("limit=500")).json()).approvals.map((a: { id: string }) => a.id);
    expect(all.length).toBeGreaterThanOrEqual(3);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await (await list(`limit=2${cursor ? `&cursor=${cursor}` : ""}`)).json();
      expect(page.approvals.length).toBeLessThanOrEqual(2);
      paged.push(...page.approvals.map((a: { id: string }) => a.id));
      cursor = page.nextCursor;
    } while (cursor && paged.length <= all.length);
    expect(paged).toEqual(all);
    const refused = await list("cursor=1");
    expect([refused.status, (await refused.json()).error.fields]).toEqual([400, { cursor: "is not a cursor from this list" }]);
  });

  test("signed approvals are accepted once; a bad signature, a stale timestamp and a replay are refused", async () => {
    const body = JSON.stringify({ approver: "lead@x.test", requester: "dev@x.test", operation: "DeleteDBInstance", resource: "arn:aws:rds:*:db:orders-old", environment: "production", approved_at: "2026-11-20T10:00:00Z", expires_at: "2026-11-20T12:00:00Z", reference: "C123/1732100000.000100" });
    const now = Math.floor(Date.now() / 1000);
    const send = (headers: Record<string, string>) => webhook(new NextRequest(`${BASE}/api/v1/approvals/webhook`, { method: "POST", headers, body }));
    const ok = await send({ "x-slack-request-timestamp": String(now), "x-slack-signature": signWebhook(SECRET, now, body) });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ approver: "lead@x.test", channel: "slack" });
    expect((await send({ "x-slack-request-timestamp": String(now), "x-slack-signature": signWebhook(SECRET, now, body) })).status).toBe(409);
    expect((await send({ "x-slack-request-timestamp": String(now), "x-slack-signature": signWebhook("another-secret-entirely", now, body) })).status).toBe(401);
    const stale = now - 3600;
    expect((await send({ "x-slack-request-timestamp": String(stale), "x-slack-signature": signWebhook(SECRET, stale, body) })).status).toBe(401);
  });

  test("a signed approval with a string no column can store is a 400 naming the field, not a failed insert", async () => {
    const body = JSON.stringify({ approver: "lead@x.test", requester: "dev@x.test", operation: "DeleteDBInstance", resource: "arn:aws:rds:*:db:orders\u0000", environment: "production", approved_at: "2026-11-20T10:00:00Z", expires_at: "2026-11-20T12:00:00Z", reference: "C123/1732100000.000200" });
    const now = Math.floor(Date.now() / 1000);
    const response = await webhook(new NextRequest(`${BASE}/api/v1/approvals/webhook`, { method: "POST", headers: { "x-slack-request-timestamp": String(now), "x-slack-signature": signWebhook(SECRET, now, body) }, body }));
    expect([response.status, (await response.json()).error]).toEqual([400, expect.objectContaining({ fields: { resource: NUL_REASON } })]);
  });

  test("a signed approval that is not a valid payload is a 400 naming each field as the sender wrote it", async () => {
    const now = Math.floor(Date.now() / 1000);
    const post = (body: string) =>
      webhook(new NextRequest(`${BASE}/api/v1/approvals/webhook`, { method: "POST", headers: { "x-slack-request-timestamp": String(now), "x-slack-signature": signWebhook(SECRET, now, body) }, body }));
    const error = async (body: string) => {
      const response = await post(body);
      return [response.status, (await response.json()).error.fields];
    };
    const approval = { approver: "lead@x.test", requester: "dev@x.test", operation: "DeleteDBInstance", resource: "orders", environment: "production", approved_at: "2026-11-20T10:00:00Z", expires_at: "2026-11-20T12:00:00Z", reference: "C123/1" };
    const { reference: _, ...noReference } = approval;
    expect(await error(JSON.stringify(noReference))).toEqual([400, { reference: expect.any(String) }]);
    expect(await error(JSON.stringify({ ...approval, approved_at: "yesterday", environment: "prod" }))).toEqual([400, { approved_at: expect.any(String), environment: expect.any(String) }]);
    expect(await error(JSON.stringify({ ...approval, expires_at: "2026-11-20T09:00:00Z" }))).toEqual([400, { expires_at: "expires_at must be after approved_at" }]);
    // Left empty, a field the approval cannot do without is missing, not a wrong value.
    expect(await error(JSON.stringify({ ...approval, environment: "" }))).toEqual([400, { environment: "is required" }]);
    expect(await error("{not json")).toEqual([400, { body: "is not JSON" }]);
  });

  test("the event JSON Schema is served", async () => {
    const schema = await schemaRoute().json();
    expect(schema.$id).toBe("/api/v1/schemas/event.json");
    expect(schema.required).toEqual(expect.arrayContaining(["occurred_at", "operation", "outcome"]));
  });
});
