import { sql } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { db } from "./db";
import { decideException, requestException } from "./exceptions";
import { listFindings } from "./findings";
import { getControl, getPosture } from "./posture";
import { seedIdentityWithInventory, type IdentityFixture } from "./testing/fixtures";
import { describeEachEngine } from "./testing/test-db";

const CSV = [
  "external_id,name,provider,kind,principal,principal_type,team,owner_email,environments,agent_accessible,created_at,expires_at,storage",
  // Of the SOC 2 CC6.1 rules it fails R20 alone (kept in an env file), so an exception for that makes CC6.1 effective.
  `env-file-key,deploy key,github,pat,deployer,service,Team A,a@fixture.test,staging,false,${new Date(Date.now() - 86_400_000).toISOString()},${new Date(Date.now() + 30 * 86_400_000).toISOString()},env_file`,
].join("\r\n") + "\r\n";

describeEachEngine("exceptions over time", () => {
  let f: IdentityFixture;
  beforeAll(async () => {
    f = await seedIdentityWithInventory(CSV);
  });

  test("an approved exception stops counting as excepted the moment it expires, on every posture read", async () => {
    const [r20] = (await listFindings(f.admin, { rule: "R20" })).items;
    expect(r20).toMatchObject({ status: "open", teamName: "Team A" });
    const requested = await requestException(f.engineerA, r20!.id, { justification: "The key moves to the vault with the CI migration.", expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString() });
    await decideException(f.admin, requested.id, { decision: "approve" });
    const cc61 = async () => (await getPosture(f.auditor, { framework: "soc2" })).controls.find((c) => c.id === "CC6.1")!;
    const excepted = await cc61();
    expect(excepted).toMatchObject({ status: "effective_with_exceptions", population: { fail: 0, excepted: 1 } });

    // The expiry passes; nobody opens the findings queue (which would notice), an auditor reads the posture.
    await db().execute(sql`update finding_exceptions set expires_at = now() - interval '1 second' where id = ${requested.id}::uuid`);
    const lapsed = await cc61();
    expect(lapsed).toMatchObject({ status: "not_effective", population: { fail: 1, excepted: 0 } });
    const population = await getControl(f.auditor, "soc2", "CC6.1", { rule: "R20", limit: 10 });
    expect(population.population.items.map((i) => i.result)).toEqual(["fail"]);
  });
});
