import { beforeAll, expect, test } from "vitest";
import { listAuditEntries } from "./audit";
import { signInWithOidcProfile, signInWithPassword, throttlePolicy } from "./sign-in";
import { FIXTURE_PASSWORD, seedIdentity, type IdentityFixture } from "./testing/fixtures";
import { describeEachEngine } from "./testing/test-db";
import { createUser, updateUser } from "./users";

describeEachEngine("password sign-in", () => {
  let f: IdentityFixture;
  beforeAll(async () => {
    f = await seedIdentity();
  });

  test("the right password signs in (email is case-insensitive); a wrong one is refused without saying which part", async () => {
    expect(await signInWithPassword("Engineer-A@Fixture.test", FIXTURE_PASSWORD, "10.1.0.1")).toEqual({ ok: true, userId: f.engineerA.userId });
    expect(await signInWithPassword("engineer-a@fixture.test", "wrong password!", "10.1.0.1")).toEqual({ ok: false, reason: "invalid" });
    expect(await signInWithPassword("nobody@fixture.test", FIXTURE_PASSWORD, "10.1.0.1")).toEqual({ ok: false, reason: "invalid" });
  });

  test("after repeated failures the account is locked, even for the right password, and it is audited", async () => {
    const user = await createUser(f.admin, { email: "lockme@x.test", name: "L", role: "engineer", password: FIXTURE_PASSWORD });
    const results = [];
    for (let i = 0; i < throttlePolicy.account.maxFailures; i++) {
      results.push((await signInWithPassword(user.email, "not the password", `10.2.0.${i}`)).ok === false);
    }
    expect(results.every(Boolean)).toBe(true);
    const locked = await signInWithPassword(user.email, FIXTURE_PASSWORD, "10.2.9.9");
    expect(locked).toMatchObject({ ok: false, reason: "locked" });
    expect(locked.ok === false && locked.reason === "locked" && locked.retryAfterSeconds).toBeGreaterThan(60);
    // Another account is not affected.
    expect((await signInWithPassword("auditor@fixture.test", FIXTURE_PASSWORD, "10.2.9.9")).ok).toBe(true);
    const { entries } = await listAuditEntries(f.admin, { action: "auth.sign_in", actor: "lockme@x.test" });
    expect(entries.map((e) => e.outcome)).toEqual(["denied", ...Array(throttlePolicy.account.maxFailures).fill("failure")]);
  });

  test("one address guessing across many accounts is locked out too", async () => {
    const ip = "10.3.0.1";
    for (let i = 0; i < throttlePolicy.address.maxFailures; i++) await signInWithPassword(`guess${i}@x.test`, "x".repeat(12), ip);
    expect(await signInWithPassword("auditor@fixture.test", FIXTURE_PASSWORD, ip)).toMatchObject({ ok: false, reason: "locked" });
    expect((await signInWithPassword("auditor@fixture.test", FIXTURE_PASSWORD, "10.3.0.2")).ok).toBe(true);
  });

  test("a deactivated account cannot sign in", async () => {
    const user = await createUser(f.admin, { email: "gone@x.test", name: "G", role: "engineer", password: FIXTURE_PASSWORD });
    await updateUser(f.admin, user.id, { active: false });
    expect(await signInWithPassword(user.email, FIXTURE_PASSWORD, "10.4.0.1")).toEqual({ ok: false, reason: "invalid" });
  });

  test("identity provider sign-in maps a verified email to an existing active user only", async () => {
    expect(await signInWithOidcProfile({ email: "Auditor@Fixture.test", email_verified: true })).toBe(f.auditor.userId);
    expect(await signInWithOidcProfile({ email: "auditor@fixture.test", email_verified: false })).toBeNull();
    expect(await signInWithOidcProfile({ email: "stranger@elsewhere.test" })).toBeNull();
    expect(await signInWithOidcProfile({ sub: "no-email" })).toBeNull();
    const { entries } = await listAuditEntries(f.admin, { action: "auth.sign_in", actor: "stranger@elsewhere.test" });
    expect(entries[0]).toMatchObject({ outcome: "failure", details: { method: "oidc", reason: "no active Leash user with this email" } });
  });
});
