import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { expect, test as vitestTest } from "vitest";

// Each case starts the CLI several times (a Node process with a fresh embedded database each): give them room.
const test = (name: string, fn: () => Promise<void>) => vitestTest(name, fn, 180_000);
import { openDatabase } from "@/db/client";

const run = promisify(execFile);
const LEASH = path.resolve("cli/leash.mjs");

async function leash(dataDir: string, args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, LEASH_DATA_DIR: dataDir, DATABASE_URL: "" };
  delete (env as Record<string, string | undefined>).DATABASE_URL;
  const child = run(process.execPath, [LEASH, ...args], { env, timeout: 60_000 });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/**
 * A data folder holding a migrated embedded database, copied from one made for the file: creating a database
 * (initdb, in WebAssembly) is most of a first command's 8–19 s on this machine. Instance secrets are not in it yet:
 * each copy makes its own on first use.
 */
let template: Promise<string> | undefined;
async function migratedDataDir(prefix: string): Promise<string> {
  template ??= (async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "leash-cli-template-"));
    const migrated = await leash(dir, ["db", "migrate"]);
    if (migrated.code !== 0) throw new Error(migrated.stderr);
    return dir;
  })();
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  cpSync(await template, dir, { recursive: true });
  return dir;
}

test("first admin via the CLI, then audit verify passes; tampering makes it fail naming the entry", async () => {
  const dir = await migratedDataDir("leash-cli-");
  const created = await leash(dir, ["user", "create", "--email", "First.Admin@Example.test", "--role", "admin", "--json"]);
  expect(created.code).toBe(0);
  expect(JSON.parse(created.stdout)).toMatchObject({ email: "first.admin@example.test", role: "admin", hasPassword: true });
  expect(created.stderr).toMatch(/Initial password: \S{20,}/);

  const piped = await leash(dir, ["user", "create", "--email", "eng@example.test", "--role", "engineer", "--password-stdin"], "a password from stdin\n");
  expect(piped.code).toBe(0);
  expect(piped.stderr).not.toMatch(/Initial password/);

  const duplicate = await leash(dir, ["user", "create", "--email", "eng@example.test", "--role", "engineer"]);
  expect(duplicate.code).toBe(2);
  expect(duplicate.stderr).toMatch(/already exists/);
  expect((await leash(dir, ["user", "create", "--email", "x@example.test", "--role", "root"])).stderr).toMatch(/--role must be one of/);
  // An auditor limited to one framework and audit window; the scope is for auditors, and its three options go together.
  const window = ["--framework", "pci", "--from", "2026-10-01", "--to", "2026-10-31"];
  const scoped = await leash(dir, ["user", "create", "--email", "audit@example.test", "--role", "auditor", ...window, "--json"]);
  expect(scoped.code).toBe(0);
  expect(JSON.parse(scoped.stdout).auditScope).toEqual({ framework: "pci-dss-4.0.1", from: "2026-10-01", to: "2026-10-31" });
  expect((await leash(dir, ["user", "create", "--email", "e2@example.test", "--role", "engineer", ...window])).stderr).toMatch(/only for the auditor role/);
  expect((await leash(dir, ["user", "create", "--email", "a2@example.test", "--role", "auditor", "--framework", "soc2"])).stderr).toMatch(/go together/);

  const ok = await leash(dir, ["audit", "verify", "--json"]);
  expect(ok.code).toBe(0);
  expect(JSON.parse(ok.stdout)).toEqual({ ok: true, entries: 3, lastHash: expect.stringMatching(/^[0-9a-f]{64}$/) });

  const opened = await openDatabase({ engine: "pglite", dataDir: dir, holder: "test" });
  await opened.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
  await opened.db.execute(sql`update audit_log set details = '{"email":"forged"}' where seq = 2`);
  await opened.close();
  const broken = await leash(dir, ["audit", "verify"]);
  expect(broken.code).toBe(1);
  expect(broken.stdout).toMatch(/BROKEN at entry 2/);
});

test("the CLI refuses to open an embedded database a server holds, and says what to do", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "leash-cli-lock-"));
  const server = await openDatabase({ engine: "pglite", dataDir: dir, holder: "leash server" });
  try {
    const refused = await leash(dir, ["db", "migrate"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(new RegExp(`in use by leash server \\(pid ${process.pid}`));
    expect(refused.stderr).toMatch(/stop that process first/);
  } finally {
    await server.close();
  }
  expect((await leash(dir, ["db", "migrate"])).code).toBe(0);
});

test("leash import reports rows, rejects a bad file whole, applies valid rows on request; credentials list prints JSON", async () => {
  const dir = await migratedDataDir("leash-cli-import-");
  const file = path.join(dir, "inventory.csv");
  writeFileSync(file, "external_id,provider,kind,team,environments\nk-1,aws,access_key,,production\nk-2,aws,nonsense,,staging\n");
  const rejected = await leash(dir, ["import", "leash-csv", file, "--json"]);
  expect(rejected.code).toBe(1);
  expect(JSON.parse(rejected.stdout)).toMatchObject({ status: "rejected", created: 0, rejected: 1, errors: [{ line: 3, field: "kind" }] });
  const applied = await leash(dir, ["import", "leash-csv", file, "--apply-valid", "--source", "aws-inventory", "--json"]);
  expect(applied.code).toBe(0);
  expect(JSON.parse(applied.stdout)).toMatchObject({ status: "applied", created: 1, rejected: 1 });
  const listed = await leash(dir, ["credentials", "list", "--provider", "aws", "--json"]);
  expect(JSON.parse(listed.stdout)).toMatchObject({ total: 1, items: [{ provider: "aws", kind: "access_key", environments: ["production"] }] });
  const unknown = await leash(dir, ["import", "excel", file]);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toMatch(/unknown format "excel"/);
});

test("read commands on a data folder no command has used yet create the schema and answer, not fail on a missing table", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "leash-cli-fresh-"));
  const listed = await leash(dir, ["credentials", "list", "--json"]);
  expect(listed.stderr).toBe("");
  expect(JSON.parse(listed.stdout)).toEqual({ items: [], total: 0 });
  const events = await leash(dir, ["events", "list", "--json"]);
  expect(JSON.parse(events.stdout)).toMatchObject({ items: [] });
  const posture = await leash(dir, ["posture", "--framework", "soc2", "--format", "json"]);
  expect(posture.code).toBe(0);
  expect(JSON.parse(posture.stdout)).toMatchObject({ framework: "soc2" });
});

test("leash ingest stores each event once across re-sends and reports bad lines; events list prints them", async () => {
  const dir = await migratedDataDir("leash-cli-ingest-");
  const file = path.join(dir, "events.ndjson");
  const line = (id: string, extra = "") => `{"event_id":"${id}","occurred_at":"2026-11-20T10:00:00Z","operation":"DROP TABLE orders","statement":"DROP TABLE orders","actor_type":"agent","agent_name":"Claude Code","environment":"production","outcome":"success"${extra}}`;
  writeFileSync(file, [line("a"), line("b"), '{"occurred_at":"2026-11-20T10:00:00","operation":"x","outcome":"success"}'].join("\n"));
  const first = await leash(dir, ["ingest", "leash-ndjson", file, "--json"]);
  expect(first.code).toBe(0);
  expect(JSON.parse(first.stdout)).toMatchObject({ accepted: 2, duplicate: 0, rejected: 1, errors: [{ line: 3 }] });
  const second = await leash(dir, ["ingest", "leash-ndjson", file, "--json"]);
  expect(JSON.parse(second.stdout)).toMatchObject({ accepted: 0, duplicate: 2 });
  const listed = JSON.parse((await leash(dir, ["events", "list", "--destructive", "true", "--json"])).stdout);
  expect(listed.items).toHaveLength(2);
  expect(listed.items[0]).toMatchObject({ actorType: "agent", agentName: "Claude Code", destructive: true, operation: "drop", unapprovedDestructive: true });
  const unapproved = async (value: string) => JSON.parse((await leash(dir, ["events", "list", "--unapproved", value, "--json"])).stdout).items.length;
  expect([await unapproved("true"), await unapproved("false")]).toEqual([2, 0]);
});

test("leash evidence rotate-key retires the signing key; both keys stay published, the new one is current", async () => {
  const dir = await migratedDataDir("leash-cli-keys-");
  const before = await leash(dir, ["evidence", "public-key"]);
  expect(before.code).toBe(0);
  const rotated = await leash(dir, ["evidence", "rotate-key"]);
  expect(rotated.code).toBe(0);
  expect(rotated.stdout).toMatch(/^New signing key \S+; the previous key is retired/);
  const current = await leash(dir, ["evidence", "public-key"]);
  const all = await leash(dir, ["evidence", "public-key", "--all"]);
  expect(current.stdout).not.toBe(before.stdout);
  expect(rotated.stdout).toContain(current.stdout);
  expect(all.stdout).toContain(before.stdout);
  expect(all.stdout).toContain(current.stdout);
});

test("leash evidence export writes the stored package as it streams; leash evidence verify checks it from the file", async () => {
  const dir = await migratedDataDir("leash-cli-evidence-");
  expect((await leash(dir, ["seed", "demo"])).code).toBe(0);
  const zip = path.join(dir, "package.zip");
  const exported = await leash(dir, ["evidence", "export", "--framework", "soc2", "--out", zip]);
  expect(exported.code, exported.stderr).toBe(0);
  const [, bytes, sha256] = /, (\d+) bytes, sha256 ([0-9a-f]{64}),/.exec(exported.stdout)!;
  const written = readFileSync(zip);
  expect(written.length).toBe(Number(bytes));
  expect(createHash("sha256").update(written).digest("hex")).toBe(sha256);
  writeFileSync(path.join(dir, "key.pem"), (await leash(dir, ["evidence", "public-key"])).stdout);
  const verified = await leash(dir, ["evidence", "verify", zip, "--public-key", path.join(dir, "key.pem")]);
  expect(verified.code, verified.stdout).toBe(0);
  expect(verified.stdout).toMatch(/: OK — signed by key \S+, \d+ files match the manifest/);
  // A wrong key file or a missing package is an error of the check (exit 2), never a "signature does not verify" (exit 1).
  writeFileSync(path.join(dir, "notes.txt"), "not a key\n");
  const wrongFile = await leash(dir, ["evidence", "verify", zip, "--public-key", path.join(dir, "notes.txt")]);
  expect(wrongFile).toMatchObject({ code: 2, stdout: "" });
  expect(wrongFile.stderr).toMatch(/--public-key \S+notes\.txt: not a PEM public key/);
  const missing = await leash(dir, ["evidence", "verify", path.join(dir, "nowhere.zip"), "--public-key", path.join(dir, "key.pem")]);
  expect(missing).toMatchObject({ code: 2, stderr: expect.stringMatching(/no such file: \S+nowhere\.zip/) });
});

test("leash db backup and restore carry the database and its instance secrets; a damaged or misplaced restore is refused", async () => {
  const source = await migratedDataDir("leash-cli-backup-");
  const file = path.join(source, "inventory.csv");
  writeFileSync(file, "external_id,provider,kind,team,environments\nb-1,aws,access_key,,production\nb-2,github,pat,,staging\n");
  expect((await leash(source, ["import", "leash-csv", file, "--json"])).code).toBe(0);
  const backupFile = path.join(tmpdir(), `leash-backup-${path.basename(source)}.zip`);
  const backup = await leash(source, ["db", "backup", backupFile]);
  expect(backup.code, backup.stderr).toBe(0);

  const target = path.join(mkdtempSync(path.join(tmpdir(), "leash-cli-restore-")), "data");
  const restored = await leash(target, ["db", "restore", backupFile]);
  expect(restored.code, restored.stderr).toBe(0);
  const list = (dir: string) => leash(dir, ["credentials", "list", "--json"]).then((r): string[] => JSON.parse(r.stdout).items.map((c: { id: string; provider: string }) => `${c.provider} ${c.id}`).sort());
  const restoredRows = await list(target);
  expect(restoredRows).toEqual(await list(source));
  expect(restoredRows.map((row) => row.split(" ")[0])).toEqual(["aws", "github"]);
  expect(readFileSync(path.join(target, "secrets", "fingerprint-key"), "utf8")).toBe(readFileSync(path.join(source, "secrets", "fingerprint-key"), "utf8"));

  const again = await leash(target, ["db", "restore", backupFile]);
  expect(again.code).toBe(2);
  expect(again.stderr).toMatch(/already holds a database/);
  const damaged = path.join(tmpdir(), `leash-damaged-${path.basename(source)}.zip`);
  writeFileSync(damaged, Buffer.from("PK\u0003\u0004 not really a zip"));
  const refused = await leash(path.join(target, "elsewhere"), ["db", "restore", damaged]);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toMatch(/is not a Leash backup/);
});

test("usage errors exit 2, never 1 (what `leash scan` answers when it finds secrets); help exits 0", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "leash-cli-"));
  for (const args of [["scan", "--formt", "json", "."], ["scan"], ["nosuchcommand"], ["events", "list", "--bogus"]]) {
    const { code, stderr } = await leash(dir, args);
    expect({ args, code }).toEqual({ args, code: 2 });
    expect(stderr).toMatch(/error: (unknown option|missing required argument|unknown command)/);
  }
  expect((await leash(dir, ["scan", "--help"])).code).toBe(0);
});
