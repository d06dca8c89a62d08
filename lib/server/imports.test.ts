import { eq, sql } from "drizzle-orm";
import { beforeAll, expect, test, vi } from "vitest";
import { credentials, credentialVersions, sources } from "@/db/schema";
import { NUL_REASON, SURROGATE_REASON } from "@/lib/domain/storable-text";
import { seededSecret } from "@/lib/ingest/credentials/test-support";
import { recordOf } from "./credential-rows";
import { db } from "./db";
import { resetEnvForTests } from "./env";
import { credentialAsOf, credentialHistory, getCredential, listCredentials, updateCredential } from "./credentials";
import { getImportRun, importCredentials, listImportRuns } from "./imports";
import { setMappingRules } from "./settings";
import { rowsOf } from "./sql-rows";
import { seedIdentity, type IdentityFixture } from "./testing/fixtures";
import { describeEachEngine } from "./testing/test-db";
import type { Viewer } from "./viewer";

type Row = Record<string, string>;
const COLUMNS = ["external_id", "name", "provider", "kind", "principal", "team", "environments", "agent_accessible", "expires_at", "owner_email", "storage"];

function csv(rows: Row[], columns = COLUMNS): string {
  return [columns.join(","), ...rows.map((r) => columns.map((c) => r[c] ?? "").join(","))].join("\r\n") + "\r\n";
}

async function* bytes(text: string): AsyncGenerator<Uint8Array> {
  const all = new TextEncoder().encode(text);
  for (let i = 0; i < all.length; i += 64) yield all.slice(i, i + 64);
}

function row(i: number, team = "Team A", extra: Row = {}): Row {
  return { external_id: `c-${i}`, name: `cred ${i}`, provider: "railway", kind: "api_token", principal: `svc-${i}`, team, environments: "production", agent_accessible: "true", expires_at: "never", ...extra };
}

function run(viewer: Viewer, text: string, options: { source?: string; applyValid?: boolean; fullSync?: boolean } = {}) {
  return importCredentials(viewer, { format: "leash-csv", fileName: "inventory.csv", input: bytes(text), source: options.source ?? "main", ...options });
}

describeEachEngine("credential import", () => {
  let f: IdentityFixture;
  beforeAll(async () => {
    f = await seedIdentity();
  });

  test("on Postgres without LEASH_FINGERPRINT_KEY an import is refused before it starts, naming the variable", async () => {
    const saved = { url: process.env.DATABASE_URL, key: process.env.LEASH_FINGERPRINT_KEY };
    process.env.DATABASE_URL = "postgres://leash@db.invalid/leash";
    delete process.env.LEASH_FINGERPRINT_KEY;
    resetEnvForTests();
    try {
      const runsBefore = (await listImportRuns(f.admin)).length;
      await expect(run(f.admin, csv([row(900)]), { source: "no key" })).rejects.toThrow(/LEASH_FINGERPRINT_KEY is required when DATABASE_URL is set/);
      expect((await listImportRuns(f.admin)).length).toBe(runsBefore);
    } finally {
      for (const [name, value] of [["DATABASE_URL", saved.url], ["LEASH_FINGERPRINT_KEY", saved.key]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      resetEnvForTests();
    }
  });

  test("an import creates credentials, records the run with the file hash; re-importing the same file writes nothing", async () => {
    const text = csv([row(1), row(2), row(3, "Team B")]);
    const first = await run(f.admin, text);
    expect(first).toMatchObject({ status: "applied", counts: { read: 3, created: 3, updated: 0, unchanged: 0, rejected: 0 } });
    expect(first.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    const versionsBefore = await db().execute(sql`select count(*)::int as n from credential_versions`);
    const again = await run(f.admin, text);
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(again.fileSha256).toBe(first.fileSha256);
    const versionsAfter = await db().execute(sql`select count(*)::int as n from credential_versions`);
    expect((versionsAfter as unknown as { rows: unknown[] }).rows).toEqual((versionsBefore as unknown as { rows: unknown[] }).rows);
  });

  test("a source name means the same source whatever its case and surrounding spaces, spelled as it was created", async () => {
    const text = csv([row(30)]);
    const first = await run(f.admin, text, { source: "Prod AWS" });
    const again = await run(f.admin, text, { source: "  prod aws " });
    expect(again.source).toEqual(first.source);
    expect(again.source.name).toBe("Prod AWS");
    expect(again.counts).toMatchObject({ created: 0, unchanged: 1 });
  });

  test("two imports creating one name in different cases at once make one source", async () => {
    const [a, b] = await Promise.all([run(f.admin, csv([row(31)]), { source: "Racing Source" }), run(f.admin, csv([row(32)]), { source: "RACING SOURCE" })]);
    expect(a.source.id).toBe(b.source.id);
  });

  test("where an older database holds names differing only in case, a name means the oldest of those sources", async () => {
    const [oldest] = await db().insert(sources).values({ name: "Legacy Source", format: "leash-csv", createdAt: new Date("2026-01-01T00:00:00Z") }).returning();
    await db().insert(sources).values({ name: "legacy source", format: "leash-csv", createdAt: new Date("2026-02-01T00:00:00Z") });
    expect((await run(f.admin, csv([row(33)]), { source: "LEGACY SOURCE" })).source).toEqual({ id: oldest!.id, name: "Legacy Source" });
  });

  test("a file with a bad row is rejected whole with the row report; apply-valid writes the good rows", async () => {
    const text = csv([row(10), row(11, "Team A", { kind: "magic_token" }), row(12, "Team A", { expires_at: "2026-02-30" })]);
    const rejected = await run(f.admin, text);
    expect(rejected.status).toBe("rejected");
    expect(rejected.counts).toMatchObject({ read: 3, created: 0, rejected: 2 });
    expect(rejected.errors.map((e) => [e.line, e.field])).toEqual([
      [3, "kind"],
      [4, "expires_at"],
    ]);
    expect((await listCredentials(f.admin, { q: "cred 10" })).total).toBe(0);
    const partial = await run(f.admin, text, { applyValid: true });
    expect(partial).toMatchObject({ status: "applied", counts: { created: 1, rejected: 2 } });
    expect((await listCredentials(f.admin, { q: "cred 10" })).total).toBe(1);
  });

  test("a row Postgres could not store (a NUL character, half a surrogate pair) is a row error naming its field", async () => {
    // JSON.stringify writes both as \u escapes, as another tool's export would.
    const records = [{ name: "fine" }, { external_id: "store-\u0000" }, { principal: "svc-\ud800" }, { name: "key \ud83d\udd11" }];
    const text = JSON.stringify(records.map((r, i) => ({ external_id: `store-${i}`, provider: "aws", kind: "access_key", team: "Team A", ...r })), null, 1);
    const result = await importCredentials(f.admin, { format: "leash-json", fileName: "inventory.json", input: bytes(text), source: "store", applyValid: true });
    expect(result).toMatchObject({ status: "applied", counts: { read: 4, created: 2, rejected: 2 } });
    expect(result.errors.map(({ field, reason }) => ({ field, reason }))).toEqual([
      { field: "external_id", reason: NUL_REASON },
      { field: "principal", reason: SURROGATE_REASON },
    ]);
    expect((await listCredentials(f.admin, { q: "key \ud83d\udd11" })).total).toBe(1);
  });

  test("a minified JSON file, all on line 1, names each rejected row by its item, in the run as stored", async () => {
    const records = [{}, { kind: "password" }, { principal: "svc-\u0000" }, { team: "Team A" }];
    const text = JSON.stringify(records.map((r, i) => ({ external_id: `minified-${i}`, provider: "aws", kind: "access_key", team: "Team B", ...r })));
    const result = await importCredentials(f.engineerB, { format: "leash-json", fileName: "minified.json", input: bytes(text), source: "minified", applyValid: true });
    expect(result.counts).toMatchObject({ created: 1, rejected: 3 });
    const located = [
      { line: 1, item: 2, field: "kind" },
      { line: 1, item: 3, field: "principal" },
      { line: 1, item: 4, field: "team" },
    ];
    expect(result.errors.map(({ line, item, field }) => ({ line, item, field }))).toEqual(located);
    expect((await getImportRun(f.engineerB, result.id)).errors.map(({ line, item, field }) => ({ line, item, field }))).toEqual(located);
  });

  test("a change writes a new version; the credential as of before the change is unchanged", async () => {
    const page = await listCredentials(f.admin, { q: "cred 1", sort: "name" });
    const id = page.items.find((i) => i.name === "cred 1")!.id;
    const before = new Date();
    await new Promise((r) => setTimeout(r, 5));
    const changed = await run(f.admin, csv([row(1, "Team A", { environments: "staging", agent_accessible: "false" }), row(2), row(3, "Team B")]));
    expect(changed.counts).toMatchObject({ updated: 1, unchanged: 2 });
    const history = await credentialHistory(f.admin, id);
    expect(history.map((h) => h.version)).toEqual([2, 1]);
    expect(history[0]!.changedFields.sort()).toEqual(["agent_accessible", "environments"]);
    expect((await credentialAsOf(f.admin, id, before))?.environments).toEqual(["production"]);
    expect((await getCredential(f.admin, id)).fields.environments).toEqual(["staging"]);
  });

  test("a run's created and updated counts list as the credentials it created and updated, in the viewer's teams only", async () => {
    const names = async (viewer: Viewer, query: Parameters<typeof listCredentials>[1]) => (await listCredentials(viewer, { ...query, limit: 500 })).items.map((i) => i.name).sort();
    const first = await run(f.admin, csv([row(70), row(71), row(72, "Team B")]), { source: "drill-down" });
    const second = await run(f.admin, csv([row(70, "Team A", { environments: "staging" }), row(71), row(72, "Team B", { environments: "staging" }), row(73)]), { source: "drill-down" });
    expect(second.counts).toMatchObject({ created: 1, updated: 2, unchanged: 1 });
    expect(await names(f.admin, { createdByImport: first.id })).toEqual(["cred 70", "cred 71", "cred 72"]);
    expect(await names(f.admin, { updatedByImport: first.id })).toEqual([]);
    expect(await names(f.admin, { createdByImport: second.id })).toEqual(["cred 73"]);
    expect(await names(f.admin, { updatedByImport: second.id })).toEqual(["cred 70", "cred 72"]);
    // An engineer sees the run's credentials of their own teams and nothing of the others, not even a count.
    expect(await listCredentials(f.engineerB, { updatedByImport: second.id })).toMatchObject({ total: 1, items: [{ name: "cred 72" }] });
    expect(await listCredentials(f.engineerA, { createdByImport: first.id })).toMatchObject({ total: 2 });
    await expect(listCredentials(f.admin, { createdByImport: "run-1" })).rejects.toMatchObject({ code: "invalid", fields: { createdByImport: expect.any(String) } });
  });

  test("a run's unchanged, marked missing and listed credentials stay listable after later imports move them on", async () => {
    const names = async (viewer: Viewer, query: Parameters<typeof listCredentials>[1]) => (await listCredentials(viewer, { ...query, limit: 500 })).items.map((i) => i.name).sort();
    const source = { source: "kept-outcomes", fullSync: true };
    await run(f.admin, csv([row(80), row(81), row(82, "Team B"), row(83)]), source);
    const second = await run(f.admin, csv([row(80, "Team A", { environments: "staging" }), row(81), row(82, "Team B")]), source);
    expect(second).toMatchObject({ outcomesRecorded: true, counts: { read: 3, updated: 1, unchanged: 2, markedMissing: 1 } });
    // c-83 is listed again (its mark cleared) and c-82 drops out: neither moves what the second run did.
    const third = await run(f.admin, csv([row(80, "Team A", { environments: "staging" }), row(81), row(83)]), source);
    expect(third.counts).toMatchObject({ unchanged: 3, markedMissing: 1 });
    expect(await names(f.admin, { unchangedByImport: second.id })).toEqual(["cred 81", "cred 82"]);
    expect(await names(f.admin, { markedMissingByImport: second.id })).toEqual(["cred 83"]);
    expect(await names(f.admin, { listedByImport: second.id })).toEqual(["cred 80", "cred 81", "cred 82"]);
    expect(await names(f.admin, { unchangedByImport: third.id })).toEqual(["cred 80", "cred 81", "cred 83"]);
    expect(await names(f.admin, { markedMissingByImport: third.id })).toEqual(["cred 82"]);
    expect(await listCredentials(f.engineerA, { unchangedByImport: second.id })).toMatchObject({ total: 1, items: [{ name: "cred 81" }] });
    expect(await listCredentials(f.engineerA, { markedMissingByImport: third.id })).toMatchObject({ total: 0 });
  });

  test("a run's versions are read by the index on their import run, not by scanning every version", async () => {
    const imported = await run(f.admin, csv([row(90)]), { source: "by-run" });
    // With sequential scans ruled out the planner takes the index if there is one, however few the rows.
    const plan = await db().transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return rowsOf<{ "QUERY PLAN": string }>(tx, sql`explain select distinct credential_id from credential_versions where import_run_id = ${imported.id}::uuid`);
    });
    expect(plan.map((r) => r["QUERY PLAN"]).join("\n")).toContain("credential_versions_import_run_idx");
  });

  test("a full import marks credentials it no longer lists as missing, never deletes them", async () => {
    const result = await run(f.admin, csv([row(1, "Team A", { environments: "staging", agent_accessible: "false" }), row(2)]), { fullSync: true });
    expect(result.counts.markedMissing).toBeGreaterThanOrEqual(2);
    const missing = await listCredentials(f.admin, { missingFromSource: "true", sourceId: result.source.id });
    expect(missing.items.map((i) => i.name).sort()).toContain("cred 3");
  });

  test("a full import with rejected rows marks nothing missing: a credential on a rejected row is still listed", async () => {
    const listed = [row(60), row(61), row(62)];
    expect((await run(f.admin, csv(listed), { source: "sync-rejects" })).counts.created).toBe(3);
    // c-61's row now has a typo and c-62 left the file: the file no longer says which of the two is gone.
    const text = csv([row(60), row(61, "Team A", { expires_at: "2026-02-30" })]);
    const result = await run(f.admin, text, { source: "sync-rejects", applyValid: true, fullSync: true });
    expect(result).toMatchObject({ status: "applied", counts: { unchanged: 1, rejected: 1, markedMissing: 0 } });
    expect((await listCredentials(f.admin, { missingFromSource: "true", sourceId: result.source.id })).total).toBe(0);
  });

  test("engineers: import only their team's credentials, see only theirs, and cannot read another team's", async () => {
    const result = await run(f.engineerA, csv([row(20), row(21, "Team B")]), { source: "eng", applyValid: true });
    expect(result.counts).toMatchObject({ created: 1, rejected: 1 });
    expect(result.errors[0]).toMatchObject({ line: 3, field: "team" });
    const visible = await listCredentials(f.engineerA, { limit: 500 });
    expect(visible.items.every((i) => i.team?.id === f.teamA)).toBe(true);
    const other = (await listCredentials(f.admin, { teamId: f.teamB })).items[0]!;
    await expect(getCredential(f.engineerA, other.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(updateCredential(f.engineerA, other.id, { agent_accessible: false })).rejects.toMatchObject({ code: "not_found" });
    await expect(getImportRun(f.engineerB, result.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await listImportRuns(f.engineerA)).map((r) => r.id)).toEqual([result.id]);
  });

  test("auditors can read but not import or edit", async () => {
    await expect(run(f.auditor, csv([row(30)]))).rejects.toMatchObject({ code: "forbidden" });
    const any = (await listCredentials(f.auditor, {})).items[0]!;
    await expect(updateCredential(f.auditor, any.id, { agent_accessible: false })).rejects.toMatchObject({ code: "forbidden" });
  });

  test("a person's edit is a new version with person origin that a re-import does not overwrite where the source is silent", async () => {
    const id = (await listCredentials(f.admin, { q: "cred 2" })).items.find((i) => i.name === "cred 2")!.id;
    const edited = await updateCredential(f.engineerA, id, { storage: "vault", review: true });
    expect(edited.origins.storage).toEqual({ provenance: "person" });
    expect(edited.fields.reviewer).toBe("engineer-a@fixture.test");
    await run(f.admin, csv([row(1, "Team A", { environments: "staging", agent_accessible: "false" }), row(2)]));
    expect((await getCredential(f.admin, id)).fields.storage).toBe("vault");
    await expect(updateCredential(f.engineerA, id, { team: "Team B" })).rejects.toMatchObject({ code: "invalid" });
  });

  test("the credential says its owner may not sign off its review (R19), and the server refuses the owner alike", async () => {
    await run(f.admin, csv([row(800, "Team A", { owner_email: "Engineer-A@fixture.test" })]), { source: "owned" });
    const id = (await listCredentials(f.admin, { q: "cred 800" })).items[0]!.id;
    expect((await getCredential(f.engineerA, id)).reviewSignOff).toEqual({ allowed: false, reason: expect.stringContaining("Someone other than the owner") });
    await expect(updateCredential(f.engineerA, id, { review: true })).rejects.toMatchObject({ code: "invalid" });
    expect((await getCredential(f.admin, id)).reviewSignOff).toEqual({ allowed: true });
    expect((await getCredential(f.auditor, id)).reviewSignOff).toMatchObject({ allowed: false });
    expect((await updateCredential(f.admin, id, { review: true })).fields.reviewer).toBe("admin@fixture.test");
  });

  test("mapping rules fill what the source left unstated and say so", async () => {
    await setMappingRules(f.admin, { rules: [{ id: "svc-service", when: { principal: "svc-*" }, set: { principal_type: "service", storage: "ci_secret" } }] });
    await run(f.admin, csv([row(40)]), { source: "mapped" });
    const id = (await listCredentials(f.admin, { q: "cred 40" })).items[0]!.id;
    const dto = await getCredential(f.admin, id);
    expect(dto.fields.principal_type).toBe("service");
    expect(dto.origins.principal_type).toEqual({ provenance: "mapping_rule", mappedBy: "svc-service" });
    await expect(setMappingRules(f.engineerA, { rules: [] })).rejects.toMatchObject({ code: "forbidden" });
  });

  test("a created credential holds exactly the imported record, in its row and as its first version", async () => {
    const columns = ["external_id", "name", "provider", "kind", "principal", "team", "owner_email", "environments", "agent_accessible", "allowed_operations", "scopes", "created_at", "expires_at", "last_used_at", "tags"];
    const text = csv([{ external_id: "full-1", name: "full record", provider: "GitHub", kind: "pat", principal: "svc-full", team: "Team A", owner_email: "o@example.com", environments: "production;staging", agent_accessible: "no", allowed_operations: "*", scopes: "repo;read:org", created_at: "2026-01-05T10:00:00+01:00", expires_at: "never", last_used_at: "never", tags: "a;b" }], columns);
    await setMappingRules(f.admin, { rules: [{ id: "svc-storage", when: { principal: "svc-*" }, set: { storage: "ci_secret", agent_accessible: true } }] });
    const result = await run(f.admin, text, { source: "full" });
    expect(result.counts).toMatchObject({ created: 1, rejected: 0 });
    const expected = {
      external_id: "full-1", name: "full record", provider: "github", kind: "pat", principal: "svc-full", team: "Team A", owner_email: "o@example.com",
      environments: ["production", "staging"], agent_accessible: false, allowed_operations: null, scopes: ["repo", "read:org"],
      created_at: "2026-01-05T09:00:00.000Z", expires_at: null, last_used_at: null, tags: ["a", "b"], storage: "ci_secret",
      provenance: { ...Object.fromEntries(columns.slice(1).map((c) => [c, "source"])), storage: "mapping_rule" },
      mapped_by: { storage: "svc-storage" },
    };
    const [row] = await db().select().from(credentials).where(eq(credentials.externalId, "full-1"));
    expect(recordOf(row!)).toEqual(expected);
    expect(row).toMatchObject({ teamId: f.teamA, version: 1, mappedBy: { storage: "svc-storage" }, missingFromSourceAt: null, sourceId: result.source.id });
    const versions = await db().select().from(credentialVersions).where(eq(credentialVersions.credentialId, row!.id));
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ version: 1, data: expected, changedFields: ["created"], changeKind: "import", validTo: null, importRunId: result.id });
    expect(versions[0]!.validFrom.getTime()).toBe(row!.updatedAt.getTime());
  });

  test("records of one batch that state different fields keep their own provenance, in the row and the version", async () => {
    const text = csv([row(4000, "Team A", { owner_email: "a@example.com" }), row(4001), row(4002, "Team A", { owner_email: "c@example.com", storage: "vault" })]);
    expect((await run(f.admin, text, { source: "mixed-provenance" })).counts).toMatchObject({ created: 3, rejected: 0 });
    const maps = new Set<string>();
    for (const [id, owner, storage] of [["c-4000", "source", "mapping_rule"], ["c-4001", undefined, "mapping_rule"], ["c-4002", "source", "source"]] as const) {
      const [stored] = await db().select().from(credentials).where(eq(credentials.externalId, id));
      const [version] = await db().select().from(credentialVersions).where(eq(credentialVersions.credentialId, stored!.id));
      const { provenance } = recordOf(stored!);
      // Storage not stated in the file is set by the svc-* mapping rule of the test above.
      expect([provenance.owner_email, provenance.storage], id).toEqual([owner, storage]);
      expect(version!.data).toEqual(recordOf(stored!));
      maps.add(JSON.stringify(provenance));
    }
    expect(maps.size).toBe(3);
  });

  test("a re-import finds credentials whatever characters their ids hold", async () => {
    const ids = ['quote"d', "back\\slash", "com,ma", "{braced}", "NULL", "sp ace", "ünï"];
    const cell = (id: string) => (/[",]/.test(id) ? `"${id.replace(/"/g, '""')}"` : id);
    const text = csv(ids.map((id, i) => row(3000 + i, "Team A", { external_id: cell(id) })));
    expect((await run(f.admin, text, { source: "odd-ids" })).counts).toMatchObject({ created: ids.length, rejected: 0 });
    expect((await run(f.admin, text, { source: "odd-ids" })).counts).toMatchObject({ created: 0, unchanged: ids.length, rejected: 0 });
  });

  test("row errors keep file order when the next batch is parsed while the previous one is written", async () => {
    // More rows than one write batch: the refusal of row 7 is only known once the first batch is written, after
    // the parse error of a later row has been found.
    const rows = Array.from({ length: 2500 }, (_, i) => row(1000 + i, i === 5 ? "Team B" : "Team A", i === 2300 ? { kind: "magic_token" } : {}));
    const result = await run(f.engineerA, csv(rows), { source: "order", applyValid: true });
    expect(result.counts).toMatchObject({ read: 2500, created: 2498, rejected: 2 });
    expect(result.errors.map((e) => [e.line, e.field])).toEqual([
      [7, "team"],
      [2302, "kind"],
    ]);
  });

  test("an upload that breaks while a batch is being written writes nothing, not even that batch", async () => {
    const rows = Array.from({ length: 2100 }, (_, i) => row(5000 + i, "Team A", { external_id: `broken-${i}` }));
    const [head, ...rest] = csv(rows).split("\r\n");
    async function* breaking() {
      yield new TextEncoder().encode([head, ...rest.slice(0, 2050)].join("\r\n") + "\r\n");
      throw new Error("connection reset by peer");
    }
    const error = console.error;
    console.error = () => undefined; // the run logs the unexpected failure; this test expects it
    try {
      const failed = await importCredentials(f.admin, { format: "leash-csv", fileName: "broken.csv", input: breaking(), source: "broken" });
      expect(failed.status).toBe("failed");
    } finally {
      console.error = error;
    }
    const written = await db().execute(sql`select count(*)::int as n from credentials where external_id like 'broken-%'`);
    expect((written as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(0);
  });

  test("an unknown format is invalid; an oversized file is refused as too large, its run recorded as failed, nothing written", async () => {
    await expect(importCredentials(f.admin, { format: "excel", fileName: "x", input: bytes("") })).rejects.toMatchObject({ code: "invalid" });
    async function* huge() {
      const chunk = new TextEncoder().encode(csv([row(50)]).repeat(1));
      yield chunk;
      for (let i = 0; i < 300; i++) yield new Uint8Array(1_048_576).fill(97);
    }
    await expect(importCredentials(f.admin, { format: "leash-csv", fileName: "big.csv", input: huge(), source: "big" })).rejects.toMatchObject({
      code: "too_large",
      message: expect.stringMatching(/upload limit/),
    });
    const [failed] = await listImportRuns(f.admin);
    expect(failed).toMatchObject({ fileName: "big.csv", status: "failed", failure: expect.stringMatching(/upload limit/) });
    expect((await listCredentials(f.admin, { q: "cred 50" })).total).toBe(0);
  });
});

describeEachEngine("secret values carried by an import", () => {
  test("are only fingerprinted: no table and no log line contains them", async () => {
    const f = await seedIdentity();
    const secret = seededSecret(77, 40);
    const logged: string[] = [];
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" "))),
    );
    try {
      const good = csv([{ external_id: "s-1", provider: "github", kind: "pat", secret }], ["external_id", "provider", "kind", "secret"]);
      const bad = csv([{ external_id: "s-2", provider: "github", kind: "nonsense", secret }], ["external_id", "provider", "kind", "secret"]);
      expect((await run(f.admin, good, { source: "secrets" })).counts.created).toBe(1);
      expect((await run(f.admin, bad, { source: "secrets" })).status).toBe("rejected");
    } finally {
      spies.forEach((s) => s.mockRestore());
    }
    const [row] = (await listCredentials(f.admin, { q: "s-1" })).items;
    expect((await getCredential(f.admin, row!.id)).fields.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const tables = ["credentials", "credential_versions", "import_runs", "audit_log"];
    const dump = JSON.stringify(await Promise.all(tables.map((t) => db().execute(sql.raw(`select * from ${t}`)))));
    expect(dump).not.toContain(secret);
    expect(logged.join("\n")).not.toContain(secret);
  });
});
