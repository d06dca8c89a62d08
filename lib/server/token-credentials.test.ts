import { and, eq, sql } from "drizzle-orm";
import { beforeAll, expect, test, vi } from "vitest";
import { apiTokens, credentials, credentialVersions, findings, jobs, sources, users } from "@/db/schema";
import { fingerprintSecret } from "@/lib/scanner/fingerprint";
import { createCorpus } from "./corpora";
import { credentialAsOf, getCredential, updateCredential } from "./credentials";
import { db } from "./db";
import { listEvaluationRuns, runFullEvaluation } from "./evaluation";
import { importCredentials } from "./imports";
import { fingerprintKey } from "./instance-secrets";
import { scanUploadedArchive } from "./scan-archive";
import { setMappingRules } from "./settings";
import { seedIdentity, type IdentityFixture } from "./testing/fixtures";
import { describeEachEngine } from "./testing/test-db";
import { waitFor } from "./testing/wait-for";
import { syncTokenCredentials, TOKEN_SOURCE_NAME } from "./token-credentials";
import { authenticateToken, createToken, listTokens, revokeToken } from "./tokens";

async function* bytes(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

/** The open findings of a credential, by rule. */
async function openRules(credentialId: string): Promise<string[]> {
  const rows = await db()
    .select({ ruleId: findings.ruleId })
    .from(findings)
    .where(and(eq(findings.subjectKind, "credential"), eq(findings.subjectId, credentialId), sql`${findings.status} <> 'resolved'`));
  return rows.map((r) => r.ruleId).sort();
}

/** The evaluation jobs asked for a credential, oldest first. */
async function evaluationJobsOf(credentialId: string) {
  return db().select().from(jobs).where(and(eq(jobs.kind, "evaluation"), sql`${jobs.input}->>'credentialId' = ${credentialId}`)).orderBy(jobs.createdAt);
}

/** Waits for the credential's evaluation jobs to finish, as a request that queued one does not. */
async function finishedEvaluationJobs(credentialId: string) {
  return waitFor("the evaluation after a token's use", async () => {
    const rows = await evaluationJobsOf(credentialId);
    return rows.length > 0 && rows.every((j) => j.status === "succeeded" || j.status === "failed") ? rows : null;
  }, 20_000);
}

async function versions(credentialId: string): Promise<number> {
  const rows = await db().select({ id: credentialVersions.id }).from(credentialVersions).where(eq(credentialVersions.credentialId, credentialId));
  return rows.length;
}

describeEachEngine("Leash API tokens scored as credentials", () => {
  let f: IdentityFixture;
  beforeAll(async () => {
    f = await seedIdentity();
  });

  test("a new token is a credential in the inventory at once, stating what Leash knows, judged by the rules", async () => {
    const token = await createToken(f.admin, { name: "ci-ingest", scopes: ["ingest", "read"], expiresInDays: 30, userId: f.engineerA.userId });
    expect(token.credentialId).toEqual(expect.any(String));
    const credential = await getCredential(f.admin, token.credentialId!);
    expect(credential).toMatchObject({
      source: { name: TOKEN_SOURCE_NAME },
      externalId: token.id,
      team: { name: "Team A" },
      fields: {
        name: "ci-ingest",
        provider: "leash",
        kind: "api_token",
        principal: "engineer-a@fixture.test",
        principal_type: "human",
        owner_email: "engineer-a@fixture.test",
        team: "Team A",
        scopes: ["ingest", "read"],
        allowed_operations: ["read", "write"],
        expires_at: token.expiresAt,
        revoked_at: null,
        last_used_at: null,
        status: "active",
        public_id: token.prefix,
      },
    });
    expect(credential.lockedFields).toEqual(expect.arrayContaining(["expires_at", "revoked_at", "scopes", "owner_email"]));
    expect(credential.lockedFields).not.toContain("environments");
    expect(credential.fields.environments).toBeUndefined();
    expect(credential.fields.agent_accessible).toBeUndefined();
    const [stored] = await db().select({ fingerprint: credentials.fingerprint }).from(credentials).where(eq(credentials.id, token.credentialId!));
    expect(stored!.fingerprint).toBe(fingerprintSecret(token.token, fingerprintKey()));
    // What Leash cannot know (environments, agent access, where the holder keeps it) is left for a person to state,
    // and the rules ask for it; a 30-day token passes the lifetime rules and belongs to someone.
    expect(await openRules(token.credentialId!)).toEqual(["R02", "R03", "R20"]);
    // Engineers see their own team's token credential in the inventory.
    await expect(getCredential(f.engineerA, token.credentialId!)).resolves.toMatchObject({ id: token.credentialId });
    await expect(getCredential(f.engineerB, token.credentialId!)).rejects.toMatchObject({ code: "not_found" });
    // The team is the owner's by default; an admin may hand the token to another team, and the next sync keeps it.
    await updateCredential(f.admin, token.credentialId!, { team: "Team B" });
    await runFullEvaluation(f.admin, "test");
    expect((await getCredential(f.admin, token.credentialId!)).team).toMatchObject({ name: "Team B" });
    expect((await listTokens(f.admin)).find((t) => t.id === token.id)?.credentialId).toBe(token.credentialId);
  });

  test("a person states how the token is used; an admin-scoped token an agent holds in production is a critical finding", async () => {
    const token = await createToken(f.admin, { name: "agent-admin", scopes: ["admin"], expiresInDays: 7 });
    await updateCredential(f.admin, token.credentialId!, { environments: ["production"], agent_accessible: true, storage: "vault" });
    // The admin has no team: R01 asks for one. An agent holding a person's token is R11; `admin` is destructive (R10);
    // a week-long token an agent holds is R04; R19 asks for a review of agent-held keys.
    expect(await openRules(token.credentialId!)).toEqual(["R01", "R04", "R10", "R11", "R19"]);
    // Leash's next sync keeps what the person stated.
    await runFullEvaluation(f.admin, "test");
    expect((await getCredential(f.admin, token.credentialId!)).fields).toMatchObject({ environments: ["production"], agent_accessible: true, storage: "vault" });
    // What the token itself says cannot be edited on the credential.
    await expect(updateCredential(f.admin, token.credentialId!, { expires_at: null, environments: ["staging"] })).rejects.toMatchObject({
      code: "invalid",
      fields: { expires_at: "is set by the Leash API token" },
    });
    expect((await getCredential(f.admin, token.credentialId!)).fields.environments).toEqual(["production"]);
  });

  test("revoking a token revokes its credential in a new version; the credential as of before still stood", async () => {
    const token = await createToken(f.admin, { name: "short", scopes: ["read"], expiresInDays: 1, userId: f.engineerA.userId });
    expect(await openRules(token.credentialId!)).toEqual(["R02", "R03", "R20"]);
    const before = new Date();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const revoked = await revokeToken(f.admin, token.id);
    expect((await getCredential(f.admin, token.credentialId!)).fields).toMatchObject({ revoked_at: revoked.revokedAt, status: "revoked" });
    expect(await credentialAsOf(f.admin, token.credentialId!, before)).toMatchObject({ revoked_at: null, status: "active" });
    // A revoked key can no longer authenticate: nothing left to fix about it.
    expect(await openRules(token.credentialId!)).toEqual([]);
    const count = await versions(token.credentialId!);
    await revokeToken(f.admin, token.id);
    expect(await versions(token.credentialId!)).toBe(count);
  });

  test("the first use of a day reaches the credential; later uses that day write no new version", async () => {
    const token = await createToken(f.admin, { name: "daily", scopes: ["read"], expiresInDays: 30 });
    expect(await authenticateToken(token.token, {})).not.toBeNull();
    const used = await getCredential(f.admin, token.credentialId!);
    expect(used.fields.last_used_at).toEqual(expect.any(String));
    const count = await versions(token.credentialId!);
    // Past the per-minute resolution of the token's own record, still the same day.
    await db().update(apiTokens).set({ lastUsedAt: new Date(Date.now() - 120_000) }).where(eq(apiTokens.id, token.id));
    expect(await authenticateToken(token.token, {})).not.toBeNull();
    await runFullEvaluation(f.admin, "test");
    expect(await versions(token.credentialId!)).toBe(count);
    // A use on a later day is a new version.
    await db().update(credentials).set({ lastUsedAt: new Date(Date.now() - 3 * 86_400_000) }).where(eq(credentials.id, token.credentialId!));
    await runFullEvaluation(f.admin, "test");
    expect(await versions(token.credentialId!)).toBe(count + 1);
  });

  test("a token unused for months is used: its credential is judged again by an incremental run, R07 resolved", async () => {
    const token = await createToken(f.admin, { name: "dormant", scopes: ["read"], expiresInDays: 30, userId: f.engineerA.userId });
    await db()
      .update(apiTokens)
      .set({ createdAt: new Date(Date.now() - 120 * 86_400_000), lastUsedAt: new Date(Date.now() - 100 * 86_400_000) })
      .where(eq(apiTokens.id, token.id));
    await runFullEvaluation(f.admin, "test");
    expect(await openRules(token.credentialId!)).toContain("R07");
    const fullRuns = (await listEvaluationRuns(f.admin, 200)).filter((r) => r.scope === "full").length;

    // The request goes on; a job judges the credential again.
    expect(await authenticateToken(token.token, {})).not.toBeNull();
    const [job, ...more] = await finishedEvaluationJobs(token.credentialId!);
    expect(more).toEqual([]);
    expect(job).toMatchObject({ status: "succeeded", input: { trigger: "token use", credentialId: token.credentialId }, result: { scope: "incremental", trigger: "token use", resolved: 1 } });
    expect(await openRules(token.credentialId!)).not.toContain("R07");
    expect((await listEvaluationRuns(f.admin, 200)).filter((r) => r.scope === "full")).toHaveLength(fullRuns);
  });

  test("a busy token asks for one evaluation a day, even when two requests both took their use for the day's first", async () => {
    const token = await createToken(f.admin, { name: "busy-day", scopes: ["read"], expiresInDays: 30 });
    expect(await authenticateToken(token.token, {})).not.toBeNull();
    expect(await finishedEvaluationJobs(token.credentialId!)).toHaveLength(1);
    // Past the per-minute resolution of the token's own record, still the same day.
    await db().update(apiTokens).set({ lastUsedAt: new Date(Date.now() - 120_000) }).where(eq(apiTokens.id, token.id));
    expect(await authenticateToken(token.token, {})).not.toBeNull();
    // The token's record read as of yesterday, as by a request that raced the day's first use.
    await db().update(apiTokens).set({ lastUsedAt: new Date(Date.now() - 2 * 86_400_000) }).where(eq(apiTokens.id, token.id));
    expect(await authenticateToken(token.token, {})).not.toBeNull();
    expect(await evaluationJobsOf(token.credentialId!)).toHaveLength(1);
  });

  test("syncs of one token at once take turns: one new version, no failed sync", async () => {
    const token = await createToken(f.admin, { name: "busy", scopes: ["read"], expiresInDays: 30 });
    const count = await versions(token.credentialId!);
    await db().update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, token.id));
    const syncs = Array.from({ length: 4 }, (_, i) => db().transaction((tx) => syncTokenCredentials(tx, i % 2 ? "all" : [token.id], new Date())));
    await expect(Promise.all(syncs)).resolves.toHaveLength(4);
    expect(await versions(token.credentialId!)).toBe(count + 1);
  });

  test("a full evaluation brings in tokens made before Leash kept them, and marks those gone with their user missing", async () => {
    const [owner] = await db().insert(users).values({ email: "leaver@fixture.test", name: "leaver", role: "engineer" }).returning();
    const [older] = await db()
      .insert(apiTokens)
      .values({ name: "older", userId: owner!.id, scopes: ["read"], tokenHash: "0".repeat(64), prefix: "leash_older0", expiresAt: new Date(Date.now() + 86_400_000) })
      .returning();
    await runFullEvaluation(f.admin, "test");
    const [kept] = await db().select().from(credentials).where(eq(credentials.externalId, older!.id));
    expect(kept).toMatchObject({ provider: "leash", principal: "leaver@fixture.test", fingerprint: null, missingFromSourceAt: null });
    expect(await openRules(kept!.id)).toContain("R01");

    await db().delete(users).where(eq(users.id, owner!.id)); // its tokens go with it
    await runFullEvaluation(f.admin, "test");
    const [gone] = await db().select().from(credentials).where(eq(credentials.id, kept!.id));
    expect(gone!.missingFromSourceAt).not.toBeNull();
    const others = await db().select().from(credentials).where(sql`${credentials.provider} = 'leash' and ${credentials.id} <> ${kept!.id}`);
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((c) => c.missingFromSourceAt === null)).toBe(true);
  });

  test("a scan that finds a Leash token matches its credential: exposed while active", async () => {
    const token = await createToken(f.admin, { name: "pasted", scopes: ["read"], expiresInDays: 30, userId: f.engineerA.userId });
    await createCorpus(f.admin, { name: "Team chat", kind: "chat_export", agentReadable: true, readers: ["Claude Code"] });
    const run = await scanUploadedArchive(f.admin, "Team chat", "notes.md", bytes(`use this for the ingest job: ${token.token}\n`));
    expect(run).toMatchObject({ status: "completed", findings: 1 });
    expect(await openRules(token.credentialId!)).toEqual(expect.arrayContaining(["R12"]));
  });

  test("imports cannot write the source Leash keeps its tokens in", async () => {
    for (const source of [TOKEN_SOURCE_NAME, ` ${TOKEN_SOURCE_NAME.toUpperCase()} `]) {
      await expect(
        importCredentials(f.admin, { format: "leash-json", source, fileName: "x.json", input: bytes(JSON.stringify([{ external_id: "x", provider: "aws", kind: "access_key" }])) }),
      ).rejects.toMatchObject({ code: "invalid", fields: { source: "is kept by Leash" } });
    }
    const [source] = await db().select().from(sources).where(eq(sources.name, TOKEN_SOURCE_NAME));
    const imported = await importCredentials(f.admin, { format: "leash-json", source: "vault", fileName: "v.json", input: bytes(JSON.stringify([{ external_id: "v", provider: "vault", kind: "api_token" }])) });
    expect(imported).toMatchObject({ status: "applied", errors: [] });
    const [other] = await db().select({ id: credentials.id }).from(credentials).where(eq(credentials.sourceId, imported.source.id));
    expect((await getCredential(f.admin, other!.id)).lockedFields).toEqual([]);
    expect(await db().select().from(credentials).where(and(eq(credentials.sourceId, source!.id), eq(credentials.externalId, "x")))).toEqual([]);
  });

  test("an admin's mapping rule fills what Leash leaves open for every token", async () => {
    await setMappingRules(f.admin, {
      rules: [{ id: "leash-tokens", when: { provider: "leash" }, set: { environments: ["production"], agent_accessible: false, storage: "ci_secret" } }],
    });
    const token = await createToken(f.admin, { name: "evidence-bot", scopes: ["evidence"], expiresInDays: 14, userId: f.engineerB.userId });
    expect((await getCredential(f.admin, token.credentialId!)).fields).toMatchObject({ environments: ["production"], agent_accessible: false, storage: "ci_secret", team: "Team B" });
    expect(await openRules(token.credentialId!)).toEqual([]);
  });
});

describeEachEngine("Leash API tokens beside an imported source of the same name", () => {
  test("the imported source is left alone: its credentials are not locked or marked missing, and tokens go unscored", async () => {
    const f = await seedIdentity();
    // Imported before Leash kept its tokens, when the name was free.
    const [source] = await db().insert(sources).values({ name: TOKEN_SOURCE_NAME, format: "leash-json" }).returning();
    const [theirs] = await db()
      .insert(credentials)
      .values({ sourceId: source!.id, externalId: "theirs", name: "theirs", provider: "aws", kind: "access_key", provenance: { name: "source", provider: "source", kind: "source" } })
      .returning();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const token = await createToken(f.admin, { name: "unscored", scopes: ["read"], expiresInDays: 7 });
    await runFullEvaluation(f.admin, "test");
    expect(token.credentialId).toBeNull();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("rename it"));
    warn.mockRestore();
    const kept = await getCredential(f.admin, theirs!.id);
    expect(kept).toMatchObject({ lockedFields: [], missingFromSourceAt: null });
    // Its own imports go on.
    const again = await importCredentials(f.admin, { format: "leash-json", source: TOKEN_SOURCE_NAME, fileName: "again.json", input: bytes(JSON.stringify([{ external_id: "theirs-2", provider: "aws", kind: "access_key" }])) });
    expect(again).toMatchObject({ status: "applied", source: { id: source!.id } });
    expect(await db().select().from(credentials).where(eq(credentials.provider, "leash"))).toEqual([]);
  });
});
