import { sql } from "drizzle-orm";
import { beforeAll, expect, test, vi } from "vitest";
import { bytesOf } from "@/lib/ingest/credentials/test-support";
import { ingestEvents } from "./activity-ingest";
import { createApproval } from "./approvals";
import { db } from "./db";
import { runFullEvaluation } from "./evaluation";
import * as held from "./held-approvals";
import { importCredentials } from "./imports";
import { getControl } from "./posture";
import { setEnvironmentRules } from "./settings";
import { rowsOf } from "./sql-rows";
import { seedIdentity, type IdentityFixture } from "./testing/fixtures";
import { describeEachEngine } from "./testing/test-db";

// Every read of the approvals table is counted, wherever it is made from.
vi.mock("./held-approvals", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./held-approvals")>();
  return { ...actual, heldApprovals: vi.fn(actual.heldApprovals), approvalsHeldAt: vi.fn(actual.approvalsHeldAt) };
});

const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

function deletion(id: string, volume: string) {
  return { event_id: id, occurred_at: minutes(-30), credential: { external_id: "rw-1" }, actor: "agent-1", actor_type: "agent", operation: "volumeDelete", resource: `railway:volume/${volume}`, scope: { project_id: "prod-1" }, outcome: "success" };
}

describeEachEngine("a control's population explained as of each subject's run", () => {
  let f: IdentityFixture;
  beforeAll(async () => {
    f = await seedIdentity();
    await setEnvironmentRules(f.admin, { rules: [{ match: "project", pattern: "prod-*", environment: "production" }] });
    const inventory = JSON.stringify([{ external_id: "rw-1", provider: "railway", kind: "api_token", team: "Team A", environments: ["production"], principal_type: "service" }]);
    await importCredentials(f.admin, { format: "leash-json", source: "inv", fileName: "inv.json", input: bytesOf(inventory, 4096) });
    const events = [deletion("d-early", "early"), deletion("d-late", "late")].map((e) => JSON.stringify(e)).join("\n");
    await ingestEvents(f.admin, { format: "leash-ndjson", fileName: "deletions.ndjson", input: bytesOf(`${events}\n`, 4096) });
  });

  test("each instant sees the approvals recorded by it, and the page reads the approvals once", async () => {
    const run = await runFullEvaluation(f.admin, "test");
    // Recorded after the run, claiming an hour ago: the run knew nothing of it, a later run knows it came too late.
    await createApproval(f.admin, { approver: "lead@example.com", requester: "dev@example.com", operation: "volumeDelete", resource: "railway:volume/*", environment: "production", approvedAt: minutes(-60), expiresAt: minutes(60), reference: "SLACK-9", channel: "slack" });
    // As after an incremental run since: the late deletion's verdict was decided after the approval was recorded.
    await db().execute(sql`update subject_verdicts set evaluated_at = case when subject_id = (select id::text from activity_events where source_event_id = 'd-late') then now() + interval '1 second' else ${run.startedAt}::timestamptz end where subject_kind = 'event'`);
    vi.mocked(held.heldApprovals).mockClear();
    vi.mocked(held.approvalsHeldAt).mockClear();
    const page = await getControl(f.admin, "soc2", "CC8.1", { rule: "R16", limit: 50 });
    const reasonOf = (volume: string) => page.population.items.find((i) => i.label.endsWith(`railway:volume/${volume}`))!.reason;
    expect(reasonOf("early")).toMatch(/no approval names this resource/);
    expect(reasonOf("late")).toMatch(/the approval SLACK-9 says .* after the event/);
    expect(vi.mocked(held.heldApprovals).mock.calls.length + vi.mocked(held.approvalsHeldAt).mock.calls.length).toBe(1);
  });

  test("approvals held at several instants are those heldApprovals gives at each, to the microsecond", async () => {
    const at = new Date(Date.now() - 10 * 60_000);
    const [inserted] = await rowsOf<{ id: string }>(db(), sql`
      insert into approvals (approver, requester, operation, resource, environment, approved_at, expires_at, reference, channel, created_at, created_by)
      values ('a', 'r', 'volumeDelete', 'railway:volume/x', 'production', now(), now(), 'SUB-MS', 'ticket', ${at.toISOString()}::timestamptz + interval '500 microseconds', 'test')
      returning id`);
    const id = inserted!.id;
    const instants = [at, new Date(at.getTime() + 1), new Date()];
    const heldAt = await held.approvalsHeldAt(instants);
    for (const instant of instants) expect(heldAt(instant).map((a) => a.id).sort()).toEqual((await held.heldApprovals(instant)).map((a) => a.id).sort());
    expect(heldAt(at).some((a) => a.id === id)).toBe(false);
    expect(heldAt(instants[1]!).some((a) => a.id === id)).toBe(true);
  });
});
