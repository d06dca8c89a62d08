import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { cliTest, leash, migratedDataDir } from "./testing/leash-process";

// Inventory imports, activity ingest and read commands, through the CLI as a user runs it.

cliTest("leash import reports rows, rejects a bad file whole, applies valid rows on request; credentials list, evaluate and a past posture print JSON", async () => {
  const dir = await migratedDataDir("leash-cli-import-");
  const file = path.join(dir, "inventory.csv");
  writeFileSync(file, "external_id,provider,kind,team,environments\nk-1,aws,access_key,,production\nk-2,aws,nonsense,,staging\n");
  const rejected = await leash(dir, ["import", "leash-csv", file, "--json"]);
  expect(rejected.code).toBe(1);
  expect(JSON.parse(rejected.stdout)).toMatchObject({ status: "rejected", created: 0, rejected: 1, errors: [{ line: 3, field: "kind" }] });
  const applied = await leash(dir, ["import", "leash-csv", file, "--apply-valid", "--source", "aws-inventory", "--json"]);
  expect(applied.code).toBe(0);
  expect(JSON.parse(applied.stdout)).toMatchObject({ status: "applied", created: 1, rejected: 1 });
  const afterImport = new Date().toISOString();
  const listed = await leash(dir, ["credentials", "list", "--provider", "aws", "--json"]);
  expect(JSON.parse(listed.stdout)).toMatchObject({ total: 1, items: [{ provider: "aws", kind: "access_key", environments: ["production"] }] });

  // A full evaluation prints its run: the key with no team and the audit log are its two subjects.
  const evaluated = await leash(dir, ["evaluate", "--format", "json"]);
  expect(evaluated.code).toBe(0);
  const run = JSON.parse(evaluated.stdout);
  expect(run).toMatchObject({ scope: "full", trigger: "cli", status: "completed", rulesVersion: expect.any(String), parametersVersion: 0, parametersHash: expect.any(String), subjects: 2, durationMs: expect.any(Number) });
  expect(run.failed).toBeGreaterThan(0);
  // The PCI posture at an instant before it ran, rebuilt from what was known then: the key, already failing.
  const past = await leash(dir, ["posture", "--framework", "pci", "--as-of", afterImport, "--format", "json"]);
  expect(past.code).toBe(0);
  const posture = JSON.parse(past.stdout);
  expect(posture).toMatchObject({ framework: "pci-dss-4.0.1", as_of: afterImport, rules_version: run.rulesVersion, parameters_version: 0 });
  expect(posture.controls.some((c: { population: { fail: number } }) => c.population.fail > 0)).toBe(true);
  const badInstant = await leash(dir, ["posture", "--framework", "pci", "--as-of", "last tuesday"]);
  expect(badInstant.code).toBe(2);
  expect(badInstant.stderr).toMatch(/--as-of must be an ISO date or instant, not "last tuesday"/);
  const unknown = await leash(dir, ["import", "excel", file]);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toMatch(/unknown format "excel"/);
});

cliTest("read commands on a data folder no command has used yet create the schema and answer, not fail on a missing table", async () => {
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

cliTest("leash ingest stores each event once across re-sends and reports bad lines; events list prints them", async () => {
  const dir = await migratedDataDir("leash-cli-ingest-");
  const file = path.join(dir, "events.ndjson");
  const line = (id: string, extra = "") => `{"event_id":"${id}","occurred_at":"2026-11-20T10:00:00Z","operation":"DROP TABLE orders","statement":"DROP TABLE orders","actor_type":"agent","agent_name":"Claude Code","environment":"production","outcome":"success"${extra}}`;
  writeFileSync(file, [line("a"), line("b"), '{"occurred_at":"2026-11-20T10:00:00","operation":"x","outcome":"success"}'].join("\n"));
  const first = await leash(dir, ["ingest", "leash-ndjson", file, "--json"]);
  expect(first.code).toBe(0);
  expect(JSON.parse(first.stdout)).toMatchObject({ accepted: 2, duplicate: 0, rejected: 1, errors: [{ line: 3 }] });
  const second = await leash(dir, ["ingest", "leash-ndjson", file, "--json"]);
  expect(JSON.parse(second.stdout)).toMatchObject({ accepted: 0, duplicate: 2 });
  expect(second.code).toBe(0);
  // A file none of whose lines could be stored is a failed ingest to a script, as a rejected import is.
  const bad = path.join(dir, "bad.ndjson");
  writeFileSync(bad, '{"occurred_at":"2026-11-20T10:00:00","operation":"x","outcome":"success"}\nnot json\n');
  const rejected = await leash(dir, ["ingest", "leash-ndjson", bad]);
  expect(rejected.code).toBe(1);
  expect(rejected.stdout).toMatch(/Nothing was stored: every line was rejected/);
  expect((await leash(dir, ["ingest", "leash-ndjson", bad, "--json"])).code).toBe(1);
  const listed = JSON.parse((await leash(dir, ["events", "list", "--destructive", "true", "--json"])).stdout);
  expect(listed.items).toHaveLength(2);
  expect(listed.items[0]).toMatchObject({ actorType: "agent", agentName: "Claude Code", destructive: true, operation: "drop", unapprovedDestructive: true });
  // Each event carries why it is taken for an agent, and the reason of each flag raised (of those alone).
  expect(listed.items[0].attributionReason).toBe("The event's actor_type field says agent.");
  expect(listed.items[0].flagReasons).toEqual({ unapprovedDestructive: expect.stringMatching(/^an agent ran destructive DROP TABLE orders on an unnamed resource in production: no approval/) });
  const unapproved = async (value: string) => JSON.parse((await leash(dir, ["events", "list", "--unapproved", value, "--json"])).stdout).items.length;
  expect([await unapproved("true"), await unapproved("false")]).toEqual([2, 0]);
  // For a person: a heading names the columns, and a last line says how many and whether more match.
  const table = (await leash(dir, ["events", "list", "--limit", "1"])).stdout.trim().split("\n");
  expect(table[0]).toBe("occurred_at\tactor\toperation\tresource\tenvironment\tflags\tattribution\tflag_reasons");
  expect(table[1]).toMatch(/^2026-11-20T10:00:00.000Z\tagent\(Claude Code\)\tDROP TABLE orders\t.*\tUNAPPROVED-DESTRUCTIVE\tThe event's actor_type field says agent.\tUNAPPROVED-DESTRUCTIVE: an agent ran destructive /);
  // The last line names the cursor of the next page; with it the same command lists the other event, and no more.
  const cursor = table.at(-1)!.match(/^1 event, newest first; more match: the next page is --cursor (\S+)$/)?.[1];
  expect(cursor).toBeDefined();
  const next = JSON.parse((await leash(dir, ["events", "list", "--limit", "1", "--cursor", cursor!, "--json"])).stdout);
  expect(next.items).toHaveLength(1);
  expect(next.nextCursor).toBeNull();
  // The cursor is the id of the page's last event: the two pages hold the two events, neither twice.
  const ids = (events: { id: number }[]) => events.map((e) => e.id).sort();
  expect(ids([{ id: Number(cursor) }, ...next.items])).toEqual(ids(listed.items));
});
