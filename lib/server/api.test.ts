import { sql } from "drizzle-orm";
import { beforeAll, expect, test, vi } from "vitest";
import { GET as getMe } from "@/app/api/v1/me/route";
import { GET as getTeam } from "@/app/api/v1/teams/[id]/route";
import { POST as postTeams } from "@/app/api/v1/teams/route";
import { DELETE as deleteToken } from "@/app/api/v1/tokens/[id]/route";
import { GET as getUsers, POST as postUsers } from "@/app/api/v1/users/route";
import { PATCH as patchUser } from "@/app/api/v1/users/[id]/route";
import { MAX_JSON_DEPTH, NUL_REASON, SURROGATE_REASON, TOO_DEEP } from "@/lib/domain/storable-text";
import { listAuditEntries } from "./audit";
import { withAuth } from "./api";
import { db } from "./db";
import { rowsOf } from "./sql-rows";
import { apiRequest as request, bearerToken, idParams, noParams } from "./testing/api-client";
import { describeEachEngine } from "./testing/test-db";
import { seedIdentity, type IdentityFixture } from "./testing/fixtures";


describeEachEngine("/api/v1 through withAuth", () => {
  let f: IdentityFixture;
  const tokens: Record<"admin" | "adminRead" | "auditor" | "engineerA", string> = { admin: "", adminRead: "", auditor: "", engineerA: "" };
  beforeAll(async () => {
    f = await seedIdentity();
    tokens.admin = await bearerToken(f, ["admin"]);
    tokens.adminRead = await bearerToken(f, ["read"]);
    tokens.auditor = await bearerToken(f, ["admin", "read"], f.auditor);
    tokens.engineerA = await bearerToken(f, ["admin", "read"], f.engineerA);
  });

  test("no token or an unknown one is 401 with a request id; a valid one answers /me", async () => {
    const anonymous = await getMe(request("GET", "/api/v1/me", "leash_not-a-real-token"), noParams);
    expect(anonymous.status).toBe(401);
    const body = await anonymous.json();
    expect(body.error).toMatchObject({ code: "unauthenticated" });
    expect(body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const basic = await getMe(request("GET", "/api/v1/me", null, undefined, { authorization: "Basic abc" }), noParams);
    expect(basic.status).toBe(401);
    const me = await getMe(request("GET", "/api/v1/me", tokens.engineerA), noParams);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: "engineer-a@fixture.test", via: "token" });
  });

  test("an auditor gets 403 from every mutating endpoint, and nothing changes", async () => {
    const before = (await listAuditEntries(f.admin, { limit: 500 })).entries.length;
    const responses = await Promise.all([
      postUsers(request("POST", "/api/v1/users", tokens.auditor, { email: "x@y.test", name: "x", role: "admin" }), noParams),
      patchUser(request("PATCH", `/api/v1/users/${f.engineerA.userId}`, tokens.auditor, { role: "admin" }), idParams(f.engineerA.userId)),
      postTeams(request("POST", "/api/v1/teams", tokens.auditor, { name: "Nope" }), noParams),
      deleteToken(request("DELETE", `/api/v1/tokens/${f.teamA}`, tokens.auditor), idParams(f.teamA)),
    ]);
    expect(responses.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    expect((await listAuditEntries(f.admin, { limit: 500 })).entries.length).toBe(before);
  });

  test("an admin's read-scoped token cannot mutate; its admin-scoped token can, and the audit entry names the token", async () => {
    const refused = await postTeams(request("POST", "/api/v1/teams", tokens.adminRead, { name: "Via Read" }), noParams);
    expect(refused.status).toBe(403);
    const created = await postTeams(request("POST", "/api/v1/teams", tokens.admin, { name: "Via Token" }), noParams);
    expect(created.status).toBe(201);
    const [entry] = (await listAuditEntries(f.admin, { action: "team.create", limit: 1 })).entries;
    expect(entry).toMatchObject({ actorType: "token", details: { name: "Via Token" } });
    expect(entry!.actorLabel).toContain("admin@fixture.test");
  });

  test("an engineer gets 404 for another team, and for a malformed id", async () => {
    expect((await getTeam(request("GET", `/api/v1/teams/${f.teamB}`, tokens.engineerA), idParams(f.teamB))).status).toBe(404);
    expect((await getTeam(request("GET", `/api/v1/teams/${f.teamA}`, tokens.engineerA), idParams(f.teamA))).status).toBe(200);
    expect((await getTeam(request("GET", "/api/v1/teams/../../etc", tokens.admin), idParams("../../etc"))).status).toBe(404);
  });

  test("bad input is a 400 naming the field; malformed JSON is a 400; nothing is stored", async () => {
    const invalid = await postUsers(request("POST", "/api/v1/users", tokens.admin, { email: "not-an-email", name: "", role: "root" }), noParams);
    expect(invalid.status).toBe(400);
    const { error } = await invalid.json();
    expect(Object.keys(error.fields).sort()).toEqual(["email", "name", "role"]);
    const missing = await postUsers(request("POST", "/api/v1/users", tokens.admin, { name: "No Email", role: "engineer" }), noParams);
    expect((await missing.json()).error.fields).toEqual({ email: "is required" });
    const badTeam = await getUsers(request("GET", "/api/v1/users?teamId=payments", tokens.admin), noParams);
    expect(badTeam.status).toBe(400);
    expect(Object.keys((await badTeam.json()).error.fields)).toEqual(["teamId"]);
    const malformed = await postUsers(request("POST", "/api/v1/users", tokens.admin, "{not json"), noParams);
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.message).toBe("Body is not valid JSON");
    // A NUL would otherwise reach the database and fail the insert as a 500.
    const nul = await postTeams(request("POST", "/api/v1/teams", tokens.admin, { name: "Nul\u0000Team" }), noParams);
    expect(nul.status).toBe(400);
    expect((await nul.json()).error).toMatchObject({ message: `name ${NUL_REASON}`, fields: { name: NUL_REASON } });
    const halfPair = await postTeams(request("POST", "/api/v1/teams", tokens.admin, '{"name":"Half \\ud800 Team"}'), noParams);
    expect((await halfPair.json()).error).toMatchObject({ fields: { name: SURROGATE_REASON } });
    // Nested thousands deep, a walk over the body ran out of stack: a 500.
    const deep = await postTeams(request("POST", "/api/v1/teams", tokens.admin, `{"name":${"[".repeat(5000)}1${"]".repeat(5000)}}`), noParams);
    expect(deep.status).toBe(400);
    expect((await deep.json()).error.fields).toEqual({ [`name${"[0]".repeat(MAX_JSON_DEPTH - 1)}`]: TOO_DEEP });
    const teams = await rowsOf<{ n: number }>(db(), sql`select count(*)::int as n from teams where name like 'Nul%' or name like 'Half%'`);
    expect(teams[0]!.n).toBe(0);
  });

  test("an unexpected error is a 500 with a generic message and request id, no stack or SQL", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const broken = withAuth(
      async () => {
        throw new Error('relation "secret_table" does not exist at /srv/leash/lib/x.ts:12');
      },
      { permission: "self:read" },
    );
    const response = await broken(request("GET", "/api/v1/x", tokens.admin), noParams);
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(text).not.toMatch(/secret_table|\.ts:|relation/);
    expect(JSON.parse(text).error.requestId).toBe(response.headers.get("x-request-id"));
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });
});
