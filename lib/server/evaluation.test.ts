import { sql } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { awsPair } from "@/bench/scanner/fakes";
import { Rng } from "@/bench/scanner/prng";
import { bytesOf } from "@/lib/ingest/credentials/test-support";
import { RULES, RULES_VERSION } from "@/lib/rules";
import { createCorpus, updateCorpus } from "./corpora";
import { blastEntries } from "./blast-radius";
import { db } from "./db";
import { listEvaluationRuns, runFullEvaluation, updateRuleParameters } from "./evaluation";
import { listFindings, updateFinding } from "./findings";
import { ingestEvents } from "./activity-ingest";
import { getEvent, listEvents } from "./activity";
import { importCredentials } from "./imports";
import { getPosture } from "./posture";
import { getRuleParameters } from "./rule-parameters";
import { scanUploadedArchive } from "./scan-archive";
import { snapshotAsOf } from "./evaluator/snapshot";
import { rowsOf } from "./sql-rows";
import { seedIdentity, type IdentityFixture } from "./testing/fixtures";
import { describeEachEngine } from "./testing/test-db";

const DAY = 86_400_000;
const HEADER = "external_id,name,provider,kind,principal,principal_type,team,owner_email,environments,agent_accessible,created_at,expires_at,storage,public_id,revoked_at";

/** One credential of Team A in a source of its own; only `storage`, the key id and the revocation vary. */
function inventory(name: string, storage: string, publicId = "", revokedAt = ""): string {
  const created = new Date(Date.now() - DAY).toISOString();
  const expires = new Date(Date.now() + 30 * DAY).toISOString();
  return `${HEADER}\r\n${name},${name},aws,access_key,deployer,service,Team A,a@fixture.test,staging,false,${created},${expires},${storage},${publicId},${revokedAt}\r\n`;
}

describeEachEngine("evaluation after changes", () => {
  let f: IdentityFixture;
  let corpusId: string;
  const importAs = (name: string, storage: string, publicId?: string, revokedAt?: string) =>
    importCredentials(f.admin, { format: "leash-csv", fileName: `${name}.csv`, source: name, input: bytesOf(inventory(name, storage, publicId, revokedAt), 4096) });
  /** What a full run decides must already be stored: it opens, resolves and re-explains nothing. */
  async function expectFullRunAgrees(): Promise<void> {
    const findings = (await listFindings(f.admin, { status: "all", limit: 500 })).items;
    const posture = await getPosture(f.auditor, { framework: "soc2" });
    expect(await runFullEvaluation(f.admin, "test")).toMatchObject({ opened: 0, resolved: 0 });
    expect((await listFindings(f.admin, { status: "all", limit: 500 })).items).toEqual(findings);
    expect((await getPosture(f.auditor, { framework: "soc2" })).controls).toEqual(posture.controls);
  }

  beforeAll(async () => {
    f = await seedIdentity();
    // As on a running server: the audit log has entries, and a full run (only full runs verify it) has judged it.
    corpusId = (await createCorpus(f.admin, { name: "Build logs", kind: "file_tree", agentReadable: false })).id;
    await runFullEvaluation(f.admin, "test");
  });

  test("a finding resolves when its subject passes and reopens, open and due anew, when it fails again", async () => {
    const r20 = async () => (await listFindings(f.admin, { rule: "R20", q: "moved-key", status: "all" })).items[0]!;
    await importAs("moved-key", "plaintext");
    const first = await r20();
    expect(first).toMatchObject({ status: "open", severity: "medium", resolvedAt: null });
    expect(Date.parse(first.dueAt) - Date.parse(first.firstDetectedAt)).toBe(30 * DAY);
    await updateFinding(f.engineerA, first.id, { status: "in_progress" });

    await importAs("moved-key", "vault");
    expect(await r20()).toMatchObject({ id: first.id, status: "resolved", resolvedAt: expect.any(String) });

    await importAs("moved-key", "plaintext");
    const reopened = await r20();
    expect(reopened).toMatchObject({ id: first.id, status: "open", resolvedAt: null, firstDetectedAt: first.firstDetectedAt });
    expect(Date.parse(reopened.dueAt) - Date.parse(reopened.lastDetectedAt)).toBe(30 * DAY);
    expect(Date.parse(reopened.dueAt)).toBeGreaterThan(Date.parse(first.dueAt));
    await expectFullRunAgrees();
  });

  test("a corpus that agents can now read re-explains the exposure of the credentials found in it, as a full run would", async () => {
    const aws = awsPair(new Rng(777));
    await importAs("exposed-key", "vault", aws.id);
    await scanUploadedArchive(f.admin, "Build logs", "build.env", bytesOf(`AWS_ACCESS_KEY_ID=${aws.id}\nAWS_SECRET_ACCESS_KEY=${aws.secret}\n`, 4096));
    const r12 = async () => (await listFindings(f.admin, { rule: "R12", q: "exposed-key" })).items[0]!;
    expect((await r12()).reason).toMatch(/^1 unresolved finding\(s\), 0 in agent-readable corpora/);
    await updateCorpus(f.admin, corpusId, { agentReadable: true });
    expect((await r12()).reason).toMatch(/^1 unresolved finding\(s\), 1 in agent-readable corpora/);
    await expectFullRunAgrees();
  });

  test("a revocation Leash learns after a use it preceded makes that use one after revocation (R18), as a full run says", async () => {
    const usedAt = new Date(Date.now() - 3_600_000).toISOString();
    const revokedAt = new Date(Date.now() - 2 * 3_600_000).toISOString();
    await importAs("revoked-key", "vault", "key-revoked-1");
    const event = { event_id: "use-after-revocation", occurred_at: usedAt, credential: { key_id: "key-revoked-1" }, actor: "deployer", actor_type: "service", operation: "GetObject", resource: "reports/q3.csv", environment: "staging", outcome: "success" };
    await ingestEvents(f.admin, { format: "leash-ndjson", fileName: "use.ndjson", input: bytesOf(`${JSON.stringify(event)}\n`, 4096) });
    const r18 = async () => (await listFindings(f.admin, { rule: "R18", status: "all" })).items;
    expect(await r18()).toEqual([]);
    // The next inventory export says the key was revoked an hour before that use.
    await importAs("revoked-key", "vault", "key-revoked-1", revokedAt);
    const [finding] = await r18();
    expect(finding).toMatchObject({ status: "open", severity: "critical", reason: expect.stringContaining(`after its revocation at ${revokedAt}`) });
    // The Activity page says so too: the event is flagged as a use after revocation, with R18's words.
    const [listed] = (await listEvents(f.admin, { q: "reports/q3.csv" })).items;
    const use = await getEvent(f.admin, listed!.id);
    expect(use).toMatchObject({ afterExpiry: true, flagged: true, flagReasons: { afterExpiry: expect.stringContaining(`after its revocation at ${revokedAt}`) } });
    expect(finding!.reason).toContain(use.flagReasons.afterExpiry);
    await expectFullRunAgrees();
  });

  test("a rule parameter changed in Settings re-evaluates at once, and saving the same values again runs nothing", async () => {
    await importAs("env-key", "env_file");
    const r20 = async () => (await listFindings(f.admin, { rule: "R20", q: "env-key", status: "all" })).items[0]!;
    expect((await r20()).status).toBe("open");
    const runs = async () => (await listEvaluationRuns(f.admin, 200)).length;
    const before = await runs();
    const current = await getRuleParameters(f.admin);
    const input = { rules: { R20: { acceptedStorage: ["vault", "ci_secret", "env_file"] } }, slas: current.slas };
    expect(await updateRuleParameters(f.admin, input)).toMatchObject({ version: current.version + 1 });
    expect((await r20()).status).toBe("resolved");
    expect(await runs()).toBe(before + 1);
    await updateRuleParameters(f.admin, input);
    expect(await runs()).toBe(before + 1);
    await expectFullRunAgrees();
  });

  test("after an evaluation that failed part way, the next incremental run counts the posture afresh and agrees with a full run", async () => {
    // The import's run stores its verdicts, then fails as it records its result (as a lost connection would).
    await db().execute(sql`create table fail_next_run (x int)`);
    await db().execute(sql.raw(`create function fail_run() returns trigger language plpgsql as $$ begin
      if new.status = 'completed' and exists (select 1 from fail_next_run) then raise exception 'injected failure'; end if; return new; end $$`));
    await db().execute(sql`create trigger fail_run before update on evaluation_runs for each row execute function fail_run()`);
    try {
      await db().execute(sql`insert into fail_next_run values (1)`);
      await importAs("half-counted", "plaintext");
      await db().execute(sql`delete from fail_next_run`);
      expect((await listEvaluationRuns(f.admin))[0]).toMatchObject({ trigger: "import", status: "failed" });
      await importAs("counted-after", "plaintext");
      expect((await listEvaluationRuns(f.admin))[0]).toMatchObject({ scope: "incremental", status: "completed" });
      await expectFullRunAgrees();
    } finally {
      await db().execute(sql`drop trigger fail_run on evaluation_runs`);
    }
  });

  test("parameters saved before a rule's schema refused them still open in Settings, so an admin can replace them", async () => {
    // Saved by an earlier version that took any text: R20 can no longer read it, and evaluations say so.
    await db().execute(sql`insert into rule_parameter_versions (rules, slas, hash, created_by)
      values (${JSON.stringify({ R20: { acceptedStorage: ["vault", "ci-secret"] } })}::jsonb, ${JSON.stringify({ critical: 1, high: 7, medium: 30, low: 90 })}::jsonb, 'legacy', 'admin@fixture.test')`);
    await expect(runFullEvaluation(f.admin, "test")).rejects.toThrow(/rules\.R20\.acceptedStorage\.1/);
    const shown = await getRuleParameters(f.admin);
    expect(shown.rules.find((r) => r.id === "R20")!.values).toEqual({ acceptedStorage: ["vault", "ci-secret"] });
    const fixed = await updateRuleParameters(f.admin, { rules: { R20: { acceptedStorage: ["vault", "ci_secret"] } }, slas: shown.slas });
    expect(fixed.version).toBe(shown.version + 1);
    expect((await listEvaluationRuns(f.admin))[0]).toMatchObject({ trigger: "parameters", status: "completed" });
  });

  test("the blast radius judges 'may destroy' by R10's destructive operations as an admin set them", async () => {
    const header = "external_id,name,provider,kind,principal_type,team,environments,agent_accessible,allowed_operations";
    await importCredentials(f.admin, { format: "leash-csv", fileName: "door.csv", source: "door", input: bytesOf(`${header}\r\ndoor-1,door-1,aws,access_key,agent,Team A,production,true,read;delete\r\n`, 4096) });
    const door = async () => ({
      listed: (await blastEntries(undefined, new Date())).find((e) => e.name === "door-1")!.conditions,
      asOf: (await snapshotAsOf(new Date())).blast.find((e) => e.name === "door-1")!.conditions,
    });
    expect(await door()).toEqual({ listed: expect.arrayContaining(["destructive"]), asOf: expect.arrayContaining(["destructive"]) });
    const r10 = async () => (await listFindings(f.admin, { rule: "R10", q: "door-1", status: "all" })).items[0]!.status;
    expect(await r10()).toBe("open");
    const { slas } = await getRuleParameters(f.admin);
    await updateRuleParameters(f.admin, { rules: { R10: { destructiveOperations: ["drop", "truncate"] } }, slas });
    // Delete is no longer destructive to R10, so the door it opened is narrower in the blast radius too.
    expect(await r10()).toBe("resolved");
    const after = await door();
    expect(after.listed).not.toContain("destructive");
    expect(after.asOf).not.toContain("destructive");
  });

  test("a run records the rules version, the parameters' hash, the workspace's subjects, evaluations and failures, and how long it took", async () => {
    // One of each kind of subject at least: a credential, the corpus, an event and the audit log.
    await importAs("counted-key", "plaintext", "key-counted");
    const event = { event_id: "counted-event", occurred_at: new Date().toISOString(), credential: { key_id: "key-counted" }, actor: "deployer", actor_type: "service", operation: "GetObject", resource: "a.csv", environment: "staging", outcome: "success" };
    await ingestEvents(f.admin, { format: "leash-ndjson", fileName: "counted.ndjson", input: bytesOf(`${JSON.stringify(event)}\n`, 4096) });
    const params = await getRuleParameters(f.admin);
    const run = await runFullEvaluation(f.admin, "test");
    expect(run).toMatchObject({ status: "completed", rulesVersion: RULES_VERSION, parametersVersion: params.version, parametersHash: params.hash });

    // The counts, worked out from the workspace rather than the evaluator: each subject is judged by its kind's rules,
    // and each failing verdict is one finding not resolved.
    const [stored] = await rowsOf<{ credential: number; event: number; corpus: number; unresolved: number }>(db(), sql`select
      (select count(*) from credentials)::int as credential, (select count(*) from activity_events)::int as event,
      (select count(*) from corpora)::int as corpus, (select count(*) from findings where status <> 'resolved')::int as unresolved`);
    const subjects = { credential: stored!.credential, event: stored!.event, corpus: stored!.corpus, audit_log: 1 };
    expect(Object.values(subjects).every((n) => n > 0)).toBe(true);
    const rulesOf = (kind: string) => RULES.filter((r) => r.subject === kind).length;
    expect(run.subjects).toBe(subjects.credential + subjects.event + subjects.corpus + 1);
    expect(run.evaluations).toBe(Object.entries(subjects).reduce((n, [kind, count]) => n + count * rulesOf(kind), 0));
    expect(run.failed).toBe(stored!.unresolved);
    expect(run.failed).toBeGreaterThan(0);
    // Measured, not assumed: at least the time between its start and end instants.
    expect(Number.isInteger(run.durationMs)).toBe(true);
    expect(run.durationMs!).toBeGreaterThanOrEqual(Date.parse(run.finishedAt!) - Date.parse(run.startedAt));

    // A parameter changed in Settings: the run it starts records the new set's hash; set back, the first hash again.
    // Settings saves the whole set, as shown (the earlier tests chose R10's and R20's values).
    const shown = { rules: Object.fromEntries(params.rules.map((r) => [r.id, r.values])), slas: params.slas, agentRuntimes: params.agentRuntimesCustom ? params.agentRuntimes : null };
    await updateRuleParameters(f.admin, { ...shown, rules: { ...shown.rules, R04: { ...shown.rules.R04, maxHours: 12 } } });
    const changed = (await listEvaluationRuns(f.admin))[0]!;
    expect(changed).toMatchObject({ trigger: "parameters", status: "completed", parametersVersion: params.version + 1, parametersHash: (await getRuleParameters(f.admin)).hash });
    expect(changed.parametersHash).not.toBe(params.hash);
    await updateRuleParameters(f.admin, shown);
    expect((await listEvaluationRuns(f.admin))[0]).toMatchObject({ trigger: "parameters", parametersVersion: params.version + 2, parametersHash: params.hash });
  });
});
