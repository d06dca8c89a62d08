import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { expect } from "vitest";
import { openDatabase } from "@/db/client";
import { cliTest, leash, migratedDataDir } from "./testing/leash-process";

// Accounts, the audit log, the data folder's lock and usage errors, through the CLI as a user runs it.

cliTest("first admin via the CLI, then audit verify passes; tampering makes it fail naming the entry", async () => {
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

cliTest("the CLI refuses to open an embedded database a server holds, and says what to do", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "leash-cli-lock-"));
  const server = await openDatabase({ engine: "pglite", dataDir: dir, holder: "leash server" });
  try {
    const refused = await leash(dir, ["db", "migrate"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(new RegExp(`in use by leash server \\(pid ${process.pid}`));
    expect(refused.stderr).toMatch(/stop that process first/);
    // Only a command that takes --server is pointed at it; the others are told where else to do it.
    expect(refused.stderr).not.toMatch(/--server/);
    expect(refused.stderr).toMatch(/leash db migrate cannot be sent to a server: while the server runs, use its web UI or API/);
    const remote = await leash(dir, ["credentials", "list"]);
    expect(remote.code).toBe(2);
    expect(remote.stderr).toMatch(/send the command to that server: leash credentials list … --server URL --token T/);
  } finally {
    await server.close();
  }
  expect((await leash(dir, ["db", "migrate"])).code).toBe(0);
});

cliTest("usage errors exit 2, never 1 (what `leash scan` answers when it finds secrets); help exits 0", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "leash-cli-"));
  for (const args of [["scan", "--formt", "json", "."], ["scan"], ["nosuchcommand"], ["events", "list", "--bogus"]]) {
    const { code, stderr } = await leash(dir, args);
    expect({ args, code }).toEqual({ args, code: 2 });
    expect(stderr).toMatch(/error: (unknown option|missing required argument|unknown command)/);
  }
  expect((await leash(dir, ["scan", "--help"])).code).toBe(0);
});
