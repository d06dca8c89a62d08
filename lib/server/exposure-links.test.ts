import { and, desc, eq } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { auditLog, credentials, sources } from "@/db/schema";
import { awsPair } from "@/bench/scanner/fakes";
import { Rng } from "@/bench/scanner/prng";
import { createCorpus } from "./corpora";
import { db } from "./db";
import { listEvaluationRuns, runFullEvaluation } from "./evaluation";
import { listFindings } from "./findings";
import { importCredentials } from "./imports";
import { evaluatedBlastRadius } from "./posture";
import { scanUploadedArchive } from "./scan-archive";
import { listSecretFindings } from "./secret-findings";
import { seedIdentity, type IdentityFixture } from "./testing/fixtures";
import { describeEachEngine } from "./testing/test-db";
import { TOKEN_SOURCE_NAME } from "./token-credentials";
import { createToken } from "./tokens";
import type { Viewer } from "./viewer";

async function* bytes(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

/** A runbook holding a fake AWS key pair (seeded generator): the scanner finds one exposure carrying the key id. */
function runbook(seed: number) {
  const aws = awsPair(new Rng(seed));
  return { keyId: aws.id, text: `AWS_ACCESS_KEY_ID=${aws.id}\nAWS_SECRET_ACCESS_KEY=${aws.secret}\n` };
}

async function credentialId(externalId: string): Promise<string> {
  const [row] = await db().select({ id: credentials.id }).from(credentials).where(eq(credentials.externalId, externalId));
  return row!.id;
}

async function lastAudit(action: string) {
  const [row] = await db().select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.seq)).limit(1);
  return row;
}

/** The one exposure of a corpus, as the scans page lists it to an admin. */
async function exposureIn(f: IdentityFixture, corpusId: string) {
  const found = await listSecretFindings(f.admin, { corpusId, status: "all" });
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** The credential page's exposures for a viewer (components/credential-exposures.tsx asks exactly this). */
const credentialPageExposures = (viewer: Viewer, id: string) => listSecretFindings(viewer, { credentialId: id, status: "all" });

describeEachEngine("exposures linked to credentials registered after the scan", () => {
  let f: IdentityFixture;
  const importJson = (viewer: Viewer, source: string, records: Record<string, unknown>[]) =>
    importCredentials(viewer, { format: "leash-json", source, fileName: `${source}.json`, input: bytes(JSON.stringify(records)) });

  beforeAll(async () => {
    f = await seedIdentity();
  });

  test("a key found by a scan and imported after is the credential's exposure: R12 opens, the blast radius and the credential page show it", async () => {
    const { keyId, text } = runbook(501);
    const corpus = await createCorpus(f.admin, { name: "Runbooks", kind: "docs_export", agentReadable: true, readers: ["Claude Code"] });
    await scanUploadedArchive(f.admin, "Runbooks", "runbook.env", bytes(text));
    expect(await exposureIn(f, corpus.id)).toMatchObject({ publicId: keyId, credential: null });

    const run = await importJson(f.admin, "aws", [{ external_id: "deploy-key", name: "Deploy key", provider: "aws", kind: "access_key", team: "Team A", status: "active", public_id: keyId }]);
    expect(run).toMatchObject({ status: "applied", counts: { created: 1 } });
    const id = await credentialId("deploy-key");
    expect(await exposureIn(f, corpus.id)).toMatchObject({ credential: { id, name: "Deploy key" } });
    expect((await lastAudit("credentials.import"))?.details).toMatchObject({ source: "aws", created: 1, exposuresLinked: 1 });

    // The evaluation after the import judged the credential and the corpus of its exposure, and ranked it anew.
    const r12 = await listFindings(f.admin, { credentialId: id, rule: "R12" });
    expect(r12.items.map((x) => [x.subjectId, x.status])).toEqual([[id, "open"]]);
    expect((await listEvaluationRuns(f.admin))[0]).toMatchObject({ scope: "incremental", trigger: "import", subjects: 2 });
    const blast = await evaluatedBlastRadius("all", 50);
    expect(blast?.ranked.find((e) => e.credentialId === id)).toMatchObject({ exposures: 1 });

    expect((await credentialPageExposures(f.engineerA, id)).map((x) => [x.corpus.name, x.publicId])).toEqual([["Runbooks", keyId]]);
    expect(await credentialPageExposures(f.engineerB, id)).toEqual([]);
  });

  test("a resolved exposure in one team's corpus links to another team's credential by fingerprint; each engineer's listing keeps its scope", async () => {
    const { text } = runbook(502);
    const corpus = await createCorpus(f.admin, { name: "Team A wiki", kind: "docs_export", agentReadable: true, teamId: f.teamA });
    await scanUploadedArchive(f.admin, "Team A wiki", "page.env", bytes(text));
    await scanUploadedArchive(f.admin, "Team A wiki", "page.env", bytes("# rotated\n"));
    const exposure = await exposureIn(f, corpus.id);
    expect(exposure).toMatchObject({ credential: null, resolvedAt: expect.any(String) });
    const teamBSees = async () => (await listSecretFindings(f.engineerB, { corpusId: corpus.id, status: "all" })).map((x) => x.id);
    expect(await teamBSees()).toEqual([]);

    // An engineer of team B registers their credential under the secret's fingerprint, without the key id.
    const run = await importJson(f.engineerB, "team-b-vault", [{ external_id: "b-key", provider: "aws", kind: "access_key", team: "Team B", fingerprint: exposure.fingerprint }]);
    expect(run).toMatchObject({ status: "applied", counts: { created: 1 } });
    const id = await credentialId("b-key");
    expect(await exposureIn(f, corpus.id)).toMatchObject({ credential: { id }, resolvedAt: exposure.resolvedAt });
    // Team A sees it for its corpus, team B for its credential: the scope is what it was (secretFindingScope).
    expect(await teamBSees()).toEqual([exposure.id]);
    expect((await listSecretFindings(f.engineerA, { corpusId: corpus.id, status: "all" })).map((x) => x.id)).toEqual([exposure.id]);
    expect((await credentialPageExposures(f.engineerB, id)).map((x) => x.id)).toEqual([exposure.id]);
    // Resolved: no longer exposed, so R12 has nothing to say.
    expect((await listFindings(f.admin, { credentialId: id, rule: "R12" })).items).toEqual([]);
  });

  test("a re-import that adds the fingerprint links; an unchanged one links nothing; a matched exposure keeps its credential", async () => {
    const { keyId, text } = runbook(503);
    const corpus = await createCorpus(f.admin, { name: "Chat export", kind: "chat_export", agentReadable: false });
    await scanUploadedArchive(f.admin, "Chat export", "general.md", bytes(text));
    const { fingerprint } = await exposureIn(f, corpus.id);
    const opsKey = { external_id: "ops-key", provider: "aws", kind: "access_key", team: "Team A" };
    const linkedByImport = async () => ((await lastAudit("credentials.import"))?.details as { exposuresLinked?: number }).exposuresLinked;

    expect(await importJson(f.admin, "ops", [opsKey])).toMatchObject({ status: "applied", counts: { created: 1 } });
    expect(await linkedByImport()).toBe(0);
    expect(await importJson(f.admin, "ops", [{ ...opsKey, fingerprint }])).toMatchObject({ status: "applied", counts: { updated: 1 } });
    expect(await linkedByImport()).toBe(1);
    const id = await credentialId("ops-key");
    expect(await exposureIn(f, corpus.id)).toMatchObject({ credential: { id } });

    expect(await importJson(f.admin, "ops", [{ ...opsKey, fingerprint }])).toMatchObject({ status: "applied", counts: { created: 0, updated: 0, unchanged: 1 } });
    expect(await linkedByImport()).toBe(0);
    // Another source's credential under the same key id does not take the exposure over.
    expect(await importJson(f.admin, "elsewhere", [{ external_id: "copy", provider: "aws", kind: "access_key", public_id: keyId }])).toMatchObject({ status: "applied" });
    expect(await linkedByImport()).toBe(0);
    expect(await exposureIn(f, corpus.id)).toMatchObject({ credential: { id } });
  });

  test("registered together, the credential under the fingerprint is matched before the one under the key id, as a scan matches", async () => {
    const { keyId, text } = runbook(504);
    const corpus = await createCorpus(f.admin, { name: "Ops notes", kind: "file_tree", agentReadable: false });
    await scanUploadedArchive(f.admin, "Ops notes", "notes.env", bytes(text));
    const { fingerprint } = await exposureIn(f, corpus.id);
    const byKeyId = { external_id: "notes-by-id", provider: "aws", kind: "access_key", public_id: keyId };
    const bySecret = { external_id: "notes-by-secret", provider: "aws", kind: "access_key", fingerprint };
    expect(await importJson(f.admin, "notes", [byKeyId, bySecret])).toMatchObject({ status: "applied", counts: { created: 2 } });
    expect(await exposureIn(f, corpus.id)).toMatchObject({ credential: { id: await credentialId("notes-by-secret") } });
  });

  test("a Leash API token found before Leash kept it in the inventory is linked when it does", async () => {
    // A source of imported credentials held the name Leash keeps its tokens under: tokens went unscored (token-credentials.ts).
    await db().insert(sources).values({ name: TOKEN_SOURCE_NAME, format: "leash-json" });
    const token = await createToken(f.admin, { name: "pasted", scopes: ["read"], expiresInDays: 30, userId: f.engineerA.userId });
    expect(token.credentialId).toBeNull();
    const corpus = await createCorpus(f.admin, { name: "Team chat", kind: "chat_export", agentReadable: true });
    await scanUploadedArchive(f.admin, "Team chat", "notes.md", bytes(`use this for the ingest job: ${token.token}\n`));
    expect(await exposureIn(f, corpus.id)).toMatchObject({ provider: "leash", credential: null });

    await db().update(sources).set({ name: "Imported tokens" }).where(and(eq(sources.name, TOKEN_SOURCE_NAME), eq(sources.format, "leash-json")));
    await runFullEvaluation(f.admin, "test");
    const id = await credentialId(token.id);
    expect(await exposureIn(f, corpus.id)).toMatchObject({ credential: { id } });
    expect((await lastAudit("exposures.link"))?.details).toEqual({ source: TOKEN_SOURCE_NAME, exposuresLinked: 1 });
    expect((await listFindings(f.admin, { credentialId: id, rule: "R12" })).items.map((x) => x.status)).toEqual(["open"]);
  });
});
