import { sql } from "drizzle-orm";
import { afterEach, beforeAll, expect, test, vi } from "vitest";
import { RULES_VERSION } from "@/lib/rules";
import { db } from "./db";
import { computeTallies } from "./evaluator/run";
import { encodeOffset } from "./offset-cursor";
import { rowsOf } from "./sql-rows";
import { getControl } from "./posture";
import { seedIdentity, seedIdentityWithInventory, type IdentityFixture } from "./testing/fixtures";
import { describeEachEngine } from "./testing/test-db";
import type { Viewer } from "./viewer";

// NIST CSF IA-5 weighs R04, R05 and R06, all rules on credentials.
const FRAMEWORK = "nist-csf-2.0";
const CONTROL = "IA-5";
const id = (n: number) => `00000000-0000-4000-8000-0000000000${String(n).padStart(2, "0")}`;

type Verdicts = Record<"R04" | "R05" | "R06", "pass" | "fail" | "not_applicable">;

async function storeVerdicts(n: number, team: string | null, verdicts: Verdicts): Promise<void> {
  await db().execute(sql`
    insert into subject_verdicts (subject_kind, subject_id, team_id, verdicts, evaluated_at)
    values ('credential', ${id(n)}, ${team}::uuid, ${JSON.stringify(verdicts)}::jsonb, now() - interval '1 hour')
    on conflict (subject_kind, subject_id) do update set team_id = excluded.team_id, verdicts = excluded.verdicts`);
}

async function storeFinding(n: number, team: string | null, ruleId: string, status: "open" | "risk_accepted" | "resolved"): Promise<void> {
  await db().execute(sql`
    insert into findings (rule_id, subject_kind, subject_id, subject_label, team_id, severity, status, reason, first_detected_at, last_detected_at, due_at, last_run_id)
    values (${ruleId}, 'credential', ${id(n)}, ${`credential ${n}`}, ${team}::uuid, 'high', ${status}, 'stored', now(), now(), now() + interval '7 days', gen_random_uuid())`);
}

/** Every page of a query walked by its next cursors, as "result rule subject" lines, with the totals each page gave. */
async function walk(viewer: Viewer, query: { result?: "fail" | "pass" | "excepted" | "not_applicable"; rule?: string }) {
  const lines: string[] = [];
  const totals = new Set<number>();
  let cursor: string | undefined;
  do {
    const page = await getControl(viewer, FRAMEWORK, CONTROL, { ...query, limit: 2, cursor });
    lines.push(...page.population.items.map((i) => `${i.result} ${i.rule_id} ${i.subject_id.slice(-2)}${i.finding_id ? " finding" : ""}`));
    totals.add(page.population.total);
    cursor = page.population.next_cursor ?? undefined;
    // The API takes cursors of up to 200 characters.
    expect(cursor?.length ?? 0).toBeLessThanOrEqual(200);
  } while (cursor);
  return { lines, totals: [...totals] };
}

describeEachEngine("a control's current population, read a page at a time from the stored verdicts", () => {
  let f: IdentityFixture;

  beforeAll(async () => {
    f = await seedIdentity();
    const { teamA: a, teamB: b } = f;
    // The population is read "now" only after an evaluation under these rules has completed.
    await db().execute(sql`
      insert into evaluation_runs (scope, trigger, status, rules_version, parameters_version, parameters_hash, started_at, finished_at, tallies, blast, requested_by)
      values ('full', 'test', 'completed', ${RULES_VERSION}, 0, 'test', now() - interval '1 hour', now() - interval '1 hour', '{}'::jsonb, '{}'::jsonb, 'test')`);
    await storeVerdicts(1, a, { R04: "fail", R05: "pass", R06: "not_applicable" });
    await storeVerdicts(2, b, { R04: "fail", R05: "fail", R06: "pass" });
    await storeVerdicts(3, null, { R04: "pass", R05: "not_applicable", R06: "fail" });
    await storeVerdicts(4, a, { R04: "fail", R05: "pass", R06: "pass" });
    await storeVerdicts(6, b, { R04: "not_applicable", R05: "pass", R06: "fail" });
    // Rewritten with another team and result, re-dated without a change, and removed: the population follows.
    await storeVerdicts(5, b, { R04: "pass", R05: "pass", R06: "fail" });
    await storeVerdicts(5, a, { R04: "pass", R05: "fail", R06: "not_applicable" });
    await db().execute(sql`update subject_verdicts set evaluated_at = evaluated_at + interval '1 second'`);
    await storeVerdicts(7, a, { R04: "fail", R05: "fail", R06: "fail" });
    await db().execute(sql`delete from subject_verdicts where subject_id = ${id(7)}`);
    await storeFinding(1, a, "R04", "open");
    await storeFinding(2, b, "R04", "risk_accepted");
    await storeFinding(2, b, "R05", "open");
    await storeFinding(3, null, "R04", "resolved");
    await storeFinding(3, null, "R06", "open");
    await storeFinding(4, a, "R04", "risk_accepted");
    await storeFinding(5, a, "R05", "open");
    await storeFinding(6, b, "R06", "open");
    // What an evaluation run records once it has written the verdicts: the population's counts come from here.
    await db().execute(sql`update evaluation_runs set tallies = ${JSON.stringify(await computeTallies())}::jsonb`);
  });

  const everything = [
    "fail R04 01 finding",
    "fail R05 02 finding",
    "fail R05 05 finding",
    "fail R06 03 finding",
    "fail R06 06 finding",
    "excepted R04 02 finding",
    "excepted R04 04 finding",
    "pass R04 03 finding",
    "pass R04 05",
    "pass R05 01",
    "pass R05 04",
    "pass R05 06",
    "pass R06 02",
    "pass R06 04",
  ];

  test("fails, then excepted, then passes, each by rule and subject, across pages, with the total on every page", async () => {
    expect(await walk(f.admin, {})).toEqual({ lines: everything, totals: [14] });
    expect(await walk(f.auditor, { result: "excepted" })).toEqual({ lines: ["excepted R04 02 finding", "excepted R04 04 finding"], totals: [2] });
    expect(await walk(f.admin, { result: "fail" })).toEqual({ lines: everything.filter((l) => l.startsWith("fail ")), totals: [5] });
    expect(await walk(f.admin, { result: "not_applicable" })).toEqual({ lines: ["not_applicable R04 06", "not_applicable R05 03", "not_applicable R06 01", "not_applicable R06 05"], totals: [4] });
    expect(await walk(f.admin, { rule: "R05" })).toEqual({ lines: everything.filter((l) => l.includes(" R05 ")), totals: [5] });
  });

  test("an engineer's population holds only their team's subjects, in the same order", async () => {
    expect(await walk(f.engineerA, {})).toEqual({ lines: ["fail R04 01 finding", "fail R05 05 finding", "excepted R04 04 finding", "pass R04 05", "pass R05 01", "pass R05 04", "pass R06 04"], totals: [7] });
    expect(await walk(f.engineerB, { result: "pass" })).toEqual({ lines: ["pass R05 06", "pass R06 02"], totals: [2] });
  });

  test("a cursor starts the page that far into the population", async () => {
    for (const offset of [0, 3, 4, 5, 6, 7, 12, 13, 14]) {
      const page = await getControl(f.admin, FRAMEWORK, CONTROL, { limit: 2, cursor: encodeOffset(offset) });
      expect(page.population.items.map((i) => `${i.result} ${i.rule_id} ${i.subject_id.slice(-2)}${i.finding_id ? " finding" : ""}`)).toEqual(everything.slice(offset, offset + 2));
      expect(page.population.total).toBe(14);
    }
  });
});

const INVENTORY = [
  "external_id,name,provider,kind,team,environments,agent_accessible,created_at,expires_at",
  ...Array.from({ length: 5 }, (_, i) => `key-${i},key ${i},github,pat,Team A,staging,true,${new Date(Date.now() - 86_400_000).toISOString()},`),
].join("\r\n") + "\r\n";

describeEachEngine("a control's population as of a past instant, paged", () => {
  let f: IdentityFixture;
  let at: string;

  beforeAll(async () => {
    f = await seedIdentityWithInventory(INVENTORY);
    at = new Date(Date.now() + 1000).toISOString();
  });
  afterEach(() => vi.useRealTimers());

  const lines = (page: Awaited<ReturnType<typeof getControl>>) => page.population.items.map((i) => `${i.result} ${i.rule_id} ${i.subject_id}`);

  // Nothing a product does, but it shows which read answers: the credentials come to light two hours later.
  const rewriteHistory = (hours: number) => db().execute(sql`update credential_versions set valid_from = valid_from + make_interval(hours => ${hours})`);

  test("an instant minutes ago, when writes in flight may still land before it, is rebuilt for every page", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 60_000 });
    const first = await getControl(f.admin, FRAMEWORK, CONTROL, { as_of: at, limit: 4 });
    expect(first.population.total).toBe(15);
    await rewriteHistory(2);
    try {
      expect((await getControl(f.admin, FRAMEWORK, CONTROL, { as_of: at, limit: 4, cursor: first.population.next_cursor! })).population.total).toBe(0);
    } finally {
      await rewriteHistory(-2);
    }
  });

  test("a settled instant is rebuilt once: later pages read that rebuild, even after history was rewritten", async () => {
    // An hour on, the instant has settled; the rebuild of its first page is kept for the pages after it.
    const ids = (await rowsOf<{ id: string }>(db(), sql`select id::text as id from credentials`)).map((r) => r.id).sort();
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 3_600_000 });
    const first = await getControl(f.admin, FRAMEWORK, CONTROL, { as_of: at, limit: 4 });
    // Each key fails R04 (agent-reachable, never expires) and R05 (never rotated) and passes R06.
    expect(first.population.total).toBe(15);
    expect(lines(first)).toEqual(ids.slice(0, 4).map((id) => `fail R04 ${id}`));
    await rewriteHistory(2);
    const second = await getControl(f.admin, FRAMEWORK, CONTROL, { as_of: at, limit: 4, cursor: first.population.next_cursor! });
    expect(second.population.total).toBe(15);
    expect(lines(second)).toEqual([`fail R04 ${ids[4]}`, ...ids.slice(0, 3).map((id) => `fail R05 ${id}`)]);
    // Asked a millisecond later, the population is rebuilt, and the rewritten history shows.
    const later = await getControl(f.admin, FRAMEWORK, CONTROL, { as_of: new Date(Date.parse(at) + 1).toISOString(), limit: 4 });
    expect(later.population.total).toBe(0);
  });
});
