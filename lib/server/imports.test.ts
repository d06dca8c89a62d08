import { sql } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { db } from "./db";
import { credentialAsOf, credentialHistory, getCredential, listCredentials, updateCredential } from "./credentials";
import { getImportRun, importCredentials, listImportRuns } from "./imports";
import { setMappingRules } from "./settings";
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

  test("a full import marks credentials it no longer lists as missing, never deletes them", async () => {
    const result = await run(f.admin, csv([row(1, "Team A", { environments: "staging", agent_accessible: "false" }), row(2)]), { fullSync: true });
    expect(result.counts.markedMissing).toBeGreaterThanOrEqual(2);
    const missing = await listCredentials(f.admin, { missingFromSource: "true", sourceId: result.source.id });
    expect(missing.items.map((i) => i.name).sort()).toContain("cred 3");
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

  test("mapping rules fill what the source left unstated and say so", async () => {
    await setMappingRules(f.admin, { rules: [{ id: "svc-service", when: { principal: "svc-*" }, set: { principal_type: "service", storage: "ci_secret" } }] });
    await run(f.admin, csv([row(40)]), { source: "mapped" });
    const id = (await listCredentials(f.admin, { q: "cred 40" })).items[0]!.id;
    const dto = await getCredential(f.admin, id);
    expect(dto.fields.principal_type).toBe("service");
    expect(dto.origins.principal_type).toEqual({ provenance: "mapping_rule", mappedBy: "svc-service" });
    await expect(setMappingRules(f.engineerA, { rules: [] })).rejects.toMatchObject({ code: "forbidden" });
  });

  test("an unknown format is invalid; an oversized file fails the run and writes nothing", async () => {
    await expect(importCredentials(f.admin, { format: "excel", fileName: "x", input: bytes("") })).rejects.toMatchObject({ code: "invalid" });
    async function* huge() {
      const chunk = new TextEncoder().encode(csv([row(50)]).repeat(1));
      yield chunk;
      for (let i = 0; i < 300; i++) yield new Uint8Array(1_048_576).fill(97);
    }
    const failed = await importCredentials(f.admin, { format: "leash-csv", fileName: "big.csv", input: huge(), source: "big" });
    expect(failed.status).toBe("failed");
    expect(failed.failure).toMatch(/upload limit/);
    expect((await listCredentials(f.admin, { q: "cred 50" })).total).toBe(0);
  });
});
