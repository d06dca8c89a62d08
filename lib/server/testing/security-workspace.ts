import { eq } from "drizzle-orm";
import { activityEvents, apiTokens } from "@/db/schema";
import { awsPair } from "@/bench/scanner/fakes";
import { Rng } from "@/bench/scanner/prng";
import type { TokenScope } from "@/lib/domain/identity";
import { ingestEvents } from "../activity-ingest";
import { createCorpus } from "../corpora";
import { listCredentials } from "../credentials";
import { db } from "../db";
import { runFullEvaluation } from "../evaluation";
import { buildEvidencePackage } from "../evidence";
import { requestException } from "../exceptions";
import { listFindings } from "../findings";
import { importCredentials } from "../imports";
import { scanUploadedArchive } from "../scan-archive";
import { listSecretFindings } from "../secret-findings";
import { createToken, revokeToken } from "../tokens";
import { createUser } from "../users";
import { seedIdentity, type IdentityFixture } from "./fixtures";
import { jobResult, submitJob } from "../jobs/submit";

/**
 * One workspace for the security suites: the identity fixture, and one object of every kind an /api/v1 route takes
 * an id of. Team-scoped objects belong to team A (engineer A imported them), so engineer B must not find them.
 */
export type SecurityWorkspace = IdentityFixture & {
  ids: {
    credentialA: string;
    credentialB: string;
    importRunA: string;
    findingA: string;
    /** A second finding of credential A, carrying engineer A's pending exception. */
    findingWithException: string;
    exceptionA: string;
    eventA: string;
    secretFindingA: string;
    /** The corpus the secret was found in (not team-scoped: every role lists corpora). */
    corpus: string;
    /** A corpus that scan uploads may overwrite freely. */
    scratchCorpus: string;
    evidencePackage: string;
    victimUser: string;
    victimToken: string;
    /** A job engineer A asked for (jobs are their requester's, not their team's). */
    jobA: string;
  };
  /** Names that only team A's objects carry, to look for in what engineer B is shown. */
  teamAMarkers: string[];
  tokens: Record<"read" | "ingest" | "evidence" | "admin" | "expired" | "revoked", string>;
};

async function* bytes(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

const CREDENTIAL_A = "alpha-deploy-key";

export async function seedSecurityWorkspace(): Promise<SecurityWorkspace> {
  const f = await seedIdentity();
  const aws = awsPair(new Rng(8008));
  // Agent-reachable, in production, never expiring: fails lifetime rules, so it has findings.
  const teamA = { external_id: "alpha-1", name: CREDENTIAL_A, provider: "aws", kind: "access_key", team: "Team A", public_id: aws.id, environments: ["production"], agent_accessible: true, expires_at: "never" };
  const importA = await importCredentials(f.engineerA, { format: "leash-json", source: "matrix-a", fileName: "a.json", input: bytes(JSON.stringify([teamA])) });
  const teamB = { external_id: "bravo-1", name: "bravo-ci-token", provider: "github", kind: "pat", team: "Team B", environments: ["staging"] };
  await importCredentials(f.admin, { format: "leash-json", source: "matrix-b", fileName: "b.json", input: bytes(JSON.stringify([teamB])) });
  const [credA] = (await listCredentials(f.admin, { q: CREDENTIAL_A })).items;
  const [credB] = (await listCredentials(f.admin, { q: "bravo-ci-token" })).items;

  const event = { event_id: "matrix-1", occurred_at: new Date(Date.now() - 3_600_000).toISOString(), credential: { external_id: "alpha-1" }, actor: "deploy-bot", operation: "GetObject", resource: "s3://alpha-bucket/key", outcome: "success" };
  await ingestEvents(f.admin, { format: "leash-ndjson", fileName: "events.ndjson", input: bytes(`${JSON.stringify(event)}\n`) });

  const corpus = await createCorpus(f.admin, { name: "Matrix wiki", kind: "docs_export", agentReadable: true });
  const scratch = await createCorpus(f.admin, { name: "Scratch uploads", kind: "file_tree", agentReadable: false });
  await scanUploadedArchive(f.admin, corpus.id, "runbook.env", bytes(`AWS_ACCESS_KEY_ID=${aws.id}\nAWS_SECRET_ACCESS_KEY=${aws.secret}\n`));
  const [secretFinding] = await listSecretFindings(f.admin, { corpusId: corpus.id });

  await runFullEvaluation(f.admin, "manual");
  const findings = (await listFindings(f.admin, { subjectId: credA!.id, limit: 100 })).items;
  const findingA = findings.find((x) => x.ruleId === "R05");
  const other = findings.find((x) => x.ruleId !== "R05" && x.ruleId !== "R19");
  if (!credA || !credB || !secretFinding || !findingA || !other) throw new Error("security workspace: seeding did not produce every object");
  const exception = await requestException(f.engineerA, other.id, { justification: "Migrating to short-lived credentials next sprint.", expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString() });
  const [eventRow] = await db().select({ id: activityEvents.id }).from(activityEvents).where(eq(activityEvents.credentialId, credA.id));

  const evidence = await buildEvidencePackage(f.admin, { framework: "soc2" });
  const jobA = (await submitJob(f.engineerA, { kind: "import", input: { format: "leash-json", source: "matrix-a", fileName: "job-a.json" }, upload: { stream: bytes(JSON.stringify([teamA])), maxBytes: 1_048_576 } }))!;
  await jobResult(jobA);
  const victim = await createUser(f.admin, { email: "victim@fixture.test", name: "Victim", role: "engineer" });
  const token = async (scopes: TokenScope[], name: string) => createToken(f.admin, { name, scopes, expiresInDays: 1 });
  const victimToken = await token(["read"], "victim");
  const expired = await token(["admin"], "expired");
  await db().update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, expired.id));
  const revoked = await token(["admin"], "revoked");
  await revokeToken(f.admin, revoked.id);

  return {
    ...f,
    ids: {
      credentialA: credA.id,
      credentialB: credB.id,
      importRunA: importA.id,
      findingA: findingA.id,
      findingWithException: other.id,
      exceptionA: exception.id,
      eventA: String(eventRow!.id),
      secretFindingA: secretFinding.id,
      corpus: corpus.id,
      scratchCorpus: scratch.id,
      evidencePackage: evidence.id,
      victimUser: victim.id,
      victimToken: victimToken.id,
      jobA,
    },
    teamAMarkers: [jobA, CREDENTIAL_A, credA.id, findingA.id, other.id, exception.id, secretFinding.id, importA.id, f.teamA, aws.id],
    tokens: {
      read: (await token(["read"], "read")).token,
      ingest: (await token(["ingest"], "ingest")).token,
      evidence: (await token(["evidence"], "evidence")).token,
      admin: (await token(["admin"], "admin")).token,
      expired: expired.token,
      revoked: revoked.token,
    },
  };
}
