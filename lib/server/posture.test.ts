import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { sql } from "drizzle-orm";
import { systemViewer } from "./cli-viewer";
import { listCredentials, updateCredential } from "./credentials";
import { db } from "./db";
import { seedDemoWorkspace } from "./demo-seed";
import { ingestEvents } from "./activity-ingest";
import { AppError } from "./errors";
import { runFullEvaluation, listEvaluationRuns } from "./evaluation";
import { snapshotAsOf } from "./evaluator/snapshot";
import { decideException, listExceptions, requestException } from "./exceptions";
import { bulkUpdateFindings, findingSummary, getFinding, listFindings, updateFinding, verifyFix } from "./findings";
import { blastEntries } from "./blast-radius";
import { blastRadiusList, overview } from "./overview";
import { getControl, getPosture, getPostureTrend } from "./posture";
import { getNotificationSettings, getRuleParameters, setNotificationSettings, setRuleParameters } from "./rule-parameters";
import { describeEachEngine } from "./testing/test-db";
import { loadViewer, type Viewer } from "./viewer";

async function viewerByEmail(email: string): Promise<Viewer> {
  const rows = (await db().execute(sql`select id from users where email = ${email}`)) as unknown as { rows: { id: string }[] };
  return (await loadViewer(rows.rows[0]!.id, { via: "session" }))!;
}

async function railwayId(): Promise<string> {
  const [railway] = (await listCredentials(systemViewer("test"), { q: "pasted in the runbook" })).items;
  return railway!.id;
}

const controlCounts = (p: Awaited<ReturnType<typeof getPosture>>) => p.controls.map((c) => ({ id: c.id, status: c.status, population: c.population }));

describeEachEngine("posture, findings and exceptions on the demo workspace", () => {
  let admin: Viewer;
  let secondAdmin: Viewer;
  let auditor: Viewer;
  let platform: Viewer;
  let payments: Viewer;

  beforeAll(async () => {
    await seedDemoWorkspace();
    admin = await viewerByEmail("admin@demo.leash.dev");
    auditor = await viewerByEmail("auditor@demo.leash.dev");
    platform = await viewerByEmail("engineer@demo.leash.dev");
    payments = await viewerByEmail("engineer.payments@demo.leash.dev");
    await db().execute(sql`insert into users (email, name, role) values ('second.admin@example.test', 'Second Admin', 'admin')`);
    secondAdmin = await viewerByEmail("second.admin@example.test");
  });

  test("the PocketOS Railway token fails R04, R05, R08, R09, R10 and R12, its runbook R13, and the nine seconds R15 and R16", async () => {
    const id = await railwayId();
    const { items } = await listFindings(admin, { subjectId: id, limit: 100 });
    expect(items.map((f) => f.ruleId).sort()).toEqual(expect.arrayContaining(["R04", "R05", "R08", "R09", "R10", "R12"]));
    const r13 = await listFindings(admin, { rule: "R13", limit: 10 });
    expect(r13.items.map((f) => f.subjectLabel)).toContain("Platform runbooks (Notion export)");
    const r08 = items.find((f) => f.ruleId === "R08")!;
    expect(r08).toMatchObject({ severity: "critical", status: "open", teamName: "Platform", subjectHref: `/credentials/${id}` });
    expect(r08.reason).toMatch(/agent_accessible=true/);
    // Due dates follow the severity SLA: critical = 1 day.
    expect(Date.parse(r08.dueAt) - Date.parse(r08.firstDetectedAt)).toBe(86_400_000);
    const r16 = await listFindings(admin, { rule: "R16", limit: 10 });
    expect(r16.items.length).toBeGreaterThan(0);
    expect(r16.items[0]!.subjectKind).toBe("event");
    // The token states no environment, so its use in production is cross-environment: both of the nine seconds.
    const r15 = await listFindings(admin, { rule: "R15", credentialId: id, limit: 10 });
    expect(r15.items.map((f) => f.subjectLabel).sort()).toEqual([expect.stringContaining("getVolumes"), expect.stringContaining("volumeDelete")]);

    // By credential: its own findings and those of the events that used it, within the viewer's teams.
    const ofToken = await listFindings(admin, { credentialId: id, status: "all", limit: 100 });
    expect(ofToken.items.filter((f) => f.subjectKind === "credential").map((f) => f.id).sort()).toEqual(items.map((f) => f.id).sort());
    expect(ofToken.items.filter((f) => f.subjectKind === "event").map((f) => f.ruleId)).toContain("R16");
    expect(ofToken.items.every((f) => f.subjectKind === "credential" || f.subjectKind === "event")).toBe(true);
    expect(ofToken.total).toBe(ofToken.items.length);
    expect((await listFindings(platform, { credentialId: id, status: "all", limit: 100 })).total).toBe(ofToken.total);
    expect((await listFindings(payments, { credentialId: id, status: "all", limit: 100 })).total).toBe(0);
    await expect(listFindings(admin, { credentialId: "not-a-uuid" })).rejects.toMatchObject({ code: "invalid" });
  });

  test("posture JSON carries framework, as_of, score, controls with populations and the blast radius", async () => {
    const posture = await getPosture(auditor, { framework: "soc2" });
    expect(posture.framework).toBe("soc2");
    const cc61 = posture.controls.find((c) => c.id === "CC6.1")!;
    expect(cc61.status).toBe("not_effective");
    expect(cc61.population.fail).toBeGreaterThan(0);
    expect(posture.score).toBeGreaterThan(0);
    expect(posture.score).toBeLessThan(1);
    expect(posture.blast_radius[0]).toMatchObject({ name: expect.stringContaining("Railway"), nine_second: true });
    expect(posture.blast_radius[0]!.conditions).toEqual(["agent_reachable", "production", "destructive", "long_lived"]);
    // The list is the top ten; the count is every credential an agent can reach, as the overview counts them.
    const reachable = await blastEntries(undefined, new Date());
    expect(posture.blast_radius).toHaveLength(10);
    expect(posture.blast_radius_count).toBe(reachable.length);
    expect(posture.blast_radius_count).toBeGreaterThan(10);
    expect((await overview(auditor)).blastRadius.count).toBe(reachable.length);
    expect(posture.nine_second_count).toBe(reachable.filter((b) => b.nineSecond).length);
    const pci = await getPosture(auditor, { framework: "pci" });
    expect(pci.framework).toBe("pci-dss-4.0.1");
    expect(pci.controls.find((c) => c.id === "7.2.2")!.status).toBe("not_effective");
    await expect(getPosture(auditor, { framework: "hipaa" })).rejects.toMatchObject({ code: "not_found" });
    await expect(getPosture(auditor, { framework: "soc2", asOf: new Date(Date.now() + 86_400_000) })).rejects.toMatchObject({ code: "invalid" });
  });

  test("the blast radius list pages through every credential its count names, nine-second ones too", async () => {
    // The Overview's "N credentials an agent can reach" opens this list: an auditor must reach every one of the N.
    for (const nineSecondOnly of [false, true]) {
      const { count, nineSecond } = await blastRadiusList(platform, { nineSecondOnly, limit: 1 });
      const total = nineSecondOnly ? nineSecond : count;
      expect(total).toBeGreaterThan(4);
      const seen: string[] = [];
      for (let offset = 0; offset < total; offset += 4) {
        const page = await blastRadiusList(platform, { nineSecondOnly, limit: 4, offset });
        expect(page.offset).toBe(offset);
        seen.push(...page.entries.map((e) => e.credentialId));
      }
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
      // A page past the end (a stale link) is the last page, not an empty list under a non-zero count.
      const past = await blastRadiusList(platform, { nineSecondOnly, limit: 4, offset: total + 40 });
      expect(past.entries.length).toBeGreaterThan(0);
      expect(past.offset + past.entries.length).toBe(total);
    }
  });

  test("today's stored posture equals a rebuild from history, and a second full run changes nothing", async () => {
    const stored = await getPosture(admin, { framework: "soc2" });
    const rebuilt = await getPosture(admin, { framework: "soc2", asOf: new Date() });
    expect(controlCounts(rebuilt)).toEqual(controlCounts(stored));
    expect([rebuilt.blast_radius_count, rebuilt.nine_second_count]).toEqual([stored.blast_radius_count, stored.nine_second_count]);
    const lastWrite = async () => ((await db().execute(sql`select max(evaluated_at)::text as at, count(*)::int as n from subject_verdicts`)) as unknown as { rows: { at: string; n: number }[] }).rows[0];
    const written = await lastWrite();
    const again = await runFullEvaluation(admin, "test");
    // Nothing changed, so nothing was rewritten: the stored verdicts compare equal to the new ones.
    expect(await lastWrite()).toEqual(written);
    expect(again).toMatchObject({ status: "completed", opened: 0, resolved: 0 });
    expect(again.subjects).toBeGreaterThan(0);
    expect((await listEvaluationRuns(auditor))[0]!.id).toBe(again.id);
  });

  test("rows written before verdict digests are compared the long way once; a failing subject's new team reaches its findings", async () => {
    const findingsNow = async () =>
      ((await db().execute(sql`select rule_id, subject_id, status, reason, subject_label from findings order by rule_id, subject_kind, subject_id`)) as unknown as { rows: unknown[] }).rows;
    const before = await findingsNow();
    await db().execute(sql`update subject_verdicts set digest = null`);
    const again = await runFullEvaluation(admin, "test");
    expect(again).toMatchObject({ status: "completed", opened: 0, resolved: 0 });
    expect(await findingsNow()).toEqual(before);
    const missing = (await db().execute(sql`select count(*)::int as n from subject_verdicts where digest is null`)) as unknown as { rows: { n: number }[] };
    expect(missing.rows[0]!.n).toBe(0);

    // Only the team moved (every result and reason stays): the digest still differs, so the findings follow.
    const id = await railwayId();
    const teamsOfFindings = async () => new Set((await listFindings(admin, { subjectId: id, limit: 100 })).items.map((f) => f.teamName));
    expect(await teamsOfFindings()).toEqual(new Set(["Platform"]));
    await updateCredential(admin, id, { team: "Payments" });
    expect(await teamsOfFindings()).toEqual(new Set(["Payments"]));
    await updateCredential(admin, id, { team: "Platform" });
    expect(await teamsOfFindings()).toEqual(new Set(["Platform"]));
  });

  test("a change now leaves the posture as of before it unchanged; the incremental run agrees with a rebuild", async () => {
    const before = new Date();
    const pastView = controlCounts(await getPosture(admin, { framework: "soc2", asOf: before }));
    await new Promise((r) => setTimeout(r, 5));
    const id = await railwayId();
    await updateCredential(platform, id, { environments: ["development"], allowed_operations: ["read"], expires_at: new Date(Date.now() + 3_600_000).toISOString() });
    expect(controlCounts(await getPosture(admin, { framework: "soc2", asOf: before }))).toEqual(pastView);
    const now = await getPosture(admin, { framework: "soc2" });
    expect(controlCounts(now)).not.toEqual(pastView);
    expect(controlCounts(await getPosture(admin, { framework: "soc2", asOf: new Date() }))).toEqual(controlCounts(now));
    // The incremental run added its delta to the previous tallies; a full run counts from scratch and agrees.
    await runFullEvaluation(admin, "test");
    expect(controlCounts(await getPosture(admin, { framework: "soc2" }))).toEqual(controlCounts(now));
    // The edit fixed R08 and R10: the incremental run resolved those findings by itself.
    const r08 = (await listFindings(admin, { subjectId: id, rule: "R08", status: "all" })).items[0]!;
    expect(r08).toMatchObject({ status: "resolved" });
    expect(r08.resolvedAt).not.toBeNull();
  });

  test("mark fixed re-evaluates and never trusts the claim", async () => {
    const id = await railwayId();
    const r12 = (await listFindings(platform, { subjectId: id, rule: "R12" })).items[0]!;
    const result = await verifyFix(platform, r12.id);
    expect(result.verdict.result).toBe("fail");
    expect(result.verdict.reason.length).toBeGreaterThan(0);
    expect(result.finding.status).toBe("open");
  });

  test("engineers see and change only their teams' findings; auditors change nothing", async () => {
    const theirs = await listFindings(payments, { limit: 500 });
    expect(theirs.items.every((f) => f.teamName === "Payments")).toBe(true);
    const id = await railwayId();
    // R12 (exposed and still active) fails whatever the scope edit above did.
    const r09 = (await listFindings(admin, { subjectId: id, rule: "R12" })).items[0]!;
    await expect(getFinding(payments, r09.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(updateFinding(payments, r09.id, { status: "in_progress" })).rejects.toMatchObject({ code: "not_found" });
    await expect(updateFinding(auditor, r09.id, { status: "in_progress" })).rejects.toMatchObject({ code: "forbidden" });
    // A Payments engineer cannot be handed a Platform finding by a Platform engineer.
    await expect(updateFinding(platform, r09.id, { assigneeId: payments.userId })).rejects.toMatchObject({ code: "invalid" });
    const updated = await updateFinding(platform, r09.id, { status: "in_progress", assigneeId: platform.userId });
    expect(updated).toMatchObject({ status: "in_progress", assignee: { email: "engineer@demo.leash.dev" } });
    // Bulk is all or nothing: one id out of scope refuses the whole batch.
    const paymentsFinding = theirs.items[0]!;
    await expect(bulkUpdateFindings(platform, { ids: [r09.id, paymentsFinding.id], status: "open" })).rejects.toMatchObject({ code: "not_found" });
    expect((await getFinding(platform, r09.id)).status).toBe("in_progress");
    expect(await bulkUpdateFindings(admin, { ids: [r09.id, paymentsFinding.id], assigneeId: admin.userId })).toEqual({ updated: 2 });
    // An admin hands a finding only to someone who can see and act on it: not an auditor, not another team's engineer.
    await expect(updateFinding(admin, r09.id, { assigneeId: auditor.userId })).rejects.toMatchObject({ code: "invalid", message: expect.stringContaining("read-only") });
    await expect(updateFinding(admin, r09.id, { assigneeId: payments.userId })).rejects.toMatchObject({ code: "invalid", message: expect.stringContaining("another team") });
    await expect(bulkUpdateFindings(admin, { ids: [r09.id, paymentsFinding.id], assigneeId: platform.userId })).rejects.toMatchObject({ code: "invalid" });
    expect((await updateFinding(admin, r09.id, { assigneeId: platform.userId })).assignee).toMatchObject({ email: "engineer@demo.leash.dev" });
    expect((await getFinding(platform, r09.id)).assignee).toMatchObject({ email: "engineer@demo.leash.dev" });
    const summary = await findingSummary(payments);
    expect(summary.open).toBe(theirs.items.filter((f) => f.status === "open" || f.status === "in_progress").length);
    const engineerPosture = await getPosture(payments, { framework: "soc2" });
    const adminPosture = await getPosture(admin, { framework: "soc2" });
    const total = (p: typeof adminPosture) => p.controls.reduce((n, c) => n + c.population.fail + c.population.pass, 0);
    expect(total(engineerPosture)).toBeLessThan(total(adminPosture));
  });

  test("exceptions: requested by the team, decided by another admin, counted as excepted, reopened on expiry", async () => {
    const id = await railwayId();
    const r09 = (await listFindings(admin, { subjectId: id, rule: "R12" })).items[0]!;
    await expect(requestException(payments, r09.id, { justification: "Payments cannot judge Platform's risk at all.", expiresAt: new Date(Date.now() + 86_400_000).toISOString() })).rejects.toMatchObject({ code: "not_found" });
    await expect(requestException(platform, r09.id, { justification: "short", expiresAt: new Date(Date.now() + 86_400_000).toISOString() })).rejects.toMatchObject({ code: "invalid" });
    await expect(requestException(platform, r09.id, { justification: "Allowlist lands with the broker next sprint.", expiresAt: new Date(Date.now() + 400 * 86_400_000).toISOString() })).rejects.toMatchObject({ code: "invalid", fields: { expiresAt: expect.any(String) } });
    const requested = await requestException(platform, r09.id, { justification: "Allowlist lands with the broker next sprint.", expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() });
    expect(requested).toMatchObject({ status: "pending", requestedBy: "engineer@demo.leash.dev", finding: { ruleId: "R12" } });
    await expect(requestException(platform, r09.id, { justification: "A second request for the same finding.", expiresAt: new Date(Date.now() + 86_400_000).toISOString() })).rejects.toMatchObject({ code: "conflict" });
    await expect(decideException(platform, requested.id, { decision: "approve" })).rejects.toMatchObject({ code: "forbidden" });

    const own = await requestException(admin, (await listFindings(admin, { subjectId: id, rule: "R20" })).items[0]!.id, { justification: "Admin asks for their own exception here.", expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    await expect(decideException(admin, own.id, { decision: "approve" })).rejects.toMatchObject({ code: "forbidden" });
    expect(await decideException(secondAdmin, own.id, { decision: "reject", note: "fix it" })).toMatchObject({ status: "rejected", decidedBy: "second.admin@example.test" });

    const failBefore = (await getPosture(admin, { framework: "soc2" })).controls.find((c) => c.id === "CC6.1")!.population;
    const approved = await decideException(admin, requested.id, { decision: "approve", note: "ok for 30 days" });
    expect(approved).toMatchObject({ status: "approved", decidedBy: "admin@demo.leash.dev", decisionNote: "ok for 30 days" });
    expect((await getFinding(admin, r09.id)).status).toBe("risk_accepted");
    const after = (await getPosture(admin, { framework: "soc2" })).controls.find((c) => c.id === "CC6.1")!;
    expect(after.population.excepted).toBe(failBefore.excepted + 1);
    expect(after.population.fail).toBe(failBefore.fail - 1);
    // The rebuild as of now agrees: the exception is part of history.
    expect((await getPosture(admin, { framework: "soc2", asOf: new Date() })).controls.find((c) => c.id === "CC6.1")!.population).toEqual(after.population);

    await db().execute(sql`update finding_exceptions set expires_at = now() - interval '1 minute' where id = ${requested.id}::uuid`);
    expect((await getFinding(admin, r09.id)).status).toBe("open");
    expect((await listExceptions(platform, { status: "expired" })).map((e) => e.id)).toContain(requested.id);
    const audit = (await db().execute(sql`select action from audit_log where target_id in (${requested.id}, ${own.id}) order by seq`)) as unknown as { rows: { action: string }[] };
    expect(audit.rows.map((r) => r.action)).toEqual(["exception.request", "exception.request", "exception.reject", "exception.approve", "exception.expire"]);
  });

  test("open findings by age: the buckets add up, and each is a queue filter", async () => {
    const summary = await findingSummary(admin);
    expect(Object.values(summary.byAge).reduce((a, b) => a + b, 0)).toBe(summary.open);
    await db().execute(sql`update findings set first_detected_at = now() - interval '45 days' where id = (select id from findings where status = 'open' order by id limit 1)`);
    const after = await findingSummary(admin);
    expect(after.byAge.from30to90).toBe(summary.byAge.from30to90 + 1);
    expect((await listFindings(admin, { age: "from30to90", limit: 500 })).total).toBe(after.byAge.from30to90);
    expect((await listFindings(admin, { age: "under7", status: "active", limit: 1 })).total).toBe(after.byAge.under7);
  });

  test("a control's population: every item with result and reason, paged; before any data it is not tested", async () => {
    const page = await getControl(auditor, "soc2", "CC6.1", { result: "fail", limit: 5 });
    expect(page.control.status).toBe("not_effective");
    expect(page.population.items).toHaveLength(5);
    expect(page.population.items.every((i) => i.result === "fail" && i.reason.length > 0)).toBe(true);
    expect(page.population.total).toBe(page.control.population.fail);
    const next = await getControl(auditor, "soc2", "CC6.1", { result: "fail", limit: 5, cursor: page.population.next_cursor! });
    expect(next.population.items[0]).not.toEqual(page.population.items[0]);
    // The unfiltered population, which a control's score opens, is what the score weighs: every applicable item.
    const whole = await getControl(auditor, "soc2", "CC6.1", { limit: 1 });
    const { pass, fail, excepted, not_applicable } = whole.control.population;
    expect(not_applicable).toBeGreaterThan(0);
    expect(whole.population.total).toBe(pass + fail + excepted);
    const railway = await getControl(auditor, "soc2", "CC6.6", { rule: "R12", result: "fail", limit: 50 });
    expect(railway.population.items.some((i) => i.label.includes("Railway") && i.finding_id !== null)).toBe(true);
    const past = await getControl(auditor, "soc2", "CC6.1", { as_of: "2020-01-01T00:00:00Z", limit: 50 });
    expect(past.control).toMatchObject({ status: "not_tested", score: null });
    expect(past.population.total).toBe(0);
    await expect(getControl(auditor, "soc2", "CC9.9", { limit: 5 })).rejects.toMatchObject({ code: "not_found" });
    await expect(getControl(auditor, "soc2", "CC6.1", { limit: 5, cursor: "nonsense" })).rejects.toMatchObject({ code: "invalid" });
  });

  test("a control's current population explains each stored result as of its evaluation, however long ago that was", async () => {
    const query = { rule: "R06", limit: 500 } as const;
    const rows = (page: Awaited<ReturnType<typeof getControl>>) => page.population.items.map((i) => `${i.subject_id} ${i.result}: ${i.reason}`).sort();
    const evaluatedAt = (await getPosture(auditor, { framework: "soc2" })).evaluated_at;
    const rebuilt = rows(await getControl(auditor, "soc2", "CC6.1", { ...query, as_of: evaluatedAt }));
    expect(rebuilt.some((r) => / pass: /.test(r))).toBe(true);
    // Months after the run, a rotation that passed then is overdue now; the page still shows the run's result, and
    // its reason must be the one that result was decided by, not "> 90 days" beside a pass.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 200 * 86_400_000 });
    try {
      expect(rows(await getControl(auditor, "soc2", "CC6.1", query))).toEqual(rebuilt);
    } finally {
      vi.useRealTimers();
    }
  });

  test("a control's population rebuilt as of the last evaluation reads the stored one, page for page, in its order", async () => {
    const evaluatedAt = (await getPosture(auditor, { framework: "soc2" })).evaluated_at;
    const walk = async (viewer: Viewer, asOf?: string) => {
      const lines: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await getControl(viewer, "soc2", "CC6.1", { limit: 150, cursor, as_of: asOf });
        lines.push(...page.population.items.map((i) => `${i.result} ${i.rule_id} ${i.subject_kind} ${i.subject_id}: ${i.reason}`));
        cursor = page.population.next_cursor ?? undefined;
      } while (cursor);
      return lines;
    };
    for (const viewer of [auditor, platform]) {
      const stored = await walk(viewer);
      // Fails before passes, credentials and events (and, with no team, corpora for the auditor): the walk crosses
      // segments of every kind and pages within them.
      expect(new Set(stored.map((l) => l.split(" ")[2]))).toEqual(new Set(viewer === auditor ? ["credential", "event", "corpus"] : ["credential", "event"]));
      expect(stored.length).toBeGreaterThan(300);
      expect(stored.findIndex((l) => l.startsWith("pass "))).toBeGreaterThan(stored.findLastIndex((l) => l.startsWith("fail ")));
      expect(await walk(viewer, evaluatedAt)).toEqual(stored);
    }
  });

  test("trend and audit period: one point per day with no gaps, today last", async () => {
    const trend = await getPostureTrend(auditor, { framework: "soc2", days: 5 });
    expect(trend.points).toHaveLength(5);
    expect(trend.points.at(-1)!.day).toBe(new Date().toISOString().slice(0, 10));
    for (let i = 1; i < trend.points.length; i++) {
      expect(Date.parse(trend.points[i]!.day) - Date.parse(trend.points[i - 1]!.day)).toBe(86_400_000);
    }
    // The demo's month is history: each of these days has a posture; before the month began nothing was known.
    expect(trend.points.every((p) => p.controls.find((c) => c.id === "CC6.1")!.status === "not_effective")).toBe(true);
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    const beforeDemo = await getPostureTrend(auditor, { framework: "soc2", from: day(45), to: day(40) });
    expect(beforeDemo.points.every((p) => p.controls.every((c) => c.status === "not_tested"))).toBe(true);
    const period = await getPostureTrend(auditor, { framework: "soc2", from: "2026-01-01", to: "2026-01-31" });
    expect(period.points).toHaveLength(31);
    await expect(getPostureTrend(auditor, { framework: "soc2", from: "2024-01-01", to: "2025-12-31" })).rejects.toBeInstanceOf(AppError);
  });

  test("a posture as of a past day's end reads the day's kept tallies and rebuilds only the credentials, for the blast radius", async () => {
    const day = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const end = new Date(`${day}T23:59:59.999Z`);
    await getPostureTrend(auditor, { framework: "soc2", days: 3 }); // keeps the day
    const posture = (asOf: Date) => getPosture(auditor, { framework: "soc2", asOf });
    const summary = (p: Awaited<ReturnType<typeof getPosture>>) => ({ controls: controlCounts(p), blast: p.blast_radius, count: p.blast_radius_count, nineSecond: p.nine_second_count });
    const atEnd = await posture(end);
    // A millisecond earlier is no day's end: rebuilt whole, the same posture.
    expect(summary(atEnd)).toEqual(summary(await posture(new Date(end.getTime() - 1))));
    expect(atEnd.blast_radius_count).toBeGreaterThan(0);
    // The kept day is what answers: emptied, the controls read not tested while the blast radius is still rebuilt.
    await db().execute(sql`update posture_days set tallies = '{}'::jsonb where day = ${day}`);
    try {
      const emptied = await posture(end);
      expect(emptied.controls.every((c) => c.status === "not_tested")).toBe(true);
      expect({ blast: emptied.blast_radius, count: emptied.blast_radius_count }).toEqual({ blast: atEnd.blast_radius, count: atEnd.blast_radius_count });
    } finally {
      await db().execute(sql`delete from posture_days where day = ${day}`);
    }
  });

  test("rule parameters: validated per rule, versioned, audited; a past posture keeps the parameters of its time", async () => {
    const before = new Date();
    const start = await getRuleParameters(auditor);
    expect(start.version).toBe(0);
    expect(start.rules.find((r) => r.id === "R04")!.values).toEqual({ maxHours: 24 });
    await expect(setRuleParameters(auditor, { rules: { R04: { maxHours: 48 } } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(setRuleParameters(admin, { rules: { R04: { maxHours: -1 } } })).rejects.toMatchObject({ code: "invalid", fields: { "rules.R04.maxHours": expect.any(String) } });
    await expect(setRuleParameters(admin, { rules: { R99: {} } })).rejects.toMatchObject({ code: "invalid", fields: { "rules.R99": "no such rule" } });
    const saved = await setRuleParameters(admin, { rules: { R07: { unusedDays: 30 } }, slas: { critical: 2, high: 7, medium: 30, low: 90 } });
    expect(saved).toMatchObject({ version: 1, updatedBy: "admin@demo.leash.dev", slas: { critical: 2 } });
    expect(saved.rules.find((r) => r.id === "R07")!.values).toEqual({ unusedDays: 30 });
    const audit = (await db().execute(sql`select details from audit_log where action = 'settings.rule_parameters'`)) as unknown as { rows: { details: { changed: string[] } }[] };
    expect(audit.rows[0]!.details.changed).toEqual(["R07.unusedDays", "slas.critical"]);
    // Saving the same values again is not a new version.
    expect((await setRuleParameters(admin, { rules: { R07: { unusedDays: 30 } }, slas: { critical: 2, high: 7, medium: 30, low: 90 } })).version).toBe(1);
    expect((await snapshotAsOf(before)).parametersVersion).toBe(0);
    expect((await snapshotAsOf(new Date())).parametersVersion).toBe(1);
  });

  test("the agent runtime list is a parameter too: a replaced list decides attribution at ingest", async () => {
    const event = (id: string) => `{"event_id":"${id}","occurred_at":"${new Date().toISOString()}","actor":"build-7","operation":"GetObject","resource":"arn:aws:s3:::reports/q3.csv","outcome":"success","origin":{"user_agent":"acme-bot/2.1 (linux)"}}\n`;
    const ingest = (id: string) => ingestEvents(admin, { format: "leash-ndjson", fileName: `${id}.ndjson`, input: (async function* () { yield new TextEncoder().encode(event(id)); })() });
    const actorTypeOf = async (id: string) => ((await db().execute(sql`select actor_type, attribution_reason from activity_events where source_event_id = ${id}`)) as unknown as { rows: { actor_type: string; attribution_reason: string }[] }).rows[0]!;
    await ingest("runtime-before");
    expect((await actorTypeOf("runtime-before")).actor_type).not.toBe("agent");
    const current = await getRuleParameters(admin);
    const saved = await setRuleParameters(admin, { rules: {}, slas: current.slas, agentRuntimes: [{ token: "acme-bot", name: "Acme Bot", kind: "automation" }] });
    expect(saved).toMatchObject({ agentRuntimesCustom: true, agentRuntimes: [{ token: "acme-bot" }] });
    await ingest("runtime-after");
    expect(await actorTypeOf("runtime-after")).toMatchObject({ actor_type: "agent", attribution_reason: expect.stringContaining("Acme Bot") });
    await expect(setRuleParameters(admin, { agentRuntimes: [{ token: "x", name: "", kind: "robot" as never }] })).rejects.toMatchObject({ code: "invalid" });
  });
});

describeEachEngine("notifications of new findings", () => {
  let server: Server;
  let received: { text: string; blocks: { text: { text: string } }[] }[];
  let url: string;

  beforeAll(async () => {
    received = [];
    server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        received.push(JSON.parse(body));
        response.end("ok");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T000/B000/hook`;
    await seedDemoWorkspace();
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test("new critical findings go to the configured webhook as Slack-compatible JSON; the URL is shown only to managers", async () => {
    const admin = await viewerByEmail("admin@demo.leash.dev");
    const auditor = await viewerByEmail("auditor@demo.leash.dev");
    await expect(setNotificationSettings(admin, { webhookUrl: "ftp://example.test/x", minSeverity: "critical" })).rejects.toMatchObject({ code: "invalid" });
    await setNotificationSettings(admin, { webhookUrl: url, minSeverity: "critical" });
    expect((await getNotificationSettings(auditor)).webhookUrl).toBe(`${new URL(url).origin}/…`);
    expect((await getNotificationSettings(admin)).webhookUrl).toBe(url);
    // A Payments key made agent-accessible everywhere opens new critical findings (R08, R10).
    const rows = (await db().execute(sql`select id from credentials where agent_accessible = false and team_id is not null order by external_id limit 1`)) as unknown as { rows: { id: string }[] };
    expect(rows.rows).toHaveLength(1);
    await updateCredential(admin, rows.rows[0]!.id, { agent_accessible: true, environments: ["*"], allowed_operations: null });
    expect(received).toHaveLength(1);
    expect(received[0]!.text).toMatch(/^Leash: \d+ new findings? \(\d+ critical\)$/);
    expect(received[0]!.blocks[0]!.text.text).toContain("R08");
    expect(received[0]!.blocks[0]!.text.text).not.toMatch(/\* (high|medium)\*/);
    // Nothing new, nothing sent.
    await runFullEvaluation(admin, "test");
    expect(received).toHaveLength(1);
  });
});
