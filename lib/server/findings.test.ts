import { sql } from "drizzle-orm";
import { beforeAll, expect, test, vi } from "vitest";
import { listAuditEntries } from "./audit";
import { updateCredential } from "./credentials";
import { db } from "./db";
import { getFinding, listFindings, updateFinding, verifyFix } from "./findings";
import { seedIdentityWithInventory, type IdentityFixture } from "./testing/fixtures";
import { describeEachEngine } from "./testing/test-db";

// Two keys of Team A that each fail R20 (plaintext), so the queue holds one finding per key.
const CSV = "external_id,name,provider,kind,team,storage\r\nlate-1,late one,github,pat,Team A,plaintext\r\nlate-2,late two,github,pat,Team A,plaintext\r\n";

describeEachEngine("the findings queue", () => {
  let f: IdentityFixture;
  beforeAll(async () => {
    f = await seedIdentityWithInventory(CSV);
  });

  test("overdue and not overdue split the active findings: a finding in progress past its due date is overdue only", async () => {
    const ids = (page: Awaited<ReturnType<typeof listFindings>>) => page.items.map((i) => i.id).sort();
    const [one, two] = (await listFindings(f.admin, { rule: "R20" })).items;
    await db().execute(sql`update findings set due_at = now() - interval '1 hour' where id in (${one!.id}::uuid, ${two!.id}::uuid)`);
    await updateFinding(f.engineerA, two!.id, { status: "in_progress" });
    const overdue = await listFindings(f.admin, { rule: "R20", overdue: "true" });
    expect(ids(overdue)).toEqual([one!.id, two!.id].sort());
    expect(overdue.items.every((i) => i.overdue)).toBe(true);
    expect((await listFindings(f.admin, { rule: "R20", overdue: "false" })).items).toEqual([]);
  });

  test("mark fixed on a subject fixed since it was last evaluated answers pass, resolves the finding and audits the check", async () => {
    const [finding] = (await listFindings(f.engineerA, { rule: "R20", q: "late one" })).items;
    // The edit that fixes it is stored, but the evaluation after it fails (as a lost connection would), so the
    // finding still reads open: only Mark fixed's own evaluation can resolve it.
    await db().execute(sql.raw(`create function fail_credential_run() returns trigger language plpgsql as $$ begin
      if new.trigger = 'credential' then raise exception 'injected failure'; end if; return new; end $$`));
    await db().execute(sql`create trigger fail_credential_run before insert on evaluation_runs for each row execute function fail_credential_run()`);
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      await updateCredential(f.engineerA, finding!.subjectId, { storage: "vault" });
      expect(logged).toHaveBeenCalledWith(expect.stringContaining("evaluation after credential failed"), expect.anything());
    } finally {
      logged.mockRestore();
      await db().execute(sql`drop trigger fail_credential_run on evaluation_runs`);
    }
    expect((await getFinding(f.engineerA, finding!.id)).status).not.toBe("resolved");

    const checked = await verifyFix(f.engineerA, finding!.id);
    expect(checked.verdict).toEqual({ result: "pass", reason: expect.stringContaining("vault") });
    expect(checked.finding).toMatchObject({ id: finding!.id, status: "resolved", resolvedAt: expect.any(String) });
    expect(await getFinding(f.admin, finding!.id)).toMatchObject({ status: "resolved" });
    const [entry] = (await listAuditEntries(f.admin, { action: "finding.verify", limit: 1 })).entries;
    expect(entry).toMatchObject({ actorLabel: "engineer-a@fixture.test", targetType: "finding", targetId: finding!.id, details: { rule: "R20", result: "pass" } });
  });
});
