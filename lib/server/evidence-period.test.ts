import { beforeAll, expect, test } from "vitest";
import { sql } from "drizzle-orm";
import { readZipEntries } from "@/lib/evidence/package/read-zip";
import { verifyPackage } from "@/lib/evidence/package/verify";
import { db } from "./db";
import { BUILD_STEPS, buildEvidencePackage } from "./evidence";
import { publicKeys } from "./evidence-keys";
import { rowsOf } from "./sql-rows";
import { csvTable, downloaded } from "./testing/evidence-files";
import { seedIdentity, type IdentityFixture } from "./testing/fixtures";
import { describeEachEngine } from "./testing/test-db";

const DAY_MS = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

describeEachEngine("a period package's activity files", () => {
  let f: IdentityFixture;
  const periodFrom = day(-3);
  const periodStart = Date.parse(`${periodFrom}T00:00:00Z`);
  // Around the period's first instant, flagged or not; the resource a spreadsheet would run as a formula.
  const events = [
    { key: "week-before-flagged", at: periodStart - 3 * DAY_MS, flagged: true, inPeriod: "no" },
    { key: "last-ms-before", at: periodStart - 1, flagged: false, inPeriod: "no" },
    { key: "first-ms-flagged", at: periodStart, flagged: true, inPeriod: "yes" },
    { key: "inside", at: periodStart + DAY_MS, flagged: false, inPeriod: "yes" },
    { key: "inside-flagged", at: periodStart + 2 * DAY_MS, flagged: true, inPeriod: "yes" },
  ];
  const expected = new Map<string, { key: string; inPeriod: string; flagged: boolean }>();

  beforeAll(async () => {
    f = await seedIdentity();
    const values = events.map(
      (e) => sql`(${e.key}, 'leash-ndjson', ${new Date(e.at).toISOString()}::timestamptz, ${f.teamA}::uuid, 'agent'::actor_type, 'test', 'delete', 'DELETE', true, 'test',
        '=HYPERLINK("x")', 'test', 'success', '{}'::jsonb, ${e.flagged}, ${e.flagged}, ${e.flagged}, '{}'::jsonb, '{}'::jsonb)`,
    );
    const inserted = await rowsOf<{ id: string; ingest_key: string }>(db(), sql`
      insert into activity_events (ingest_key, format, occurred_at, team_id, actor_type, attribution_reason, operation, raw_operation, destructive, destructive_reason,
        resource, environment_reason, outcome, origin, flagged, cross_env, unapproved_destructive, flag_reasons, payload)
      values ${sql.join(values, sql`, `)} returning id::text as id, ingest_key`);
    for (const row of inserted) {
      const e = events.find((x) => x.key === row.ingest_key)!;
      expected.set(row.id, { key: e.key, inPeriod: e.inPeriod, flagged: e.flagged });
    }
  });

  test("events.csv and flagged.csv keep the events before the period and mark which occurred in it; the package verifies", async () => {
    const built = await buildEvidencePackage(f.auditor, { framework: "soc2", from: periodFrom, to: day(0) });
    const bytes = await downloaded(f.auditor, built.id);
    const verdict = await verifyPackage(bytes, (await publicKeys()).map((k) => k.publicKeyPem));
    expect(verdict.problems).toEqual([]);
    const entries = await readZipEntries(bytes);
    for (const file of ["activity/events.csv", "activity/flagged.csv"]) {
      const header = entries.get(file)!.toString("utf8").split("\r\n")[0]!.split(",");
      expect(header.at(-1), file).toBe("in_period");
      const rows = await csvTable(entries.get(file)!);
      const marked = Object.fromEntries(rows.map((r) => [expected.get(r.id!)!.key, r.in_period]));
      const listed = [...expected.values()].filter((e) => file.endsWith("events.csv") || e.flagged);
      expect(marked, file).toEqual(Object.fromEntries(listed.map((e) => [e.key, e.inPeriod])));
      // Still through the CSV encoder: a cell that would start a formula is defused.
      for (const r of rows) expect(r.resource).toBe(`'=HYPERLINK("x")`);
    }
    // The manifest counts every row listed, before the period or in it, and reconciles them with the evaluated events.
    const counted = Object.fromEntries(verdict.manifest!.files.filter((x) => x.path.startsWith("activity/")).map((x) => [x.path, x.records]));
    expect(counted).toEqual({ "activity/events.csv": 5, "activity/flagged.csv": 3 });
    expect(verdict.manifest!.completeness).toMatchObject({ subjects: { event: { evaluated: 5, listed: 5, reconciled: true } } });
    const readme = entries.get("README.txt")!.toString("utf8");
    expect(readme).toContain("in_period: yes for an event that occurred in");
  });

  test("a package as of an instant has no period, and no in_period column; its build reports each step counted", async () => {
    const steps: string[] = [];
    const built = await buildEvidencePackage(f.auditor, { framework: "soc2" }, undefined, (name, { done, total }) => steps.push(`${done}/${total} ${name}`));
    // A build job turns these into a bar: the steps done before each starts, of all of them.
    expect(steps).toEqual(BUILD_STEPS.map((name, i) => `${i}/4 ${name}`));
    const entries = await readZipEntries(await downloaded(f.auditor, built.id));
    for (const file of ["activity/events.csv", "activity/flagged.csv"]) {
      const header = entries.get(file)!.toString("utf8").split("\r\n")[0]!.split(",");
      expect(header, file).not.toContain("in_period");
      expect(header.at(-1), file).toBe("unapproved_destructive");
    }
    expect((await csvTable(entries.get("activity/events.csv")!)).length).toBe(5);
    expect(entries.get("README.txt")!.toString("utf8")).not.toContain("in_period");
  });
});
