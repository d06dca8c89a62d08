import { beforeAll, expect, test } from "vitest";
import { sql } from "drizzle-orm";
import { bytesOf } from "@/lib/ingest/credentials/test-support";
import { ingestEvents } from "./activity-ingest";
import { db } from "./db";
import { buildEvidencePackage } from "./evidence";
import { importCredentials } from "./imports";
import { rowsOf } from "./sql-rows";
import { csvTable, packageEntries } from "./testing/evidence-files";
import { seedIdentity, type IdentityFixture } from "./testing/fixtures";
import { describeEachEngine } from "./testing/test-db";

/**
 * A reason Leash wrote naming a credential by id ("credential <uuid>") reads in an evidence package with the
 * credential's name beside the id: the name the package's inventory lists at its instant, so the package reads
 * without a look-up, still joins to inventory/credentials.csv, and says the same however often it is rebuilt.
 */
describeEachEngine("evidence package reasons name credentials", () => {
  let f: IdentityFixture;
  beforeAll(async () => {
    f = await seedIdentity();
  });

  /** The staging key `named-1` of Team A, under the name given (a comma and quotes: the CSV must quote them). */
  async function importKey(name: string) {
    const record = { external_id: "named-1", name, provider: "aws", kind: "access_key", team: "Team A", environments: ["staging"], principal_type: "service" };
    const run = await importCredentials(f.admin, { format: "leash-json", source: "named", fileName: "named.json", input: bytesOf(JSON.stringify([record]), 4096) });
    expect(run.status).toBe("applied");
  }

  test("populations, findings and OSCAL write the credential by its name at the instant, then its id", async () => {
    await importKey('deploy, "blue" key');
    // A production use of the staging key: R15 (cross-environment use, CC6.1) fails with a reason naming the key by id.
    const use = { event_id: "use-named-1", occurred_at: new Date(Date.now() - 3_600_000).toISOString(), credential: { external_id: "named-1" }, actor: "deployer", actor_type: "service", operation: "GetObject", resource: "s3://named/a", environment: "production", outcome: "success" };
    await ingestEvents(f.admin, { format: "leash-ndjson", fileName: "use.ndjson", input: bytesOf(`${JSON.stringify(use)}\n`, 4096) });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const at = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Renamed after the instant: a package of the instant must not show a name learnt later.
    await importKey("renamed key");
    const [{ id } = { id: "" }] = await rowsOf<{ id: string }>(db(), sql`select id from credentials where external_id = 'named-1'`);
    const reasonNaming = (name: string) => `the event touched production but credential ${name} (${id}) is scoped to staging`;

    const reasonsIn = async (asOf?: string) => {
      const built = await buildEvidencePackage(f.auditor, { framework: "soc2", ...(asOf ? { asOf } : {}) });
      const entries = await packageEntries(f.auditor, built.id);
      const r15 = (rows: Record<string, string>[]) => rows.filter((r) => r.rule_id === "R15" && r.subject_kind === "event").map((r) => r.reason);
      const oscal = JSON.parse(entries.get("oscal/assessment-results.json")!.toString("utf8"))["assessment-results"].results[0].findings as { description: string }[];
      return {
        population: r15(await csvTable(entries.get("populations/CC6.1.csv")!)),
        findings: r15(await csvTable(entries.get("findings/findings.csv")!)),
        // One OSCAL finding per control the rule maps, each with the reason.
        oscal: [...new Set(oscal.map((o) => o.description).filter((d) => d.includes(id)))],
        inventoryName: (await csvTable(entries.get("inventory/credentials.csv")!)).find((c) => c.credential_id === id)?.name,
        populationBytes: entries.get("populations/CC6.1.csv")!,
      };
    };
    const then = await reasonsIn(at);
    expect(then).toMatchObject({ population: [reasonNaming('deploy, "blue" key')], findings: [reasonNaming('deploy, "blue" key')], oscal: [reasonNaming('deploy, "blue" key')], inventoryName: 'deploy, "blue" key' });
    // The same instant gives the same bytes after the rename; a package of now names the key as it is now called.
    expect((await reasonsIn(at)).populationBytes.equals(then.populationBytes)).toBe(true);
    expect(await reasonsIn()).toMatchObject({ population: [reasonNaming("renamed key")], findings: [reasonNaming("renamed key")], oscal: [reasonNaming("renamed key")] });
    // The stored reason is left as written.
    const [stored] = await rowsOf<{ reason: string }>(db(), sql`select reason from findings where rule_id = 'R15' and subject_label like '%s3://named/a'`);
    expect(stored!.reason).toBe(`the event touched production but credential ${id} is scoped to staging`);
  });
});
