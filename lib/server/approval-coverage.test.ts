import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, expect, test } from "vitest";
import { POST as webhook } from "@/app/api/v1/approvals/webhook/route";
import { GET as getEventRoute } from "@/app/api/v1/events/[id]/route";
import { ingestEvents } from "./activity-ingest";
import { flaggedTotals, getEvent, listEvents } from "./activity";
import { signWebhook } from "./approval-webhook";
import { createApproval } from "./approvals";
import { db } from "./db";
import { resetEnvForTests } from "./env";
import { listFindings } from "./findings";
import { importCredentials } from "./imports";
import { setEnvironmentRules } from "./settings";
import { rowsOf } from "./sql-rows";
import { bearerToken, idParams } from "./testing/api-client";
import { seedIdentity, type IdentityFixture } from "./testing/fixtures";
import { BASE } from "./testing/routes";
import { describeEachEngine } from "./testing/test-db";

// An agent's delete is often ingested minutes before its Slack approval reaches Leash, which counts it from the time
// it states (within the grace): recording it must clear the stored flag as R16 resolves, not leave the event flagged.

const SECRET = "approval-coverage-test-shared-value";

async function* bytes(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

/** The day counts against a recount of the events themselves (kept by triggers; see day-counts.test.ts). */
async function dayCountsAndRecount() {
  const counts = await rowsOf(db(), sql`select day::text as day, team_key, actor_type::text as actor_type, events, flagged, unapproved_destructive as unapproved
    from activity_day_counts where events <> 0 or flagged <> 0 or unapproved_destructive <> 0 order by 1, 2, 3`);
  const recount = await rowsOf(db(), sql`select (occurred_at at time zone 'UTC')::date::text as day, coalesce(team_id::text, '') as team_key, actor_type::text as actor_type,
    count(*)::int as events, (count(*) filter (where flagged))::int as flagged, (count(*) filter (where unapproved_destructive))::int as unapproved
    from activity_events group by 1, 2, 3 order by 1, 2, 3`);
  return { counts, recount };
}

describeEachEngine("an approval recorded after the event it covers", () => {
  let f: IdentityFixture;
  beforeAll(async () => {
    process.env.LEASH_APPROVAL_WEBHOOK_SECRET = SECRET;
    resetEnvForTests();
    f = await seedIdentity();
    await setEnvironmentRules(f.admin, { rules: [{ match: "project", pattern: "prod-*", environment: "production" }] });
    const inventory = JSON.stringify([
      { external_id: "rw-prod", provider: "railway", kind: "api_token", team: "Team A", environments: ["production"], principal_type: "service" },
      { external_id: "rw-staging", provider: "railway", kind: "api_token", team: "Team A", environments: ["staging"], principal_type: "service" },
    ]);
    await importCredentials(f.admin, { format: "leash-json", source: "inv", fileName: "inv.json", input: bytes(inventory) });
  });
  afterAll(() => {
    delete process.env.LEASH_APPROVAL_WEBHOOK_SECRET;
    resetEnvForTests();
  });

  /** Ingests agent volume deletes in production, each `[id, resource, minutes ago, credential]`; answers their ids. */
  async function agentDeletes(deletes: [string, string, number, string?][]): Promise<Record<string, number>> {
    const lines = deletes.map(([id, resource, ago, credential]) =>
      JSON.stringify({ event_id: id, occurred_at: minutes(-ago), credential: { external_id: credential ?? "rw-prod" }, actor: "claude", actor_type: "agent", operation: "volumeDelete", resource, scope: { project_id: "prod-1" }, outcome: "success" }),
    );
    await ingestEvents(f.admin, { format: "leash-ndjson", fileName: "deletes.ndjson", input: bytes(lines.join("\n") + "\n") });
    const rows = await rowsOf<{ id: number; source_event_id: string }>(db(), sql`select id, source_event_id from activity_events where source_event_id = any(${`{${deletes.map(([id]) => id).join(",")}}`}::text[])`);
    return Object.fromEntries(rows.map((r) => [r.source_event_id, Number(r.id)]));
  }

  const approve = (resource: string, approvedAt: string, expiresAt: string, reference: string) =>
    createApproval(f.admin, { approver: "lead@example.com", requester: "dev@example.com", operation: "volumeDelete", resource, environment: "production", approvedAt, expiresAt, reference, channel: "slack" });

  const openR16 = async (eventId: number) => (await listFindings(f.admin, { rule: "R16", subjectKind: "event", subjectId: String(eventId) })).items.length;

  test("clears the stored flag, flagged, the reason, the day counts and R16; another flag keeps the event flagged", async () => {
    const ids = await agentDeletes([["late-1", "railway:volume/pg-data", 2], ["late-2", "railway:volume/pg-logs", 3, "rw-staging"]]);
    const before = await getEvent(f.admin, ids["late-1"]!);
    expect(before).toMatchObject({ unapprovedDestructive: true, flagged: true, crossEnv: false, coveringApproval: null });
    expect(before.flagReasons.unapprovedDestructive).toMatch(/no approval names this resource and operation/);
    expect(await openR16(ids["late-1"]!)).toBe(1);
    const totals = await flaggedTotals(f.admin, 2);

    // Given in Slack five minutes ago, reaching Leash now: it counts from five minutes ago, before both deletes.
    await approve("railway:volume/pg-*", minutes(-5), minutes(60), "SLACK-200");

    const after = await getEvent(f.admin, ids["late-1"]!);
    expect(after).toMatchObject({ unapprovedDestructive: false, flagged: false });
    expect(after.flagReasons.unapprovedDestructive).toBe("approved by lead@example.com (slack SLACK-200)");
    expect(after.flagReasons.crossEnv).toBe(before.flagReasons.crossEnv);
    expect(after.coveringApproval).toMatchObject({ approver: "lead@example.com", channel: "slack", reference: "SLACK-200" });
    // Used with a staging-scoped token, the other event stays flagged for that alone.
    expect(await getEvent(f.admin, ids["late-2"]!)).toMatchObject({ unapprovedDestructive: false, crossEnv: true, flagged: true });
    const flaggedList = (await listEvents(f.admin, { flagged: "true" })).items.map((e) => e.id);
    expect(flaggedList).not.toContain(ids["late-1"]);
    expect(flaggedList).toContain(ids["late-2"]);
    expect(await flaggedTotals(f.admin, 2)).toEqual({ flagged: totals.flagged - 1, unapprovedDestructive: totals.unapprovedDestructive - 2 });
    const { counts, recount } = await dayCountsAndRecount();
    expect(counts).toEqual(recount);
    expect(await openR16(ids["late-1"]!)).toBe(0);
    expect(await openR16(ids["late-2"]!)).toBe(0);
  });

  test("an approval that does not cover the event changes nothing: another resource, expired before it, or counted only from after it", async () => {
    const ids = await agentDeletes([["miss-1", "railway:volume/cache-1", 2], ["miss-2", "railway:volume/old-1", 20], ["miss-3", "railway:volume/late-1", 40]]);
    const stored = async () => rowsOf(db(), sql`select id, unapproved_destructive, flagged, flag_reasons::text from activity_events where id in (${ids["miss-1"]}, ${ids["miss-2"]}, ${ids["miss-3"]}) order by id`);
    const before = await stored();
    const totals = await flaggedTotals(f.admin, 2);

    await approve("railway:volume/other-*", minutes(-5), minutes(60), "SLACK-301");
    // In force from 60 to 30 minutes ago, and the delete came 20 minutes ago.
    await approve("railway:volume/old-*", minutes(-60), minutes(-30), "SLACK-302");
    // Stated 50 minutes ago but recorded now, past the grace: it counts from now, after the delete 40 minutes ago.
    await approve("railway:volume/late-*", minutes(-50), minutes(60), "SLACK-303");

    expect(await stored()).toEqual(before);
    expect(before.every((r) => (r as { unapproved_destructive: boolean }).unapproved_destructive)).toBe(true);
    expect(await flaggedTotals(f.admin, 2)).toEqual(totals);
    for (const id of Object.values(ids)) {
      expect((await getEvent(f.admin, id)).coveringApproval).toBeNull();
      expect(await openR16(id)).toBe(1);
    }
  });

  test("an approval recorded while an ingest runs clears the events the run stores after it", async () => {
    const line = JSON.stringify({ event_id: "during-1", occurred_at: minutes(-2), credential: { external_id: "rw-prod" }, actor: "claude", actor_type: "agent", operation: "volumeDelete", resource: "railway:volume/during-data", scope: { project_id: "prod-1" }, outcome: "success" });
    // The run reads the approvals held when it starts; this one is recorded after its event is read but before the
    // batch holding it is written, so neither the run's judgement nor the approval's own clearing sees the pair.
    async function* slowFile(): AsyncGenerator<Uint8Array> {
      yield new TextEncoder().encode(line + "\n");
      await approve("railway:volume/during-*", minutes(-5), minutes(60), "SLACK-400");
    }
    expect(await ingestEvents(f.admin, { format: "leash-ndjson", fileName: "during.ndjson", input: slowFile() })).toMatchObject({ accepted: 1 });
    const [row] = await rowsOf<{ id: number }>(db(), sql`select id from activity_events where source_event_id = 'during-1'`);
    const event = await getEvent(f.admin, Number(row!.id));
    expect(event).toMatchObject({ unapprovedDestructive: false, flagged: false, coveringApproval: { reference: "SLACK-400" } });
    expect(event.flagReasons.unapprovedDestructive).toBe("approved by lead@example.com (slack SLACK-400)");
  });

  test("an approval from the signed webhook clears the flag too, and the event API names the approval that covers it", async () => {
    const ids = await agentDeletes([["hook-1", "railway:volume/hook-data", 2]]);
    const body = JSON.stringify({ approver: "oncall@example.com", requester: "dev@example.com", operation: "volumeDelete", resource: "railway:volume/hook-*", environment: "production", approved_at: minutes(-4), expires_at: minutes(30), reference: "C999/1732100000.000900" });
    const now = Math.floor(Date.now() / 1000);
    const delivered = await webhook(new NextRequest(`${BASE}/api/v1/approvals/webhook`, { method: "POST", headers: { "x-slack-request-timestamp": String(now), "x-slack-signature": signWebhook(SECRET, now, body) }, body }));
    expect(delivered.status).toBe(201);
    const { id: approvalId } = await delivered.json();

    const token = await bearerToken(f, ["read"], f.engineerA);
    const response = await getEventRoute(new NextRequest(`${BASE}/api/v1/events/${ids["hook-1"]}`, { headers: { authorization: `Bearer ${token}` } }), idParams(String(ids["hook-1"])));
    expect(response.status).toBe(200);
    const event = await response.json();
    expect(event).toMatchObject({ unapprovedDestructive: false, flagged: false, approvalRef: null });
    expect(event.flagReasons.unapprovedDestructive).toBe("approved by oncall@example.com (slack C999/1732100000.000900)");
    expect(event.coveringApproval).toEqual({ id: approvalId, approver: "oncall@example.com", channel: "slack", reference: "C999/1732100000.000900", approvedAt: expect.any(String) });
  });
});
