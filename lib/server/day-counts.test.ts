import { sql } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { addDays, DAY_MS, startOfUtcDay, utcDay } from "@/lib/domain/utc-days";
import { activitySummary, flaggedTotals } from "./activity";
import { db } from "./db";
import { findingSummary, listFindings } from "./findings";
import { rowsOf } from "./sql-rows";
import { seedIdentity, type IdentityFixture } from "./testing/fixtures";
import { describeEachEngine } from "./testing/test-db";

// The day counts behind the Overview and the activity chart are kept by triggers (migration 0008). Whatever the
// statements do to events and findings, the counts must equal a recount of the rows themselves.

const EVENT_RECOUNT = sql`
  select (occurred_at at time zone 'UTC')::date::text as day, coalesce(team_id::text, '') as team_key, actor_type::text as actor_type,
    count(*)::int as events, (count(*) filter (where flagged))::int as flagged, (count(*) filter (where unapproved_destructive))::int as unapproved
  from activity_events group by 1, 2, 3 order by 1, 2, 3`;
const EVENT_COUNTS = sql`
  select day::text as day, team_key, actor_type::text as actor_type, events, flagged, unapproved_destructive as unapproved
  from activity_day_counts where events <> 0 or flagged <> 0 or unapproved_destructive <> 0 order by 1, 2, 3`;
const FINDING_RECOUNT = sql`
  select coalesce(team_id::text, '') as team_key, severity, status, (first_detected_at at time zone 'UTC')::date::text as detected,
    (due_at at time zone 'UTC')::date::text as due, count(*)::int as n
  from findings where status in ('open', 'in_progress') group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5`;
const FINDING_COUNTS = sql`
  select team_key, severity, status, detected_day::text as detected, due_day::text as due, n
  from finding_day_counts where n <> 0 order by 1, 2, 3, 4, 5`;

const ACTORS = ["human", "agent", "service", "unknown"];
const SEVERITIES = ["critical", "high", "medium", "low"];

async function expectEventCountsExact(): Promise<void> {
  expect(await rowsOf(db(), EVENT_COUNTS)).toEqual(await rowsOf(db(), EVENT_RECOUNT));
}

async function expectFindingCountsExact(): Promise<void> {
  expect(await rowsOf(db(), FINDING_COUNTS)).toEqual(await rowsOf(db(), FINDING_RECOUNT));
}

/** `n` events in one statement, spread over the last four days, three teams (one none) and every actor type. */
async function insertEvents(f: IdentityFixture, prefix: string, n: number, now: Date): Promise<void> {
  const teams = [f.teamA, f.teamB, null];
  const values = Array.from({ length: n }, (_, i) => {
    const at = new Date(now.getTime() - (i % 4) * DAY_MS - (i % 7) * 3_600_000).toISOString();
    const team = teams[i % 3];
    return sql`(${`${prefix}-${i}`}, 'leash-ndjson', ${at}::timestamptz, ${team}::uuid, ${ACTORS[i % 4]}::actor_type, 'test', 'delete', 'DELETE',
      true, 'test', 'test', 'success', '{}'::jsonb, ${i % 3 === 0}, ${i % 5 === 0}, '{}'::jsonb, '{}'::jsonb)`;
  });
  await db().execute(sql`insert into activity_events (ingest_key, format, occurred_at, team_id, actor_type, attribution_reason, operation, raw_operation,
    destructive, destructive_reason, environment_reason, outcome, origin, flagged, unapproved_destructive, flag_reasons, payload)
    values ${sql.join(values, sql`, `)}`);
}

/** `n` findings in one statement: every severity, open or in progress, detected over the last 100 days. */
async function insertFindings(f: IdentityFixture, prefix: string, n: number, now: Date): Promise<void> {
  const teams = [f.teamA, f.teamB, null];
  const values = Array.from({ length: n }, (_, i) => {
    const detected = new Date(now.getTime() - ((i * 7) % 100) * DAY_MS - (i % 5) * 3_600_000);
    // Some are due earlier today, some later today: "past due" must split today to the instant.
    const nearby = Math.min(60_000, (now.getTime() - startOfUtcDay(now).getTime()) / 2, (startOfUtcDay(now).getTime() + DAY_MS - now.getTime()) / 2);
    const due = i % 6 === 0 ? new Date(now.getTime() - nearby) : i % 6 === 1 ? new Date(now.getTime() + nearby) : new Date(detected.getTime() + ((i % 4) * 10 + 1) * DAY_MS);
    return sql`(${"R0" + (1 + (i % 9))}, 'credential', ${`${prefix}-${i}`}, 'label', ${teams[i % 3]}::uuid, ${SEVERITIES[i % 4]}, ${i % 4 === 3 ? "in_progress" : "open"},
      'reason', ${detected.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz, ${due.toISOString()}::timestamptz, gen_random_uuid())`;
  });
  await db().execute(sql`insert into findings (rule_id, subject_kind, subject_id, subject_label, team_id, severity, status, reason,
    first_detected_at, last_detected_at, due_at, last_run_id) values ${sql.join(values, sql`, `)}`);
}

describeEachEngine("day counts", () => {
  let f: IdentityFixture;
  // Mid-day, so that "earlier today" and "later today" both exist.
  const now = new Date(startOfUtcDay(Date.now()).getTime() + 12 * 3_600_000);
  beforeAll(async () => {
    f = await seedIdentity();
  });

  test("event counts follow inserts, team links, flag changes, deletes and truncation", async () => {
    await insertEvents(f, "a", 60, now);
    await insertEvents(f, "b", 25, now);
    await expectEventCountsExact();
    await db().execute(sql`update activity_events set team_id = ${f.teamB}::uuid where team_id is null and ingest_key like 'a-%'`);
    await db().execute(sql`update activity_events set flagged = not flagged, unapproved_destructive = false where ingest_key like 'b-%'`);
    await expectEventCountsExact();
    await db().execute(sql`delete from activity_events where ingest_key like 'b-1%'`);
    await expectEventCountsExact();

    const recount = await rowsOf<{ day: string; actor: string; team: string | null; events: number; flagged: number; unapproved: number }>(db(), sql`
      select (occurred_at at time zone 'UTC')::date::text as day, actor_type::text as actor, team_id::text as team, 1 as events,
        flagged::int as flagged, unapproved_destructive::int as unapproved from activity_events`);
    const summary = await activitySummary(f.engineerA, 30, now);
    expect(summary.days).toHaveLength(30);
    expect(summary.days.at(-1)!.day).toBe(utcDay(now));
    for (const point of summary.days) {
      const mine = recount.filter((r) => r.day === point.day && r.team === f.teamA);
      for (const actor of ACTORS) expect(point[actor as "human"]).toBe(mine.filter((r) => r.actor === actor).length);
      expect(point.flagged).toBe(mine.filter((r) => r.flagged).length);
    }
    expect(summary.days.reduce((n, d) => n + d.human + d.agent + d.service + d.unknown, 0)).toBeGreaterThan(0);
    expect(await flaggedTotals(f.admin, 30, now)).toEqual({
      flagged: recount.filter((r) => r.flagged).length,
      unapprovedDestructive: recount.filter((r) => r.unapproved).length,
    });
    // Events with no team are for admins and auditors only.
    await insertEvents(f, "c", 3, now);
    const unlinked = await flaggedTotals(f.admin, 30, now);
    expect((await flaggedTotals(f.engineerA, 30, now)).flagged + (await flaggedTotals(f.engineerB, 30, now)).flagged).toBeLessThan(unlinked.flagged);

    await db().execute(sql`truncate activity_events cascade`);
    expect(await rowsOf(db(), EVENT_COUNTS)).toEqual([]);
  });

  test("finding counts follow opening, status and severity changes, reassignment and deletes; the summary agrees with the list", async () => {
    // The summary reads the clock itself: findings are placed around the real now.
    await insertFindings(f, "s", 90, new Date());
    await expectFindingCountsExact();
    await db().execute(sql`update findings set status = 'resolved', resolved_at = now() where subject_id like 's-1%'`);
    await db().execute(sql`update findings set severity = 'low', team_id = ${f.teamA}::uuid where subject_id like 's-2%'`);
    await db().execute(sql`update findings set status = 'open' where subject_id like 's-1%' and rule_id = 'R01'`);
    await db().execute(sql`update findings set last_detected_at = now()`);
    await expectFindingCountsExact();
    await db().execute(sql`delete from findings where subject_id like 's-3%'`);
    await expectFindingCountsExact();

    for (const viewer of [f.admin, f.engineerA]) {
      const summary = await findingSummary(viewer);
      const total = async (query: Record<string, string>) => (await listFindings(viewer, { ...query, limit: 1 } as never)).total;
      expect(summary.open).toBe(await total({}));
      expect(summary.open).toBeGreaterThan(0);
      expect(summary.overdue).toBe(await total({ overdue: "true" }));
      for (const severity of SEVERITIES) expect(summary.bySeverity[severity as "low"]).toBe(await total({ severity }));
      for (const age of ["under7", "from7to30", "from30to90", "over90"] as const) expect(summary.byAge[age]).toBe(await total({ age }));
    }
    // Findings due earlier today and later today both exist, so the agreement above covers the split of today.
    const dueSoon = await rowsOf<{ past: number; future: number }>(db(), sql`
      select (count(*) filter (where due_at < now()))::int as past, (count(*) filter (where due_at >= now()))::int as future
      from findings where status in ('open', 'in_progress') and due_at >= ${startOfUtcDay(Date.now()).toISOString()}::timestamptz
        and due_at < ${addDays(utcDay(Date.now()), 1)}::timestamptz`);
    expect(dueSoon[0]!.past).toBeGreaterThan(0);
    expect(dueSoon[0]!.future).toBeGreaterThan(0);
  });
});
