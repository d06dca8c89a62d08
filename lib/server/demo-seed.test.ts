import { expect, test } from "vitest";
import { sql } from "drizzle-orm";
import { DEMO_CREDENTIAL_COUNT, demoCredentials, pocketOsTokenValue } from "@/db/seed/demo-credentials";
import { db } from "./db";
import { importCredentials } from "./imports";
import { jsonList, rowsOf } from "./sql-rows";
import { systemViewer } from "./cli-viewer";
import { listEvents } from "./activity";
import { getCredential, listCredentials } from "./credentials";
import { isEmptyWorkspace, seedDemoWorkspace } from "./demo-seed";
import { describeEachEngine } from "./testing/test-db";
import { listTeams } from "./teams";
import { overview } from "./overview";
import { listSecretFindings } from "./secret-findings";
import { listFindings } from "./findings";
import { listEvaluationRuns } from "./evaluation";
import { listUsers } from "./users";
import { loadViewer } from "./viewer";
import { getPostureTrend } from "./posture";
import { snapshotAsOf, type FullTallies } from "./evaluator/snapshot";

test("the demo inventory is deterministic for a given instant", () => {
  expect(JSON.stringify(demoCredentials(1_800_000_000_000))).toBe(JSON.stringify(demoCredentials(1_800_000_000_000)));
});

describeEachEngine("demo workspace", () => {
  test("seeds users per role, five teams, a believable inventory and the PocketOS token", async () => {
    expect(await isEmptyWorkspace()).toBe(true);
    await seedDemoWorkspace();
    expect(await isEmptyWorkspace()).toBe(false);
    const viewer = systemViewer("test");
    expect(new Set((await listUsers(viewer)).map((u) => u.role))).toEqual(new Set(["admin", "auditor", "engineer"]));
    expect((await listTeams(viewer)).length).toBe(5);
    const all = await listCredentials(viewer, { limit: 500 });
    expect(all.total).toBe(DEMO_CREDENTIAL_COUNT);
    expect(new Set(all.items.map((c) => c.provider)).size).toBeGreaterThanOrEqual(12);
    expect(new Set(all.items.map((c) => c.principalType))).toEqual(new Set(["human", "service", "agent", null]));
    expect(all.items.some((c) => c.neverExpires)).toBe(true);
    expect(all.items.some((c) => c.expiresAt !== null)).toBe(true);

    const [railway] = (await listCredentials(viewer, { q: "pasted in the runbook" })).items;
    const token = await getCredential(viewer, railway!.id);
    // Recorded when its one version begins (the demo's first day), not when the demo was loaded.
    expect(Date.now() - Date.parse(token.updatedAt)).toBeGreaterThan(25 * 86_400_000);
    expect(token.team?.name).toBe("Platform");
    expect(token.fields).toMatchObject({ provider: "railway", environments: [], agent_accessible: true, allowed_operations: null, expires_at: null });

    // Thirty days of activity, ending with the nine seconds: the only unapproved destructive operation.
    const { items: flagged } = await listEvents(viewer, { flagged: "true", limit: 500 });
    const unapproved = flagged.filter((e) => e.unapprovedDestructive);
    expect(unapproved).toHaveLength(1);
    expect(unapproved[0]).toMatchObject({ actorType: "agent", destructive: true, resourceEnvironment: "production", crossEnv: true, credential: { id: railway!.id } });
    const events = await listEvents(viewer, { limit: 500 });
    expect(new Set(events.items.map((e) => e.actorType))).toEqual(new Set(["human", "agent"]));
    expect(events.items.length).toBeGreaterThan(100);

    // The overview ranks the PocketOS token first: it meets all four conditions.
    const headline = await overview(viewer, { blastLimit: 1000 });
    expect(headline.blastRadius.ranked[0]).toMatchObject({ credentialId: railway!.id, nineSecond: true, conditions: ["agent_reachable", "production", "destructive", "long_lived"] });
    // ... and its secret was found in the runbooks agents read.
    const [exposure] = await listSecretFindings(viewer, { credentialId: railway!.id });
    expect(exposure).toMatchObject({ corpus: { agentReadable: true }, locations: [{ file: "Platform/Runbooks/Deploying pocket-api.md" }] });
    expect(headline.exposures.inAgentReadable).toBe(1);
    // Each credential is known from the import that added it, and no import knew of a credential not yet created:
    // those created during the month came with a second import, dated when the newest of them appeared.
    const [known] = await rowsOf<{ n: number; incoherent: number; runs: number }>(db(), sql`
      select count(*)::int as n, count(distinct r.id)::int as runs,
        count(*) filter (where v.valid_from <> r.finished_at or c.created_at > r.finished_at)::int as incoherent
      from credential_versions v join import_runs r on r.id = v.import_run_id join credentials c on c.id = v.credential_id where v.version = 1`);
    expect(known).toEqual({ n: DEMO_CREDENTIAL_COUNT, runs: 2, incoherent: 0 });
    const tables = ["credentials", "credential_versions", "secret_findings", "secret_locations", "import_runs", "audit_log", "activity_events"];
    const dump = JSON.stringify(await Promise.all(tables.map((t) => db().execute(sql.raw(`select * from ${t}`)))));
    expect(dump).not.toContain(pocketOsTokenValue());
    const firstOther = headline.blastRadius.ranked.findIndex((r) => !r.nineSecond);
    expect(headline.blastRadius.ranked.slice(firstOther).some((r) => r.nineSecond)).toBe(false);
    expect(headline.blastRadius.nineSecond).toBeGreaterThanOrEqual(1);
    expect(headline.activity.unapprovedDestructive30d).toBe(1);
    expect(headline.credentials.total).toBe(DEMO_CREDENTIAL_COUNT);
    const payments = (await listUsers(viewer)).find((u) => u.email === "engineer.payments@demo.leash.dev")!;
    const paymentsViewer = (await loadViewer(payments.id, { via: "session" }))!;
    const theirs = await overview(paymentsViewer, { blastLimit: 1000 });
    expect(theirs.blastRadius.ranked.map((r) => r.credentialId)).not.toContain(railway!.id);
    expect(theirs.activity.unapprovedDestructive30d).toBe(0);
    expect(theirs.credentials.total).toBeLessThan(DEMO_CREDENTIAL_COUNT);

    // Thirty days of history, not one: every day of a 30-day trend has a posture, and the exposure has a date.
    const trend = await getPostureTrend(viewer, { framework: "soc2", days: 30 });
    expect(trend.points).toHaveLength(30);
    expect(trend.points.filter((p) => p.controls.every((c) => c.status === "not_tested")).map((p) => p.day)).toEqual([]);
    const [scanned] = await rowsOf<{ at: string | Date }>(db(), sql`select min(first_seen_at) as at from secret_findings`);
    const scannedAt = Date.parse(String(scanned!.at));
    expect(scannedAt).toBeLessThan(Date.parse(unapproved[0]!.occurredAt));
    const failing = (t: FullTallies, rule: string) => Object.values(t).reduce((n, team) => n + (team[rule]?.fail ?? 0), 0);
    const before = await snapshotAsOf(new Date(scannedAt - 3_600_000));
    const after = await snapshotAsOf(new Date());
    // Before the scan nobody knew the token sat in the runbooks; now it is exposed, and unrotated past the 24 h SLA.
    expect({ R12: failing(before.tallies, "R12"), R13: failing(before.tallies, "R13"), R14: failing(before.tallies, "R14") }).toEqual({ R12: 0, R13: 0, R14: 0 });
    expect({ R12: failing(after.tallies, "R12"), R13: failing(after.tallies, "R13"), R14: failing(after.tallies, "R14") }).toEqual({ R12: 1, R13: 1, R14: 1 });
    expect(before.blast.find((b) => b.credentialId === railway!.id)?.exposures ?? 0).toBe(0);

    // Findings carry the month too: first detected by the replayed weekly runs, the exposure an hour after its scan.
    const { items: tokenFindings } = await listFindings(viewer, { subjectId: railway!.id, status: "all", limit: 100 });
    const detected = (rule: string) => Date.parse(tokenFindings.find((f) => f.ruleId === rule)!.firstDetectedAt);
    expect(Date.now() - detected("R08")).toBeGreaterThan(20 * 86_400_000);
    expect(detected("R12")).toBe(scannedAt + 3_600_000);
    // The exposure outlived its 24 h SLA a day after the scan; the nine seconds were caught minutes after they happened.
    expect(detected("R14")).toBe(scannedAt + 86_400_000 + 3_600_000);
    const incident = Date.parse(unapproved[0]!.occurredAt);
    const r16 = (await listFindings(viewer, { rule: "R16", status: "all", limit: 100 })).items.map((f) => Date.parse(f.firstDetectedAt));
    expect(r16.length).toBeGreaterThan(0);
    for (const at of r16) expect(at - incident).toBeLessThan(10 * 60_000);
    expect(tokenFindings.find((f) => f.ruleId === "R08")).toMatchObject({ status: "open", overdue: true });
    const runs = await listEvaluationRuns(viewer, 10);
    expect(runs.filter((r) => r.status === "completed" && Date.parse(r.startedAt) < scannedAt).length).toBeGreaterThanOrEqual(4);
    // The seed (two imports, a month of events, seven replayed evaluations) alone can pass the default 30 s on a
    // loaded two-core machine.
  }, 120_000);
});

describeEachEngine("demo workspace added to a workspace with data (seed demo --force)", () => {
  test("leaves the existing history alone and loads the demo at the present", async () => {
    const viewer = systemViewer("test");
    await importCredentials(viewer, {
      format: "leash-json",
      source: "existing",
      fileName: "existing.json",
      input: (async function* () {
        yield new TextEncoder().encode(JSON.stringify([{ external_id: "ours-1", name: "Our deploy key", provider: "github", kind: "pat" }]));
      })(),
    });
    const versionsBefore = await rowsOf<{ credential_id: string; valid_from: string }>(db(), sql`select credential_id, valid_from::text from credential_versions order by credential_id`);
    const runsBefore = await rowsOf<{ id: string }>(db(), sql`select id from evaluation_runs`);
    const startedAt = Date.now();
    await seedDemoWorkspace();
    const versionsAfter = await rowsOf<{ credential_id: string; valid_from: string }>(db(), sql`select credential_id, valid_from::text from credential_versions where credential_id in (select x::uuid from ${jsonList(versionsBefore.map((v) => v.credential_id))} as t(x)) order by credential_id`);
    expect(versionsAfter).toEqual(versionsBefore);
    // Nothing was deleted and nothing was dated back: the earlier runs remain, every new one is from now.
    const runs = await rowsOf<{ id: string; started_at: string | Date }>(db(), sql`select id, started_at from evaluation_runs`);
    expect(runs.map((r) => r.id)).toEqual(expect.arrayContaining(runsBefore.map((r) => r.id)));
    expect(runs.filter((r) => !runsBefore.some((b) => b.id === r.id)).every((r) => new Date(r.started_at).getTime() >= startedAt - 1000)).toBe(true);
    const [oldest] = await rowsOf<{ at: string | Date }>(db(), sql`select min(valid_from) as at from credential_versions`);
    expect(new Date(oldest!.at).getTime()).toBeGreaterThanOrEqual(startedAt - 60_000);
  }, 120_000);
});
