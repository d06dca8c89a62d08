import { eq } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { apiTokens } from "@/db/schema";
import { db } from "./db";
import { describeEachEngine } from "./testing/test-db";
import { seedIdentity, type IdentityFixture } from "./testing/fixtures";
import { authenticateToken, createToken, hashToken, listTokens, revokeToken } from "./tokens";
import { getMe, listUsers } from "./users";

describeEachEngine("api tokens", () => {
  let f: IdentityFixture;
  beforeAll(async () => {
    f = await seedIdentity();
  });

  test("the value is shown once, stored only as a hash, and authenticates as its user narrowed by scope", async () => {
    const created = await createToken(f.admin, { name: "ci", scopes: ["read"], expiresInDays: 30 });
    expect(created.token).toMatch(/^leash_[A-Za-z0-9_-]{43}$/);
    expect(created.prefix).toBe(created.token.slice(0, 12));
    const [row] = await db().select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(row!.tokenHash).toBe(hashToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);
    expect(JSON.stringify(await listTokens(f.admin))).not.toContain(created.token);

    const viewer = await authenticateToken(created.token, { ip: "10.0.0.1" });
    expect(viewer?.userId).toBe(f.admin.userId);
    expect(viewer?.permissions.has("user:read")).toBe(true);
    expect(viewer?.permissions.has("user:manage")).toBe(false); // read scope, even for an admin
    expect((await getMe(viewer!)).token).toMatchObject({ name: "ci", scopes: ["read"] });
    const [used] = await db().select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(used!.lastUsedAt).not.toBeNull();
  });

  test("a token never exceeds its user's role: an engineer's admin-scoped token cannot list users", async () => {
    const created = await createToken(f.admin, { name: "eng", scopes: ["admin"], expiresInDays: 7, userId: f.engineerA.userId });
    const viewer = await authenticateToken(created.token, {});
    expect(viewer?.role).toBe("engineer");
    // No scope would help: the refusal does not send the caller looking for one.
    await expect(listUsers(viewer!)).rejects.toMatchObject({ code: "forbidden", message: "You do not have permission to do this" });
  });

  test("a refusal the user's role would allow names the token's scopes and the scope that would do", async () => {
    const created = await createToken(f.admin, { name: "reader", scopes: ["read"], expiresInDays: 7 });
    const viewer = await authenticateToken(created.token, {});
    await expect(createToken(viewer!, { name: "y", scopes: ["read"], expiresInDays: 1 })).rejects.toMatchObject({
      code: "forbidden",
      message: "This API token's scopes (read) do not allow token:manage; a token with the admin scope does",
    });
  });

  test("revoked, expired, unknown and malformed tokens do not authenticate", async () => {
    const created = await createToken(f.admin, { name: "short-lived", scopes: ["read"], expiresInDays: 1 });
    expect(await authenticateToken(created.token, {})).not.toBeNull();
    const revoked = await revokeToken(f.admin, created.id);
    expect(revoked.status).toBe("revoked");
    expect(await authenticateToken(created.token, {})).toBeNull();
    expect((await revokeToken(f.admin, created.id)).revokedAt).toBe(revoked.revokedAt);

    const expiring = await createToken(f.admin, { name: "expired", scopes: ["read"], expiresInDays: 1 });
    await db().update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, expiring.id));
    expect(await authenticateToken(expiring.token, {})).toBeNull();
    expect(await authenticateToken(`${created.token}x`, {})).toBeNull();
    expect(await authenticateToken("not-a-token", {})).toBeNull();
  });

  test("expiry is at most 90 days and scopes must be known", async () => {
    await expect(createToken(f.admin, { name: "long", scopes: ["read"], expiresInDays: 91 })).rejects.toMatchObject({ fields: { expiresInDays: "must be at most 90 days" } });
    await expect(createToken(f.admin, { name: "bad", scopes: ["root" as "read"], expiresInDays: 1 })).rejects.toMatchObject({ code: "invalid", fields: { "scopes.0": "must be one of read, ingest, evidence, admin" } });
  });

  test("only admins create or revoke tokens; auditors may list; engineers may not", async () => {
    const created = await createToken(f.admin, { name: "x", scopes: ["ingest"], expiresInDays: 5 });
    for (const viewer of [f.auditor, f.engineerA]) {
      await expect(createToken(viewer, { name: "y", scopes: ["read"], expiresInDays: 1 })).rejects.toMatchObject({ code: "forbidden" });
      await expect(revokeToken(viewer, created.id)).rejects.toMatchObject({ code: "forbidden" });
    }
    expect((await listTokens(f.auditor)).length).toBeGreaterThan(0);
    await expect(listTokens(f.engineerA)).rejects.toMatchObject({ code: "forbidden" });
    await expect(revokeToken(f.admin, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ code: "not_found" });
  });

  test("a deactivated user's tokens stop working", async () => {
    const created = await createToken(f.admin, { name: "b", scopes: ["read"], expiresInDays: 5, userId: f.engineerB.userId });
    const { updateUser } = await import("./users");
    await updateUser(f.admin, f.engineerB.userId, { active: false });
    expect(await authenticateToken(created.token, {})).toBeNull();
    await updateUser(f.admin, f.engineerB.userId, { active: true });
  });
});
