import { beforeAll, expect, test } from "vitest";
import { AppError } from "./errors";
import { describeEachEngine } from "./testing/test-db";
import { seedIdentity, type IdentityFixture } from "./testing/fixtures";
import { createTeam, getTeam, listTeams } from "./teams";
import { createUser, getMe, listUsers, updateUser } from "./users";
import { loadViewer } from "./viewer";

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return "allowed";
}

describeEachEngine("users and teams", () => {
  let f: IdentityFixture;
  beforeAll(async () => {
    f = await seedIdentity();
  });

  test("an admin creates a user with a team; the user is listed with it and the password is not returned", async () => {
    const created = await createUser(f.admin, {
      email: "  New.Engineer@Example.COM ",
      name: "New Engineer",
      role: "engineer",
      password: "a long enough password",
      teamIds: [f.teamA],
    });
    expect(created).toMatchObject({ email: "new.engineer@example.com", role: "engineer", active: true, hasPassword: true });
    expect(created.teams).toEqual([{ id: f.teamA, name: "Team A" }]);
    expect(JSON.stringify(created)).not.toContain("argon2");
    const all = await listUsers(f.admin);
    expect(all.map((u) => u.email)).toContain("new.engineer@example.com");
  });

  test("a duplicate email is a conflict naming the field; a short password is invalid", async () => {
    const dup = createUser(f.admin, { email: "admin@fixture.test", name: "x", role: "engineer" });
    await expect(dup).rejects.toMatchObject({ code: "conflict", fields: { email: "is already in use" } });
    await expect(createUser(f.admin, { email: "p@x.test", name: "x", role: "engineer", password: "short" })).rejects.toMatchObject({ code: "invalid", fields: { password: "must be at least 12 characters" } });
  });

  test("only admins manage users: auditor and engineers are forbidden; engineers cannot even list", async () => {
    for (const viewer of [f.auditor, f.engineerA]) {
      expect(await refusal(createUser(viewer, { email: "z@x.test", name: "z", role: "admin" }))).toBe("forbidden");
      expect(await refusal(updateUser(viewer, f.engineerB.userId, { role: "admin" }))).toBe("forbidden");
    }
    expect(await refusal(listUsers(f.engineerA))).toBe("forbidden");
    expect((await listUsers(f.auditor)).length).toBeGreaterThanOrEqual(4);
  });

  test("a team's member count lists as its members, a deactivated one too; engineers still may not list users", async () => {
    const team = await createTeam(f.admin, { name: "Counted Team" });
    const stays = await createUser(f.admin, { email: "counted-1@x.test", name: "C1", role: "engineer", teamIds: [team.id, f.teamA] });
    const leaves = await createUser(f.admin, { email: "counted-2@x.test", name: "C2", role: "engineer", teamIds: [team.id] });
    await updateUser(f.admin, leaves.id, { active: false });
    const { memberCount } = (await listTeams(f.admin)).find((t) => t.id === team.id)!;
    for (const viewer of [f.admin, f.auditor]) {
      const members = await listUsers(viewer, { teamId: team.id });
      expect(members.map((u) => u.email)).toEqual([stays.email, leaves.email]);
      expect(members).toHaveLength(memberCount);
    }
    expect((await listUsers(f.admin, { teamId: f.teamA })).map((u) => u.email)).toContain(stays.email);
    expect((await listUsers(f.admin, { teamId: f.teamB })).map((u) => u.email)).not.toContain(stays.email);
    expect(await refusal(listUsers(f.engineerA, { teamId: f.teamA }))).toBe("forbidden");
    await expect(listUsers(f.admin, { teamId: "Counted Team" })).rejects.toMatchObject({ code: "invalid", fields: { teamId: expect.any(String) } });
  });

  test("a role change takes effect on the next request; deactivation removes access at once", async () => {
    const user = await createUser(f.admin, { email: "promote@x.test", name: "P", role: "engineer" });
    await updateUser(f.admin, user.id, { role: "auditor" });
    const reloaded = await loadViewer(user.id, { via: "session" });
    expect(reloaded?.role).toBe("auditor");
    expect(reloaded?.permissions.has("audit:read")).toBe(true);
    await updateUser(f.admin, user.id, { active: false });
    expect(await loadViewer(user.id, { via: "session" })).toBeNull();
  });

  test("an admin cannot demote or deactivate themself", async () => {
    expect(await refusal(updateUser(f.admin, f.admin.userId, { role: "engineer" }))).toBe("invalid");
    expect(await refusal(updateUser(f.admin, f.admin.userId, { active: false }))).toBe("invalid");
  });

  test("updating an unknown user is not found", async () => {
    expect(await refusal(updateUser(f.admin, "00000000-0000-4000-8000-000000000000", { name: "x" }))).toBe("not_found");
  });

  test("teams: admins create; engineers see only their own team and get not found for another", async () => {
    const team = await createTeam(f.admin, { name: "Data Platform" });
    expect(team).toMatchObject({ name: "Data Platform", slug: "data-platform", memberCount: 0 });
    await expect(createTeam(f.admin, { name: "data  platform" })).rejects.toMatchObject({ code: "conflict" });
    expect(await refusal(createTeam(f.engineerA, { name: "Rogue" }))).toBe("forbidden");
    expect(await refusal(createTeam(f.auditor, { name: "Rogue" }))).toBe("forbidden");
    expect((await listTeams(f.engineerA)).map((t) => t.id)).toEqual([f.teamA]);
    expect((await getTeam(f.engineerA, f.teamA)).members.map((m) => m.email)).toContain("engineer-a@fixture.test");
    expect(await refusal(getTeam(f.engineerA, f.teamB))).toBe("not_found");
    expect((await listTeams(f.auditor)).length).toBeGreaterThanOrEqual(3);
  });

  test("getMe reports role, teams and permissions", async () => {
    const me = await getMe(f.engineerA);
    expect(me).toMatchObject({ email: "engineer-a@fixture.test", role: "engineer", via: "session", token: null });
    expect(me.teams).toEqual([{ id: f.teamA, name: "Team A" }]);
    expect(me.permissions).not.toContain("user:manage");
  });
});
