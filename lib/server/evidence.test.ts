import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { beforeAll, expect, test } from "vitest";
import { sql } from "drizzle-orm";
import { awsPair, password } from "@/bench/scanner/fakes";
import { Rng } from "@/bench/scanner/prng";
import { readZipEntries } from "@/lib/evidence/package/read-zip";
import { verifyPackage } from "@/lib/evidence/package/verify";
import { listAuditEntries } from "./audit";
import { db } from "./db";
import { resetEnvForTests } from "./env";
import { seedDemoWorkspace } from "./demo-seed";
import { buildEvidencePackage, downloadEvidencePackage, evidenceFileName, listEvidencePackages } from "./evidence";
import { publicKeys, rotateSigningKey } from "./evidence-keys";
import { decideException, requestException } from "./exceptions";
import { expireExceptions } from "./evaluator/exception-expiry";
import { statusesSetBy } from "./evidence/gather";
import { bulkUpdateFindings, updateFinding } from "./findings";
import { listCredentials } from "./credentials";
import { importCredentials } from "./imports";
import { getControl, getPostureTrend } from "./posture";
import { rowsOf } from "./sql-rows";
import { collect, csvTable, downloaded } from "./testing/evidence-files";
import { describeEachEngine } from "./testing/test-db";
import { loadViewer, type Viewer } from "./viewer";

async function viewerByEmail(email: string): Promise<Viewer> {
  const rows = (await db().execute(sql`select id from users where email = ${email}`)) as unknown as { rows: { id: string }[] };
  return (await loadViewer(rows.rows[0]!.id, { via: "session" }))!;
}

const schema = (name: string) => JSON.parse(readFileSync(path.join(process.cwd(), "lib/evidence/oscal/schemas", name), "utf8")) as object;

describeEachEngine("evidence packages", () => {
  let admin: Viewer;
  let auditor: Viewer;
  let engineer: Viewer;
  // Fake secrets from a seeded generator, imported with the inventory: they may only ever become fingerprints.
  const rng = new Rng(20261125);
  const secrets = [awsPair(rng).secret, password(rng, 28), awsPair(rng).secret];

  beforeAll(async () => {
    await seedDemoWorkspace();
    admin = await viewerByEmail("admin@demo.leash.dev");
    auditor = await viewerByEmail("auditor@demo.leash.dev");
    engineer = await viewerByEmail("engineer@demo.leash.dev");
    const records = secrets.map((secret, i) => ({ external_id: `evidence-${i}`, name: `evidence key ${i}`, provider: "aws", kind: "access_key", team: "Platform", agent_accessible: true, secret }));
    const run = await importCredentials(admin, {
      format: "leash-json",
      fileName: "with-secrets.json",
      source: "evidence-test",
      input: (async function* () {
        yield new TextEncoder().encode(JSON.stringify(records));
      })(),
    });
    expect(run, JSON.stringify(run.errors)).toMatchObject({ status: "applied" });
  });

  test("an auditor builds a SOC 2 package that verifies, carries every file, and no secret value anywhere", async () => {
    const built = await buildEvidencePackage(auditor, { framework: "soc2" });
    expect(built).toMatchObject({ framework: "soc2", scope: { kind: "as_of" }, createdBy: "auditor@demo.leash.dev" });
    const download = await downloadEvidencePackage(auditor, built.id);
    expect(download.sha256).toBe(built.sha256);
    const bytes = await collect(download.content);
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(built.sha256);
    expect(bytes.length).toBe(download.bytes);
    expect((await downloaded(admin, built.id)).equals(bytes)).toBe(true);

    const keys = (await publicKeys()).map((k) => k.publicKeyPem);
    const verdict = await verifyPackage(bytes, keys);
    expect(verdict.problems).toEqual([]);
    const entries = await readZipEntries(bytes);
    expect([...entries.keys()]).toEqual(
      expect.arrayContaining([
        "manifest.json", "manifest.sig", "SHA256SUMS", "SHA256SUMS.sig", "README.txt", "summary/controls.csv", "summary/daily-controls.csv", "populations/CC6.1.csv", "inventory/credentials.csv",
        "findings/findings.csv", "exceptions/exceptions.csv", "scans/corpora.csv", "scans/scan-runs.csv", "scans/secret-findings.csv", "activity/events.csv", "activity/flagged.csv",
        "audit/audit-log.jsonl", "audit/chain-verification.json", "report.pdf", "oscal/assessment-results.json", "oscal/poam.json",
      ]),
    );
    // Nor a fingerprint: one would let a holder of the package test guesses of a secret against it.
    const stored = await rowsOf<{ fingerprint: string }>(db(), sql`select fingerprint from secret_findings union all select fingerprint from credentials where fingerprint is not null`);
    const fingerprints = stored.map((r) => r.fingerprint);
    expect(fingerprints.length).toBeGreaterThan(3);
    for (const [name, bytes] of entries) {
      const text = bytes.toString("latin1");
      for (const secret of secrets) expect(text.includes(secret), `${name} contains a secret value`).toBe(false);
      for (const fingerprint of fingerprints) expect(text.includes(fingerprint), `${name} contains a fingerprint`).toBe(false);
    }
    expect(entries.get("report.pdf")!.subarray(0, 5).toString()).toBe("%PDF-");

    // A control's population file holds exactly the population the posture counts.
    const control = await getControl(auditor, "soc2", "CC6.1", { limit: 1 });
    const counts = control.control.population;
    const populationFile = verdict.manifest!.files.find((f) => f.path === "populations/CC6.1.csv")!;
    expect(populationFile.records).toBe(counts.pass + counts.fail + counts.excepted + counts.not_applicable);
    const manifest = verdict.manifest!;
    // A partial import: the difference is stated, the match not claimed; README.txt states the rule.
    expect(manifest.completeness).toMatchObject({ sources: expect.arrayContaining([expect.objectContaining({ source: "evidence-test", credentialsInPackage: 3, reconciled: false, difference: 0 })]) });
    expect(entries.get("README.txt")!.toString()).toContain("reconciled = the run was a full sync and the difference is 0");
    // Every kind of subject evaluated is listed in full; the findings file holds every failing evaluation.
    const reconciled = { reconciled: true, evaluated: expect.any(Number) };
    expect(manifest.completeness).toMatchObject({ subjects: { credential: reconciled, event: reconciled, corpus: reconciled }, auditLog: { entries: expect.any(Number) } });
    expect((manifest.completeness.subjects as Record<string, { evaluated: number }>).event!.evaluated).toBeGreaterThan(0);
    expect(manifest.populationsAsOf).toBe((built.scope as { asOf: string }).asOf);
    // The parameter values, not only their hash: an auditor reads the 24-hour agent TTL without opening the report.
    expect(manifest.rules.parameters?.R04).toEqual({ maxHours: 24 });
    expect(Object.keys(manifest.rules.parameters ?? {})).toHaveLength(22);

    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    for (const [file, schemaName] of [["oscal/assessment-results.json", "oscal_assessment-results_schema.json"], ["oscal/poam.json", "oscal_poam_schema.json"]] as const) {
      const validate = ajv.compile(schema(schemaName));
      const ok = validate(JSON.parse(entries.get(file)!.toString("utf8")));
      expect(ok, `${file}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
    }

    // Dates are the instants stored, as ISO text: each event's time, each finding's first detection and due date.
    const table = (name: string) => csvTable(entries.get(name)!);
    const events = await table("activity/events.csv");
    expect(events.length).toBeGreaterThan(0);
    const storedEvents = (await db().execute(sql`select id::text as id, occurred_at from activity_events`)) as unknown as { rows: { id: string; occurred_at: Date | string }[] };
    const occurred = new Map(storedEvents.rows.map((e) => [e.id, new Date(e.occurred_at).toISOString()]));
    for (const e of events) expect(e.occurred_at, `event ${e.id}`).toBe(occurred.get(e.id!));
    const findingRows = await table("findings/findings.csv");
    const storedFindings = (await db().execute(sql`select rule_id, subject_id, first_detected_at, due_at from findings`)) as unknown as { rows: { rule_id: string; subject_id: string; first_detected_at: Date | string; due_at: Date | string }[] };
    const dates = new Map(storedFindings.rows.map((f) => [`${f.rule_id}|${f.subject_id}`, [new Date(f.first_detected_at).toISOString(), new Date(f.due_at).toISOString()]]));
    const known = findingRows.filter((f) => dates.has(`${f.rule_id}|${f.subject_id}`));
    expect(known.length).toBeGreaterThan(0);
    for (const f of known) expect([f.first_detected_at, f.due_at]).toEqual(dates.get(`${f.rule_id}|${f.subject_id}`));

    // Every population row traces to its subject's record in the package, and every failing control is the target
    // of an OSCAL finding (a finding fails every control of its rule, not only the first).
    const ids = (rows: Record<string, string>[], column: string) => new Set(rows.map((r) => r[column]!));
    const records: Record<string, Set<string>> = {
      credential: ids(await table("inventory/credentials.csv"), "credential_id"),
      event: ids(events, "id"),
      corpus: ids(await table("scans/corpora.csv"), "corpus_id"),
      audit_log: new Set(["leash-audit-log"]),
    };
    const failing = new Set<string>();
    const teamOf = new Map<string, string>();
    for (const name of [...entries.keys()].filter((n) => n.startsWith("populations/"))) {
      for (const row of await table(name)) {
        teamOf.set(`${row.subject_kind}|${row.subject_id}`, row.team_id!);
        expect(records[row.subject_kind!]?.has(row.subject_id!), `${name}: ${row.subject_kind} ${row.subject_id} has no record in the package`).toBe(true);
        if (row.result === "fail") failing.add(name.slice("populations/".length, -".csv".length));
      }
    }
    expect(failing.size).toBeGreaterThan(1);
    // A finding names its subject's team, so a POA&M item (per rule and team) joins to its findings directly.
    for (const f of findingRows) expect(f.team_id, `finding ${f.finding_uuid}`).toBe(teamOf.get(`${f.subject_kind}|${f.subject_id}`));
    expect(findingRows.some((f) => f.team_id)).toBe(true);
    const oscalFindings = JSON.parse(entries.get("oscal/assessment-results.json")!.toString("utf8"))["assessment-results"].results[0].findings as { target: { title: string } }[];
    expect(new Set(oscalFindings.map((f) => f.target.title))).toEqual(failing);

    // The plan groups the imported credentials' failures by rule and owning team.
    const items = JSON.parse(entries.get("oscal/poam.json")!.toString("utf8"))["plan-of-action-and-milestones"]["poam-items"] as { title: string; props: { name: string; value: string }[] }[];
    const platform = items.filter((i) => i.props.some((p) => p.name === "team" && p.value === "Platform"));
    expect(platform.length).toBeGreaterThan(0);
    for (const item of platform) expect(item.title).toMatch(/: \d+ (credential|event)s? of team Platform/);
    expect(platform.some((i) => / credentials? of team Platform/.test(i.title))).toBe(true);

    // The build and each download, by whoever did it: the auditor's download as the auditor's.
    const audit = (await db().execute(sql`select action, actor_label from audit_log where target_id = ${built.id} order by seq`)) as unknown as { rows: { action: string; actor_label: string }[] };
    expect(audit.rows.map((r) => [r.action, r.actor_label])).toEqual([
      ["evidence.build", "auditor@demo.leash.dev"],
      ["evidence.download", "auditor@demo.leash.dev"],
      ["evidence.download", "admin@demo.leash.dev"],
    ]);
  });

  test("each view of the package list is in the audit log as the viewer's, with how many packages it showed; a refused one is not", async () => {
    const views = async () => (await listAuditEntries(admin, { action: "evidence.view", limit: 500 })).entries;
    const before = (await views()).length;
    const listed = await listEvidencePackages(auditor);
    expect((await views())[0]).toMatchObject({ action: "evidence.view", actorType: "user", actorId: auditor.userId, actorLabel: "auditor@demo.leash.dev", targetType: "evidence_package", outcome: "success", details: { listed: listed.packages.length } });
    await listEvidencePackages(admin);
    expect((await views())[0]).toMatchObject({ actorId: admin.userId, actorLabel: "admin@demo.leash.dev" });
    await expect(listEvidencePackages(engineer)).rejects.toMatchObject({ code: "forbidden" });
    expect(await views()).toHaveLength(before + 2);
  });

  test("a period package covers each day of the period; engineers cannot build or list packages", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const weekAgo = new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10);
    const built = await buildEvidencePackage(admin, { framework: "pci", from: weekAgo, to: today });
    expect(built.scope).toEqual({ kind: "period", from: weekAgo, to: today });
    // The period's operating record: every control on every day, as the posture trend has it, no day missing.
    const entries = await readZipEntries(await downloaded(admin, built.id));
    const daily = entries.get("summary/daily-controls.csv")!.toString("utf8").trim().split("\r\n").map((line) => line.split(","));
    expect(daily[0]).toEqual(["day", "control_id", "status", "score"]);
    const trend = await getPostureTrend(admin, { framework: "pci", from: weekAgo, to: today });
    const row = (day: string, c: { id: string; status: string; score: number | null }) => [day, c.id, c.status, c.score === null ? "" : c.score.toFixed(4)];
    const days = trend.points.slice(0, -1);
    expect(daily.slice(1, 1 + days.length * days[0]!.controls.length)).toEqual(days.flatMap((p) => p.controls.map((c) => row(p.day, c))));
    expect(new Set(daily.slice(1).map((row) => row[0])).size).toBe(7);
    // The last day ends at the package's instant: its row is the package's own summary.
    const summary = await csvTable(entries.get("summary/controls.csv")!);
    expect(daily.filter((r) => r[0] === today)).toEqual(summary.map((c) => [today, c.control_id, c.status, c.score]));
    await expect(buildEvidencePackage(engineer, { framework: "soc2" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(listEvidencePackages(engineer)).rejects.toMatchObject({ code: "forbidden" });
    await expect(buildEvidencePackage(admin, { framework: "soc2", from: today, to: weekAgo })).rejects.toThrow();
    await expect(buildEvidencePackage(admin, { framework: "hipaa" })).rejects.toMatchObject({ code: "invalid" });
    expect((await listEvidencePackages(auditor)).packages.map((p) => p.id)).toContain(built.id);
    // A token with only the evidence scope is enough: the build reads what it needs on its own authority.
    const evidenceToken = (await loadViewer(auditor.userId, { via: "token", token: { id: "t1", name: "ci", scopes: ["evidence"], expiresAt: new Date(Date.now() + 86_400_000) } }))!;
    expect((await buildEvidencePackage(evidenceToken, { framework: "soc2" })).framework).toBe("soc2");
  });

  test("a package of a past instant shows each finding's status as it stood then, however often it is rebuilt", async () => {
    const at = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const [finding] = await rowsOf<{ id: string; rule_id: string; subject_id: string }>(db(), sql`
      select id, rule_id, subject_id from findings where status = 'open' and rule_id = 'R08' and first_detected_at <= ${at}::timestamptz order by id limit 1`);
    const statusIn = async (id: string) =>
      (await csvTable((await readZipEntries(await downloaded(admin, id))).get("findings/findings.csv")!)).find((f) => f.rule_id === finding!.rule_id && f.subject_id === finding!.subject_id)?.status;
    expect(await statusIn((await buildEvidencePackage(admin, { framework: "soc2", asOf: at })).id)).toBe("open");
    // Work begun after the instant is not part of it.
    await updateFinding(admin, finding!.id, { status: "in_progress" });
    expect(await statusIn((await buildEvidencePackage(admin, { framework: "soc2", asOf: at })).id)).toBe("open");
    expect(await statusIn((await buildEvidencePackage(admin, { framework: "soc2" })).id)).toBe("in_progress");
  });

  test("a finding Leash resolved and reopened reads, at each past instant, the status and due date in force then", async () => {
    const importAgentKey = async (environments: string[]) => {
      const run = await importCredentials(admin, {
        format: "leash-json",
        fileName: "reopen.json",
        source: "reopen-test",
        input: (async function* () {
          yield new TextEncoder().encode(JSON.stringify([{ external_id: "reopen-1", name: "reopen agent key", provider: "aws", kind: "access_key", team: "Platform", agent_accessible: true, environments }]));
        })(),
      });
      expect(run, JSON.stringify(run.errors)).toMatchObject({ status: "applied" });
    };
    // Distinct milliseconds between steps, so each instant below falls strictly between two of them.
    const instantAfterStep = async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const at = new Date().toISOString();
      await new Promise((resolve) => setTimeout(resolve, 20));
      return at;
    };
    const findingRow = async () =>
      (await rowsOf<{ id: string; subject_id: string; status: string; due_at: string }>(db(), sql`
        select f.id, f.subject_id, f.status, to_char(f.due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as due_at
        from findings f join credentials c on c.id::text = f.subject_id where c.external_id = 'reopen-1' and f.rule_id = 'R08'`))[0]!;

    await importAgentKey(["production", "staging"]);
    const first = await findingRow();
    await updateFinding(admin, first.id, { status: "in_progress" });
    const whileInProgress = await instantAfterStep();
    await importAgentKey(["production"]);
    expect((await findingRow()).status).toBe("resolved");
    await importAgentKey(["production", "staging"]);
    const reopened = await findingRow();
    expect(reopened).toMatchObject({ id: first.id, status: "open" });
    expect(reopened.due_at).not.toBe(first.due_at);
    const afterReopening = await instantAfterStep();
    // Work begun again after that instant: the findings row now says in progress, changed after both instants.
    await updateFinding(admin, first.id, { status: "in_progress" });

    const rowAt = async (asOf: string) =>
      (await csvTable((await readZipEntries(await downloaded(admin, (await buildEvidencePackage(admin, { framework: "soc2", asOf })).id))).get("findings/findings.csv")!)).find(
        (f) => f.rule_id === "R08" && f.subject_id === first.subject_id,
      );
    expect(await rowAt(whileInProgress)).toMatchObject({ status: "in_progress", due_at: first.due_at });
    // The reopening set it open again: the in-progress status people set before it no longer held.
    expect(await rowAt(afterReopening)).toMatchObject({ status: "open", due_at: reopened.due_at });
  });

  test("the statuses set by an instant are those of the findings asked, from single and bulk changes, the latest by then", async () => {
    const instant = async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const at = new Date();
      await new Promise((resolve) => setTimeout(resolve, 20));
      return at;
    };
    const [a, b, c] = (await rowsOf<{ id: string }>(db(), sql`
      select id from findings where status = 'open' and rule_id not in ('R01', 'R08', 'R10') order by id limit 3`)).map((r) => r.id);
    const before = await instant();
    await bulkUpdateFindings(admin, { ids: [a, b, c], status: "in_progress" });
    const afterBulk = await instant();
    await updateFinding(admin, a!, { status: "open" });
    const afterSingle = await instant();
    const statuses = async (ids: string[], at: Date) => Object.fromEntries([...(await statusesSetBy(ids, at))].map(([id, s]) => [id, s.status]));
    expect(await statuses([a!, b!], before)).toEqual({});
    expect(await statuses([a!, b!], afterBulk)).toEqual({ [a!]: "in_progress", [b!]: "in_progress" });
    expect(await statuses([a!], afterSingle)).toEqual({ [a!]: "open" });
    await bulkUpdateFindings(admin, { ids: [b, c], status: "open" });
  });

  test("an exception that has expired since a package's instant is in its register as approved, as its population counts it", async () => {
    const hour = 3_600_000;
    const [finding] = await rowsOf<{ id: string; rule_id: string; subject_id: string }>(db(), sql`
      select f.id, f.rule_id, f.subject_id from findings f join teams t on t.id = f.team_id
      where t.name = 'Platform' and f.status = 'open' and f.rule_id = 'R10' and f.first_detected_at <= now() - interval '1 day' order by f.id limit 1`);
    const exception = await requestException(engineer, finding!.id, { justification: "Compensating control: the token is watched and rotated weekly", expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    await decideException(admin, exception.id, { decision: "approve" });
    // Requested three hours ago, approved two hours ago, expired an hour ago (and swept, as evaluations do).
    await db().execute(sql`update finding_exceptions set requested_at = now() - interval '3 hours', decided_at = now() - interval '2 hours', expires_at = now() - interval '1 hour' where id = ${exception.id}`);
    expect(await expireExceptions(new Date())).toBe(1);

    const built = await buildEvidencePackage(auditor, { framework: "soc2", asOf: new Date(Date.now() - 1.5 * hour).toISOString() });
    const entries = await readZipEntries(await downloaded(auditor, built.id));
    const excepted = (await csvTable(entries.get("populations/CC6.1.csv")!)).filter((r) => r.rule_id === finding!.rule_id && r.subject_id === finding!.subject_id);
    expect(excepted.map((r) => r.result)).toEqual(["excepted"]);
    const register = (await csvTable(entries.get("exceptions/exceptions.csv")!)).find((e) => e.exception_id === exception.id);
    expect(register).toMatchObject({ status: "approved", decided_by: "admin@demo.leash.dev" });
  });

  test("a fail not yet recorded as a finding at a package's instant is detected at it and due by its severity's SLA", async () => {
    const at = new Date(Date.now() - 3_600_000);
    // A finding Leash first recorded after the instant (its run came later), though the subject failed at the instant.
    const [finding] = await rowsOf<{ rule_id: string; subject_id: string }>(db(), sql`
      update findings set first_detected_at = now() - interval '30 minutes'
      where id = (select id from findings where status = 'open' and severity = 'medium' and rule_id = 'R01' order by id limit 1) returning rule_id, subject_id`);
    const built = await buildEvidencePackage(auditor, { framework: "soc2", asOf: at.toISOString() });
    const rows = await csvTable((await readZipEntries(await downloaded(auditor, built.id))).get("findings/findings.csv")!);
    const row = rows.find((f) => f.rule_id === finding!.rule_id && f.subject_id === finding!.subject_id);
    // Medium findings are due in 30 days by default, not at the moment they are found.
    expect(row).toMatchObject({ first_detected_at: at.toISOString(), due_at: new Date(at.getTime() + 30 * 86_400_000).toISOString() });
  });

  test("the inventory lists each credential with the status the credential list shows: a passed expiry reads expired", async () => {
    const built = await buildEvidencePackage(auditor, { framework: "soc2" });
    const rows = await csvTable((await readZipEntries(await downloaded(auditor, built.id))).get("inventory/credentials.csv")!);
    const listed = new Map<string, string>();
    let cursor: string | undefined;
    do {
      const page = await listCredentials(admin, { limit: 500, cursor });
      for (const c of page.items) listed.set(c.id, c.status ?? "");
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    // The demo's sources still say active about keys whose expiry has passed.
    expect(rows.filter((r) => r.status === "expired").length).toBeGreaterThan(10);
    expect(new Map(rows.map((r) => [r.credential_id!, r.status!]))).toEqual(listed);
  });

  test("after a key rotation, packages signed by the retired key still verify with the published keys", async () => {
    const before = await buildEvidencePackage(admin, { framework: "soc2" });
    const fresh = await rotateSigningKey(admin);
    const after = await buildEvidencePackage(admin, { framework: "soc2" });
    expect(after.keyId).toBe(fresh.keyId);
    expect(before.keyId).not.toBe(fresh.keyId);
    const keys = await publicKeys();
    expect(keys.filter((k) => k.current).map((k) => k.keyId)).toEqual([fresh.keyId]);
    const pems = keys.map((k) => k.publicKeyPem);
    expect((await verifyPackage(await downloaded(admin, before.id), pems)).ok).toBe(true);
    expect((await verifyPackage(await downloaded(admin, after.id), [fresh.publicKeyPem])).ok).toBe(true);
    expect((await verifyPackage(await downloaded(admin, before.id), [fresh.publicKeyPem])).ok).toBe(false);
  });

  test("a rotation that fails part way leaves the old key current and no new key", async () => {
    const before = await publicKeys();
    // The new key's insert fails, after the old key was retired in the same rotation.
    await db().execute(sql.raw("create function refuse_evidence_key() returns trigger language plpgsql as $$ begin raise exception 'injected failure'; end $$"));
    await db().execute(sql.raw("create trigger refuse_evidence_key before insert on evidence_keys for each row execute function refuse_evidence_key()"));
    try {
      await expect(rotateSigningKey(admin)).rejects.toThrow();
    } finally {
      await db().execute(sql.raw("drop trigger refuse_evidence_key on evidence_keys"));
      await db().execute(sql.raw("drop function refuse_evidence_key()"));
    }
    expect(await publicKeys()).toEqual(before);
  });

  test("a signing key sealed under another auth secret stops a build before it starts, with the way out; rotating recovers", async () => {
    const sealedUnder = await publicKeys();
    process.env.AUTH_SECRET = "a-different-secret-than-the-key-was-sealed-under";
    resetEnvForTests();
    try {
      const current = sealedUnder.find((k) => k.current)!;
      const refusal = buildEvidencePackage(admin, { framework: "soc2" });
      await expect(refusal).rejects.toMatchObject({ code: "unavailable" });
      await expect(refusal).rejects.toThrow(new RegExp(`signing key ${current.keyId} cannot be unsealed.*leash evidence rotate-key`));
      // Publishing needs no private key; rotating never unseals the retired one.
      expect((await publicKeys()).map((k) => k.keyId)).toEqual(sealedUnder.map((k) => k.keyId));
      const fresh = await rotateSigningKey(admin);
      const built = await buildEvidencePackage(admin, { framework: "soc2" });
      expect(built.keyId).toBe(fresh.keyId);
      expect((await verifyPackage(await downloaded(admin, built.id), [fresh.publicKeyPem])).ok).toBe(true);
    } finally {
      delete process.env.AUTH_SECRET;
      resetEnvForTests();
    }
  });
});

test("a download's name states the instant to the second or the period, and the package's hash, so no two packages share one", () => {
  const sha256 = "ab12cd34ef56".padEnd(64, "0");
  expect(evidenceFileName({ framework: "soc2", scope: { kind: "as_of", asOf: "2026-11-29T03:30:11.623Z" }, sha256 })).toBe("leash-evidence-soc2-2026-11-29T03-30-11Z-ab12cd34ef56.zip");
  expect(evidenceFileName({ framework: "pci-dss-4.0.1", scope: { kind: "period", from: "2026-11-01", to: "2026-11-28" }, sha256 })).toBe(
    "leash-evidence-pci-dss-4.0.1-2026-11-01_2026-11-28-ab12cd34ef56.zip",
  );
  // Built in the same second, two packages still differ in name.
  const same = { framework: "soc2", scope: { kind: "as_of", asOf: "2026-11-29T03:30:11.623Z" } } as const;
  expect(evidenceFileName({ ...same, sha256: "1".repeat(64) })).not.toBe(evidenceFileName({ ...same, sha256: "2".repeat(64) }));
});
