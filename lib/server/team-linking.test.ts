import { beforeAll, expect, test } from "vitest";
import type { ImportRunDto } from "@/lib/domain/credential-query";
import { bytesOf } from "@/lib/ingest/credentials/test-support";
import { listEvents } from "./activity";
import { ingestEvents } from "./activity-ingest";
import { listCredentials } from "./credentials";
import { listFindings } from "./findings";
import { getImportRun, importCredentials } from "./imports";
import { overview } from "./overview";
import { createTeam } from "./teams";
import { seedIdentity, type IdentityFixture } from "./testing/fixtures";
import { describeEachEngine } from "./testing/test-db";
import { createUser } from "./users";
import { loadViewer, type Viewer } from "./viewer";

const inventory = [
  // Named before the team exists, spelled as people type it.
  { external_id: "k-1", provider: "railway", kind: "api_token", team: " data platform ", agent_accessible: true, principal_type: "agent" },
  { external_id: "k-2", provider: "railway", kind: "api_token", team: "Elsewhere" },
  { external_id: "k-3", provider: "railway", kind: "api_token", team: "Team A" },
];
const event = { event_id: "e-1", occurred_at: "2026-11-20T09:00:00Z", credential: { external_id: "k-1" }, actor: "bot", operation: "serviceRedeploy", resource: "railway:service/web", outcome: "success" };

describeEachEngine("a team created after an import named it", () => {
  let f: IdentityFixture;
  let member: Viewer;
  let run: ImportRunDto;
  beforeAll(async () => {
    f = await seedIdentity();
    run = await importCredentials(f.admin, { format: "leash-json", source: "vault", fileName: "inv.json", input: bytesOf(JSON.stringify(inventory)) });
    expect(new Set(run.unknownTeams)).toEqual(new Set([{ name: "data platform", credentials: 1 }, { name: "Elsewhere", credentials: 1 }]));
    await ingestEvents(f.admin, { format: "leash-ndjson", fileName: "a.ndjson", input: bytesOf(`${JSON.stringify(event)}\n`) });
    const team = await createTeam(f.admin, { name: "Data Platform" });
    const user = await createUser(f.admin, { email: "data@fixture.test", name: "Data", role: "engineer", password: "a long enough password", teamIds: [team.id] });
    member = (await loadViewer(user.id, { via: "session" }))!;
  });

  test("takes the credentials that named it, and only those", async () => {
    const teams = Object.fromEntries((await listCredentials(f.admin, {})).items.map((c) => [c.name ?? c.id, c.team?.name ?? null]));
    expect(Object.values(teams).sort()).toEqual(["Data Platform", "Team A", null].sort());
    expect((await listCredentials(member, {})).items.map((c) => c.teamLabel)).toEqual(["data platform"]);
  });

  test("its members see those credentials' events and findings", async () => {
    expect((await listEvents(member, {})).items.map((e) => e.actor)).toEqual(["bot"]);
    const findings = (await listFindings(member, { status: "all" })).items;
    expect(findings.length).toBeGreaterThan(0);
    expect(new Set(findings.map((x) => x.teamName))).toEqual(new Set(["Data Platform"]));
    // The agent can reach k-1: it is in their blast radius, as the evaluation ranks it per team.
    expect((await overview(member)).blastRadius.ranked.map((b) => b.credentialId)).toEqual((await listCredentials(member, {})).items.map((c) => c.id));
  });

  test("the import's report names the teams still missing, to those who see every team", async () => {
    expect((await getImportRun(f.admin, run.id)).unknownTeams).toEqual([{ name: "Elsewhere", credentials: 1 }]);
    expect((await getImportRun(f.auditor, run.id)).unknownTeams).toEqual([{ name: "Elsewhere", credentials: 1 }]);
    // An engineer's own import into the same source is not told what other teams' rows state.
    const own = [{ external_id: "k-4", provider: "railway", kind: "api_token", team: "Team A" }];
    const theirs = await importCredentials(f.engineerA, { format: "leash-json", source: "vault", fileName: "mine.json", input: bytesOf(JSON.stringify(own)) });
    expect(theirs.status).toBe("applied");
    expect(theirs.unknownTeams).toEqual([]);
    expect((await getImportRun(f.admin, theirs.id)).unknownTeams).toEqual([{ name: "Elsewhere", credentials: 1 }]);
  });
});
