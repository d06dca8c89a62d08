import { beforeAll, expect, test } from "vitest";
import { importCredentials } from "../imports";
import { seedIdentity, type IdentityFixture } from "../testing/fixtures";
import { describeEachEngine } from "../testing/test-db";
import { createToken } from "../tokens";
import { TOKEN_SOURCE_NAME } from "../token-credentials";
import { completeness } from "./record-files";

type SourceLine = { source: string; credentialsInPackage: number; listedBySource: number; markedMissing: number; reconciled: boolean; difference: number | null; basis: string; latestImport: { fullSync: boolean } | null };

describeEachEngine("completeness: each source's credentials reconciled with its import runs", () => {
  let f: IdentityFixture;
  const keys = (...ids: string[]) => ids.map((id) => ({ external_id: id, name: `key ${id}`, provider: "aws", kind: "access_key", team: "Team A" }));
  const load = (source: string, records: object[], fullSync: boolean) =>
    importCredentials(f.admin, {
      format: "leash-json",
      source,
      fileName: `${source}.json`,
      fullSync,
      input: (async function* () {
        yield new TextEncoder().encode(JSON.stringify(records));
      })(),
    });
  const sources = async () => {
    const { sources: lines, sourceRule } = (await completeness(new Date(), {}, {}, 0, 0)) as { sources: SourceLine[]; sourceRule: string };
    expect(sourceRule).toMatch(/created \+ updated \+ unchanged/);
    return Object.fromEntries(lines.map((s) => [s.source, s]));
  };

  beforeAll(async () => {
    f = await seedIdentity();
    // A full sync of three, then one of two: the third is marked missing, still in the package, not listed by the source.
    expect(await load("synced", keys("a", "b", "c"), true)).toMatchObject({ status: "applied" });
    expect(await load("synced", keys("a", "b"), true)).toMatchObject({ status: "applied", counts: { markedMissing: 1 } });
    // Partial imports: the latest listed one credential of three.
    expect(await load("partial", keys("p", "q"), false)).toMatchObject({ status: "applied" });
    expect(await load("partial", keys("r"), false)).toMatchObject({ status: "applied" });
    await createToken(f.admin, { name: "completeness", scopes: ["read"], expiresInDays: 7 });
  });

  test("after a full sync the credentials the source still lists match the run's, and the missing one is counted apart", async () => {
    expect((await sources()).synced).toMatchObject({ credentialsInPackage: 3, listedBySource: 2, markedMissing: 1, latestImport: { fullSync: true }, reconciled: true, difference: 0 });
  });

  test("after a partial import the difference is given but no match is claimed", async () => {
    expect((await sources()).partial).toMatchObject({ credentialsInPackage: 3, listedBySource: 3, reconciled: false, difference: 2, basis: expect.stringMatching(/^partial import/) });
  });

  test("a source fed by the token sync, with no import run, says so rather than claiming a match", async () => {
    expect((await sources())[TOKEN_SOURCE_NAME]).toMatchObject({ credentialsInPackage: 1, latestImport: null, reconciled: false, difference: null, basis: expect.stringMatching(/^no import run/) });
  });

  test("a full sync that no longer matches what the package lists is not reconciled, and the difference says by how many", async () => {
    // A full sync with a rejected row marks nothing missing (the row may have listed one): b stays present, unlisted.
    const run = await importCredentials(f.admin, {
      format: "leash-json",
      source: "synced",
      fileName: "synced.json",
      fullSync: true,
      applyValid: true,
      input: (async function* () {
        yield new TextEncoder().encode(JSON.stringify([...keys("a"), { external_id: "bad" }]));
      })(),
    });
    expect(run).toMatchObject({ status: "applied", counts: { rejected: 1, markedMissing: 0 } });
    expect((await sources()).synced).toMatchObject({ listedBySource: 2, reconciled: false, difference: 1, basis: expect.stringMatching(/^full sync: .* differ/) });
  });
});
