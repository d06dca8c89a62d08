import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { awsPair } from "@/bench/scanner/fakes";
import { Rng } from "@/bench/scanner/prng";
import { createCorpus, listCorpora } from "./corpora";
import { db } from "./db";
import { scanUploadedArchive } from "./scan-archive";
import { listScanRuns, recordScan } from "./scans";
import { getSecretFinding, listSecretFindings } from "./secret-findings";
import { importJsonCredentials, seedIdentity, type IdentityFixture } from "./testing/fixtures";
import { describeEachEngine } from "./testing/test-db";

async function* bytes(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

describeEachEngine("secret scans", () => {
  let f: IdentityFixture;
  const aws = awsPair(new Rng(4242));
  const env = `# runbook\nAWS_ACCESS_KEY_ID=${aws.id}\nAWS_SECRET_ACCESS_KEY=${aws.secret}\n`;
  beforeAll(async () => {
    f = await seedIdentity();
    await importJsonCredentials(f, [{ external_id: "aws-1", provider: "aws", kind: "access_key", team: "Team A", public_id: aws.id }], "aws");
  });

  test("only admins create corpora; everyone lists them", async () => {
    const corpus = await createCorpus(f.admin, { name: "Platform wiki", kind: "docs_export", agentReadable: true, readers: ["Claude Code"] });
    expect(corpus).toMatchObject({ agentReadable: true, readers: ["Claude Code"], openFindings: 0 });
    await expect(createCorpus(f.auditor, { name: "x", kind: "file_tree", agentReadable: false })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createCorpus(f.engineerA, { name: "x", kind: "file_tree", agentReadable: false })).rejects.toMatchObject({ code: "forbidden" });
    expect((await listCorpora(f.engineerB)).map((c) => c.name)).toContain("Platform wiki");
  });

  test("an uploaded file is scanned; the exposure is matched to the credential by its key id; the secret is stored nowhere", async () => {
    const run = await scanUploadedArchive(f.admin, "Platform wiki", "runbook.env", bytes(env));
    expect(run).toMatchObject({ status: "completed", origin: "upload", findings: 1, opened: 1, resolved: 0 });
    const [finding] = await listSecretFindings(f.admin, { corpusId: run.corpus.id });
    expect(finding).toMatchObject({ kind: "access_key", publicId: aws.id, credential: { id: expect.any(String) }, corpus: { agentReadable: true } });
    expect(finding!.locations[0]).toMatchObject({ file: "runbook.env", line: 3 });
    expect(finding!.preview).not.toContain(aws.secret);
    const dump = JSON.stringify(
      await Promise.all(["secret_findings", "secret_locations", "scan_runs", "audit_log", "credentials", "credential_versions"].map((t) => db().execute(sql.raw(`select * from ${t}`)))),
    );
    expect(dump).not.toContain(aws.secret);
  });

  test("engineers see exposures of their team's credentials only", async () => {
    expect((await listSecretFindings(f.engineerA, {})).length).toBe(1);
    expect(await listSecretFindings(f.engineerB, {})).toEqual([]);
    const counts = (viewer: typeof f.admin) => listCorpora(viewer).then((all) => all.find((c) => c.name === "Platform wiki")!.openFindings);
    expect([await counts(f.admin), await counts(f.engineerA), await counts(f.engineerB)]).toEqual([1, 1, 0]);
    const [finding] = await listSecretFindings(f.admin, {});
    await expect(getSecretFinding(f.engineerB, finding!.id)).rejects.toMatchObject({ code: "not_found" });
    // A run of the shared corpus counts team A's secret: an engineer of team B is not told it exists.
    const runCounts = async (viewer: typeof f.admin) => (await listScanRuns(viewer)).map(({ findings, opened, resolved }) => ({ findings, opened, resolved }));
    expect(await runCounts(f.admin)).toEqual([{ findings: 1, opened: 1, resolved: 0 }]);
    expect(await runCounts(f.auditor)).toEqual(await runCounts(f.admin));
    expect(await runCounts(f.engineerB)).toEqual([{ findings: null, opened: null, resolved: null }]);
  });

  test("a later scan that no longer sees the secret resolves it; seeing it again reopens it", async () => {
    const clean = await scanUploadedArchive(f.admin, "Platform wiki", "runbook.env", bytes("# rotated, nothing here\n"));
    expect(clean).toMatchObject({ findings: 0, resolved: 1 });
    expect(await listSecretFindings(f.admin, { status: "open" })).toEqual([]);
    const again = await scanUploadedArchive(f.admin, "Platform wiki", "runbook.env", bytes(env));
    expect(again).toMatchObject({ findings: 1, opened: 1 });
    expect((await listScanRuns(f.auditor)).length).toBe(3);
  });

  test("results for a corpus the server does not have are refused with the way to register it", async () => {
    const upload = { scannerVersion: "x", keyCheck: "0".repeat(64), startedAt: new Date().toISOString(), stats: { files: 1, bytes: 1 }, findings: [] };
    await expect(recordScan(f.admin, "Team wiki", upload, "cli")).rejects.toMatchObject({
      code: "not_found",
      message: 'Corpus "Team wiki" not found: register it first (Scans → New corpus, or POST /api/v1/corpora), then upload again',
    });
  });

  test("a run's Secrets, Newly open and Resolved list as its exposures, after later runs too, in the viewer's scope", async () => {
    const other = awsPair(new Rng(77));
    const both = `${env}OTHER_AWS_ACCESS_KEY_ID=${other.id}\nOTHER_AWS_SECRET_ACCESS_KEY=${other.secret}\n`;
    await createCorpus(f.admin, { name: "Drill-down wiki", kind: "docs_export", agentReadable: true });
    const scan = (text: string) => scanUploadedArchive(f.admin, "Drill-down wiki", "runbook.env", bytes(text));
    const first = await scan(both);
    const second = await scan(env);
    const third = await scan(both);
    const keyIds = async (query: Parameters<typeof listSecretFindings>[1], viewer = f.admin) =>
      (await listSecretFindings(viewer, { ...query, status: "all" })).map((x) => x.publicId).sort();
    const pair = [aws.id, other.id].sort();
    // The second run resolved the other key and the third reopened it: each run still lists what it did then.
    const expected = [
      [first, { findings: 2, opened: 2, resolved: 0 }, pair, pair, []],
      [second, { findings: 1, opened: 0, resolved: 1 }, [aws.id], [], [other.id]],
      [third, { findings: 2, opened: 1, resolved: 0 }, pair, [other.id], []],
    ] as const;
    for (const [run, counts, seen, opened, resolved] of expected) {
      expect(run).toMatchObject(counts);
      expect(await keyIds({ seenByScan: run.id })).toEqual(seen);
      expect(await keyIds({ openedByScan: run.id })).toEqual(opened);
      expect(await keyIds({ resolvedByScan: run.id })).toEqual(resolved);
    }
    // The corpus is no team's: team A's engineer lists their credential's exposure only; team B's nothing.
    expect(await keyIds({ seenByScan: first.id }, f.engineerA)).toEqual([aws.id]);
    expect(await keyIds({ resolvedByScan: second.id }, f.engineerA)).toEqual([]);
    expect(await keyIds({ seenByScan: first.id }, f.engineerB)).toEqual([]);
    await expect(listSecretFindings(f.admin, { openedByScan: "latest" })).rejects.toMatchObject({ code: "invalid", fields: { openedByScan: expect.any(String) } });
  });

  test("runs recorded before Leash kept what each run did say so once migrated; later runs keep it", async () => {
    await db().execute(sql`drop table scan_run_findings`);
    await db().execute(sql`alter table scan_runs drop column outcomes_recorded`);
    const migration = readFileSync(join(process.cwd(), "db/migrations/0016_scan_run_findings.sql"), "utf8");
    for (const statement of migration.split("--> statement-breakpoint")) await db().execute(sql.raw(statement));
    const before = await listScanRuns(f.admin);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((run) => !run.outcomesRecorded)).toBe(true);
    const later = await scanUploadedArchive(f.admin, "Drill-down wiki", "runbook.env", bytes(env));
    expect(later.outcomesRecorded).toBe(true);
    expect((await listSecretFindings(f.admin, { resolvedByScan: later.id, status: "all" })).length).toBe(later.resolved);
  });

  test("results fingerprinted under another key are refused; uploads must not carry secret values", async () => {
    const upload = { scannerVersion: "x", keyCheck: "0".repeat(64), startedAt: new Date().toISOString(), stats: { files: 1, bytes: 1 }, findings: [] };
    await expect(recordScan(f.admin, "Platform wiki", upload, "cli")).rejects.toMatchObject({ code: "invalid", fields: { keyCheck: expect.any(String) } });
    await expect(recordScan(f.engineerA, "Platform wiki", upload, "cli")).rejects.toMatchObject({ code: "forbidden" });
    const sneaky = { file: "a", line: 1, column: 1, detector: "d", kind: "api_token", provider: "p", title: "t", confidence: "high", severity: "high", entropy: 4, preview: "abc…xyz", fingerprint: "a".repeat(64), secret: aws.secret };
    await expect(recordScan(f.admin, "Platform wiki", { ...upload, findings: [sneaky as never] }, "cli")).rejects.toThrow();
  });
});
