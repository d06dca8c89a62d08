import { sql } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { actorOf, listAuditEntries, recordAudit, verifyAuditLog } from "./audit";
import { db } from "./db";
import { describeEachEngine } from "./testing/test-db";
import { seedIdentity, type IdentityFixture } from "./testing/fixtures";
import { createTeam } from "./teams";
import { createToken } from "./tokens";

describeEachEngine("audit log", ({ database }) => {
  let f: IdentityFixture;
  beforeAll(async () => {
    f = await seedIdentity();
  });

  test("mutations are recorded with their actor and the chain verifies", async () => {
    const team = await createTeam(f.admin, { name: "Audited" });
    await createToken(f.admin, { name: "t", scopes: ["read"], expiresInDays: 1 });
    const { entries } = await listAuditEntries(f.auditor, {});
    expect(entries.map((e) => e.action)).toEqual(["token.create", "team.create"]);
    expect(entries[1]).toMatchObject({ actorLabel: "admin@fixture.test", actorType: "user", targetId: team.id, outcome: "success" });
    expect(await verifyAuditLog(f.auditor)).toMatchObject({ ok: true, entries: 2 });
  });

  test("filters and keyset pagination", async () => {
    for (let i = 0; i < 5; i++) await recordAudit(actorOf(f.admin), { action: `test.page`, details: { i } });
    const first = await listAuditEntries(f.admin, { action: "test.", limit: 2 });
    expect(first.entries.map((e) => e.details.i)).toEqual([4, 3]);
    const second = await listAuditEntries(f.admin, { action: "test.", limit: 2, before: first.nextBefore! });
    expect(second.entries.map((e) => e.details.i)).toEqual([2, 1]);
    expect((await listAuditEntries(f.admin, { outcome: "failure" })).entries).toEqual([]);
    expect((await listAuditEntries(f.admin, { actor: "%" })).entries).toEqual([]); // LIKE wildcards are literal
  });

  test("engineers cannot read the audit log", async () => {
    await expect(listAuditEntries(f.engineerA, {})).rejects.toMatchObject({ code: "forbidden" });
    await expect(verifyAuditLog(f.engineerA)).rejects.toMatchObject({ code: "forbidden" });
  });

  test("the database refuses updates and deletes of audit entries", async () => {
    const refusal = (statement: Promise<unknown>) =>
      statement.then(
        () => "allowed",
        (error: Error & { cause?: Error }) => (error.cause ?? error).message,
      );
    expect(await refusal(database().db.execute(sql`update audit_log set action = 'x'`))).toMatch(/append-only/);
    expect(await refusal(database().db.execute(sql`delete from audit_log`))).toMatch(/append-only/);
    expect(await refusal(database().db.execute(sql`truncate audit_log`))).toMatch(/append-only/);
  });

  test("altering one row directly is caught, and verify names that entry", async () => {
    const { entries } = await listAuditEntries(f.admin, { limit: 500 });
    const victim = entries[Math.floor(entries.length / 2)]!;
    await db().execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await db().execute(sql`update audit_log set actor_label = 'someone-else@x.test' where seq = ${victim.seq}`);
    await db().execute(sql`alter table audit_log enable trigger audit_log_append_only`);
    const verdict = await verifyAuditLog(f.admin);
    expect(verdict).toMatchObject({ ok: false, brokenAt: victim.seq });
    expect(verdict.ok === false && verdict.reason).toMatch(/altered/);
  });
});
