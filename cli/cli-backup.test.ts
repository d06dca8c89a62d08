import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { cliTest, leash, migratedDataDir } from "./testing/leash-process";

// Backup and restore of the embedded database, through the CLI as a user runs it.

cliTest("leash db backup and restore carry the database and its instance secrets; a damaged or misplaced restore is refused", async () => {
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
