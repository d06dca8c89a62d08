import { beforeAll, expect, test } from "vitest";
import { bytesOf } from "@/lib/ingest/credentials/test-support";
import { ingestEvents } from "./activity-ingest";
import { createCorpus } from "./corpora";
import { gettingStarted, type SetupStepId } from "./getting-started";
import { importCredentials } from "./imports";
import { scanUploadedArchive } from "./scan-archive";
import { setEnvironmentRules } from "./settings";
import { seedIdentity, type IdentityFixture } from "./testing/fixtures";
import { describeEachEngine } from "./testing/test-db";
import { createToken } from "./tokens";

async function undone(f: IdentityFixture): Promise<SetupStepId[]> {
  return (await gettingStarted(f.admin))!.filter((s) => !s.done).map((s) => s.id);
}

describeEachEngine("the administrator's setup checklist", () => {
  let f: IdentityFixture;
  beforeAll(async () => {
    f = await seedIdentity();
  });

  test("is an administrator's only", async () => {
    for (const viewer of [f.auditor, f.engineerA]) expect(await gettingStarted(viewer)).toBeNull();
  });

  test("marks each step done by what the instance holds, in the order an administrator works", async () => {
    // The fixture made two teams and nothing else.
    expect(await undone(f)).toEqual(["inventory", "environments", "activity", "scans"]);

    // Leash's own tokens become credentials at once; they are not the inventory an administrator imports.
    await createToken(f.admin, { name: "ci", scopes: ["read"], expiresInDays: 30 });
    expect(await undone(f)).toContain("inventory");

    const inventory = JSON.stringify([{ external_id: "k-1", provider: "railway", kind: "api_token", team: "Team A" }]);
    await importCredentials(f.admin, { format: "leash-json", source: "vault", fileName: "inv.json", input: bytesOf(inventory) });
    expect(await undone(f)).toEqual(["environments", "activity", "scans"]);

    await setEnvironmentRules(f.admin, { rules: [] });
    expect(await undone(f)).toContain("environments");
    await setEnvironmentRules(f.admin, { rules: [{ match: "project", pattern: "prod-*", environment: "production" }] });
    expect(await undone(f)).toEqual(["activity", "scans"]);

    const event = { event_id: "e-1", occurred_at: "2026-11-20T09:00:00Z", actor: "deploy-bot", operation: "serviceRedeploy", resource: "railway:service/web", outcome: "success" };
    await ingestEvents(f.admin, { format: "leash-ndjson", fileName: "a.ndjson", input: bytesOf(`${JSON.stringify(event)}\n`) });
    expect(await undone(f)).toEqual(["scans"]);

    await createCorpus(f.admin, { name: "Runbooks", kind: "docs_export", agentReadable: true });
    expect(await undone(f)).toEqual(["scans"]);
    await scanUploadedArchive(f.admin, "Runbooks", "runbook.md", bytesOf("# nothing secret here\n"));
    expect(await undone(f)).toEqual([]);
  });
});
