import { sql } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { awsPair } from "@/bench/scanner/fakes";
import { Rng } from "@/bench/scanner/prng";
import { createCorpus, updateCorpus } from "./corpora";
import { db } from "./db";
import { getPosture } from "./posture";
import { scanUploadedArchive } from "./scan-archive";
import { importJsonCredentials, seedIdentity, type IdentityFixture } from "./testing/fixtures";
import { describeEachEngine } from "./testing/test-db";

/**
 * Posture as of a past instant judges corpora and exposures as they stood then: a corpus edited since, or an
 * exposure resolved and later seen again, does not rewrite it (corpus_versions and secret_finding_states).
 */

async function* bytes(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describeEachEngine("past posture keeps corpora and exposures as they were", () => {
  let f: IdentityFixture;
  const aws = awsPair(new Rng(5151));
  const runbook = `AWS_ACCESS_KEY_ID=${aws.id}\nAWS_SECRET_ACCESS_KEY=${aws.secret}\n`;
  let corpusId: string;

  /** The SOC 2 controls' fail counts as of an instant (now when none is given). */
  const fails = async (asOf?: Date) =>
    Object.fromEntries((await getPosture(f.admin, { framework: "soc2", ...(asOf ? { asOf } : {}) })).controls.map((c) => [c.id, c.population.fail]));

  beforeAll(async () => {
    f = await seedIdentity();
    await importJsonCredentials(f, [{ external_id: "aws-1", provider: "aws", kind: "access_key", team: "Team A", public_id: aws.id, expires_at: null }], "aws");
    corpusId = (await createCorpus(f.admin, { name: "Runbooks", kind: "docs_export", agentReadable: true })).id;
    await scanUploadedArchive(f.admin, "Runbooks", "runbook.env", bytes(runbook));
    await tick();
  });

  test("making a corpus unreadable by agents now leaves the posture as of before unchanged", async () => {
    const before = new Date();
    const then = await fails(before);
    await tick();
    await updateCorpus(f.admin, corpusId, { agentReadable: false });
    const now = await fails();
    // R13 (a secret where agents read) no longer fails now: CC6.6 counts one fail fewer.
    expect(now["CC6.6"]).toBeLessThan(then["CC6.6"]!);
    expect(await fails(before)).toEqual(then);
    expect(await fails(new Date())).toEqual(now);
    await updateCorpus(f.admin, corpusId, { agentReadable: true });
  });

  test("an exposure resolved and seen again keeps the stretch it was resolved in", async () => {
    await scanUploadedArchive(f.admin, "Runbooks", "runbook.env", bytes("# rotated\n"));
    await tick();
    const whileResolved = new Date();
    const resolved = await fails(whileResolved);
    await tick();
    await scanUploadedArchive(f.admin, "Runbooks", "runbook.env", bytes(runbook));
    const reopened = await fails();
    // R12/R13 fail again now (CC6.1 and CC6.6 count them), but not as of when the exposure was resolved.
    expect(reopened["CC6.6"]).toBeGreaterThan(resolved["CC6.6"]!);
    expect(await fails(whileResolved)).toEqual(resolved);
    const stretches = (await db().execute(sql`
      select s.valid_to is null as open from secret_finding_states s join secret_findings sf on sf.id = s.finding_id
      where sf.corpus_id = ${corpusId}::uuid order by s.valid_from`)) as unknown as { rows: { open: boolean }[] };
    expect(stretches.rows.map((r) => r.open)).toEqual([false, true]);
  });
});
