import { describe, expect, it } from "vitest";
import { compileLogLinePrefix, matchPrefix } from "./log-line-prefix";
import { parseEvents } from "./parse-events";
import { pgTimestampToIso, defaultTimeZoneAbbreviations, redactSqlSecrets } from "./pgaudit-message";
import type { ParseOptions } from "./types";
import { NOW, bytesOf, collect, fixture } from "./test-helpers";

async function parse(text: string, extra: ParseOptions = {}, chunkSize = 1 << 16) {
  return collect(parseEvents("pgaudit", bytesOf(text, chunkSize), { now: NOW, ...extra }));
}

describe("pgaudit parser (default log_line_prefix '%m [%p] ')", () => {
  it("parses the fixture into events and named row errors", async () => {
    const out = await parse(fixture("pgaudit.log"), { scope: { host: "db1.prod.example.com" } });
    const summary = out.map((r) =>
      "event" in r ? { line: r.line, at: r.event.occurredAt, op: r.event.operation, destructive: r.event.destructive } : { line: r.line, error: r.error },
    );
    expect(summary).toEqual([
      { line: 1, at: "2026-11-20T10:00:00.123Z", op: "read", destructive: false },
      { line: 3, at: "2026-11-20T10:05:00.000Z", op: "drop", destructive: true },
      { line: 8, at: "2026-11-20T10:07:00.500Z", op: "delete", destructive: true },
      { line: 9, error: { line: 9, field: "timestamp (%m)", reason: "timestamp has no time zone (log_line_prefix timestamps need log_timezone shown)" } },
      { line: 10, error: { line: 10, field: "timestamp (%m)", reason: 'time zone "IST" is ambiguous or unknown; configure its offset' } },
      { line: 11, error: { line: 11, field: "statement_id", reason: "must be a whole number" } },
      { line: 12, error: { line: 12, reason: "line does not start with the configured log_line_prefix" } },
      { line: 13, at: "2026-11-20T10:11:00.000Z", op: "admin", destructive: false },
      { line: 14, error: { line: 14, field: "statement", reason: "quoted field is not closed (truncated entry?)" } },
    ]);
  });

  it("joins a quoted multi-line statement, even over a line that looks like a new entry", async () => {
    const out = await parse(fixture("pgaudit.log"));
    const drop = out.find((r) => r.line === 3);
    expect(drop && "event" in drop ? drop.event.statement : null).toBe(
      'DROP TABLE\npublic.orders -- "cleanup" at\n2026-11-20 10:05:00.000 UTC [9] LOG:  this line is inside the quoted statement',
    );
    expect(drop && "event" in drop ? drop.event.resource : null).toBe("public.orders");
  });

  it("never keeps a password literal", async () => {
    const out = await parse(fixture("pgaudit.log"));
    expect(JSON.stringify(out)).not.toContain("not-a-real-password");
    const role = out.find((r) => r.line === 13);
    expect(role && "event" in role ? role.event.statement : null).toBe("ALTER ROLE app PASSWORD '[redacted]'");
  });

  it("hashes canonical fields into a stable ingest key", async () => {
    const a = await parse(fixture("pgaudit.log"));
    const b = await parse(fixture("pgaudit.log"), {}, 5);
    const keys = (rs: typeof a) => rs.flatMap((r) => ("event" in r ? [r.event.ingestKey] : []));
    expect(keys(a)).toEqual(keys(b));
    expect(keys(a)[0]).toMatch(/^pgaudit:[0-9a-f]{64}$/);
    expect(new Set(keys(a)).size).toBe(4);
  });

  it("reads user, database, client and application from a richer prefix", async () => {
    const prefix = "%t [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h ";
    const line =
      "2026-11-20 10:00:00 +01:00 [77]: [3-1] user=agent_rw,db=orders,app=claude-code,client=10.0.0.5 LOG:  AUDIT: SESSION,1,1,WRITE,TRUNCATE TABLE,TABLE,public.carts,TRUNCATE public.carts,<not logged>";
    const [result] = await parse(`${line}\n`, { logLinePrefix: prefix, environmentRules: [{ match: "database", pattern: "orders", environment: "production" }] });
    expect(result && "event" in result ? result.event : result).toMatchObject({
      occurredAt: "2026-11-20T09:00:00.000Z",
      actor: "agent_rw",
      scope: { database: "orders" },
      origin: { ip: "10.0.0.5", application: "claude-code" },
      actorType: "agent",
      agentName: "Claude Code",
      operation: "truncate",
      destructive: true,
      resourceEnvironment: "production",
    });
  });

  it("rejects an entry whose continuation lines outgrow the limit, and reads on", async () => {
    const head = '2026-11-20 10:00:00.000 UTC [1] LOG:  AUDIT: SESSION,1,1,WRITE,INSERT,,,"INSERT INTO t VALUES';
    const body = Array.from({ length: 20 }, () => `\t(${"1".repeat(40)}),`).join("\n");
    const next = "2026-11-20 10:01:00.000 UTC [1] LOG:  AUDIT: SESSION,2,1,READ,SELECT,,,SELECT 1,<not logged>";
    const out = await parse(`${head}\n${body}\n\t(2)",<not logged>\n${next}\n`, { maxLineBytes: 500 });
    expect(out.map((r) => ("event" in r ? `event@${r.line}` : r.error))).toEqual([
      { line: 1, reason: "log entry is longer than the 500-byte limit" },
      "event@23",
    ]);
  });

  it("rejects an entry cut off inside its quoted statement without swallowing the audit entries after it", async () => {
    const entry = (n: number, statement: string) => `2026-11-20 10:00:0${n}.000 UTC [4${n}] LOG:  AUDIT: SESSION,${n},1,DDL,DROP TABLE,TABLE,public.t${n},${statement},<not logged>`;
    const cut = '2026-11-20 10:00:02.000 UTC [42] LOG:  AUDIT: SESSION,2,1,WRITE,DELETE,TABLE,public.t2,"DELETE FROM t2 WHERE note = \'a, b';
    const out = await parse([entry(1, "DROP TABLE t1"), cut, entry(3, "DROP TABLE t3"), entry(4, '"DROP TABLE ""t,4"""')].join("\n"));
    expect(out.map((r) => ("event" in r ? `${r.line}: ${r.event.statement}` : r.error))).toEqual([
      "1: DROP TABLE t1",
      { line: 2, field: "statement", reason: "quoted field is not closed (truncated entry?)" },
      "3: DROP TABLE t3",
      '4: DROP TABLE "t,4"',
    ]);
  });

  it("rejects a timestamp that has the shape but is no instant, and reads on", async () => {
    const entry = (ts: string) => `${ts} [7] LOG:  AUDIT: SESSION,1,1,DDL,DROP TABLE,,,DROP TABLE t;,<not logged>`;
    const out = await parse([entry("2026-11-20 10:00:60.000 UTC"), entry("2026-13-01 10:00:00.000 UTC"), entry("2026-11-20 10:00:01.000 UTC")].join("\n"));
    expect(out.map((r) => ("event" in r ? r.event.occurredAt : r.error.reason))).toEqual([
      "not a valid date and time",
      "not a valid date and time",
      "2026-11-20T10:00:01.000Z",
    ]);
  });

  it("refuses a prefix without a timestamp", async () => {
    expect(await parse("x\n", { logLinePrefix: "[%p] " })).toEqual([
      { line: 1, error: { line: 1, field: "log_line_prefix", reason: "has no %m, %t or %n, so events would have no time" }, fatal: true },
    ]);
  });
});

describe("pgaudit parser: PostgreSQL's csvlog and jsonlog destinations", () => {
  const summary = (out: Awaited<ReturnType<typeof parse>>) =>
    out.map((r) =>
      "event" in r
        ? { line: r.line, at: r.event.occurredAt, actor: r.event.actor, type: r.event.actorType, app: r.event.origin.application, ip: r.event.origin.ip, op: r.event.operation, destructive: r.event.destructive, resource: r.event.resource }
        : { line: r.line, error: r.error },
    );

  it("reads csvlog rows, whatever log_line_prefix says, including a quoted statement spanning lines", async () => {
    const out = await parse(fixture("postgresql.csv"), { logLinePrefix: "%m [%p] " }, 13);
    expect(summary(out)).toEqual([
      { line: 2, at: "2026-11-20T10:00:01.000Z", actor: "alice", type: "unknown", app: "psql", ip: "10.0.1.5", op: "drop", destructive: true, resource: "public.orders" },
      { line: 3, at: "2026-11-20T10:00:02.500Z", actor: "agent_rw", type: "agent", app: "claude-code", ip: "10.0.1.6", op: "delete", destructive: true, resource: "public.carts" },
      { line: 7, at: "2026-11-20T10:00:04.000Z", actor: "alice", type: "unknown", app: "psql", ip: "[local]", op: "drop", destructive: true, resource: "staging_copy" },
      { line: 8, error: { line: 8, field: "statement_id", reason: "must be a whole number" } },
    ]);
    const carts = out.find((r) => r.line === 3);
    expect(carts && "event" in carts ? carts.event.statement : null).toBe("DELETE\nFROM carts\nWHERE note = 'a, \"b\"'");
  });

  it("reads jsonlog lines (PostgreSQL 15+)", async () => {
    const out = await parse(fixture("postgresql.json"), {}, 17);
    expect(summary(out)).toEqual([
      { line: 2, at: "2026-11-20T10:00:01.000Z", actor: "alice", type: "unknown", app: "psql", ip: "10.0.1.5", op: "truncate", destructive: true, resource: "public.events" },
      // pgaudit.log_statement_once: later entries of a statement say <previously logged>; the command classifies them.
      { line: 3, at: "2026-11-20T10:00:02.000Z", actor: "carol", type: "agent", app: "langchain", ip: "10.0.1.7", op: "write", destructive: false, resource: "public.orders_archive" },
    ]);
  });

  it("rejects a csvlog row cut off inside its quoted message without swallowing the rows after it", async () => {
    const row = (n: number, message: string) =>
      `2026-11-20 10:00:0${n}.000 UTC,"alice","orders",424${n},"10.0.1.5:51234",6740a1b2.109${n},1,"DROP TABLE",2026-11-20 09:59:59 UTC,3/1${n},0,LOG,00000,"${message}",,,,,,,,,"psql","client backend",,0`;
    const audit = (n: number, statement: string) => `AUDIT: SESSION,1,1,DDL,DROP TABLE,TABLE,public.t${n},${statement},<not logged>`;
    const cut = row(2, audit(2, '""DROP TABLE t2 -- a, b')).slice(0, -40);
    const out = await parse([row(1, audit(1, "DROP TABLE t1")), cut, row(3, audit(3, "DROP TABLE t3")), row(4, audit(4, '""DROP TABLE """"t,4""""""'))].join("\n"));
    expect(out.map((r) => ("event" in r ? `${r.line}: ${r.event.statement}` : r.error))).toEqual([
      "1: DROP TABLE t1",
      { line: 2, reason: "csvlog row ends inside a quoted field (cut short?)" },
      "3: DROP TABLE t3",
      '4: DROP TABLE "t,4"',
    ]);
  });

  const rows: { name: string; text: string; expected: unknown }[] = [
    {
      name: "csvlog row cut short",
      text: '2026-11-20 10:00:00.000 UTC,"a","db",1,"h:1",1.1,1,"",2026-11-20 10:00:00 UTC,,0,LOG,00000,"AUDIT: SESSION,1,1,READ,SELECT,,,SELECT 1,<not logged>"\n',
      expected: { line: 1, error: { line: 1, reason: "csvlog row has 14 columns; PostgreSQL writes at least 23" } },
    },
    {
      name: "csvlog row whose quote never closes",
      text: '2026-11-20 10:00:00.000 UTC,"a","db",1,"h:1",1.1,1,"",2026-11-20 10:00:00 UTC,,0,LOG,00000,"AUDIT: SESSION,1,1,READ,SELECT,,,SELECT 1\n',
      expected: { line: 1, error: { line: 1, reason: "csvlog row ends inside a quoted field (truncated file?)" } },
    },
    {
      name: "jsonlog line cut short",
      text: '{"timestamp":"2026-11-20 10:00:00.000 UTC","message":"AUDIT: SESSION,1,1,READ,SELE\n',
      expected: { line: 1, error: { line: 1, reason: "jsonlog line is not valid JSON (truncated line?)" } },
    },
  ];
  for (const r of rows) {
    it(r.name, async () => expect(await parse(r.text)).toEqual([r.expected]));
  }
});

describe("redactSqlSecrets", () => {
  // pgaudit's DDL class logs CREATE/ALTER SUBSCRIPTION with its connection string; dblink takes one as an argument.
  const cases: [string, string][] = [
    ["CREATE ROLE app LOGIN ENCRYPTED PASSWORD 'not-a-real-password' VALID UNTIL 'infinity'", "CREATE ROLE app LOGIN ENCRYPTED PASSWORD '[redacted]' VALID UNTIL 'infinity'"],
    ["CREATE USER MAPPING FOR bob SERVER s OPTIONS (user 'bob', password 'not-a-real-password')", "CREATE USER MAPPING FOR bob SERVER s OPTIONS (user 'bob', password '[redacted]')"],
    [
      "CREATE SUBSCRIPTION sub CONNECTION 'host=db1 user=rep password=not-a-real-password dbname=orders' PUBLICATION pub",
      "CREATE SUBSCRIPTION sub CONNECTION 'host=db1 user=rep password=[redacted] dbname=orders' PUBLICATION pub",
    ],
    ["ALTER SUBSCRIPTION sub CONNECTION 'host=db1 password = ''not a real\\'' password'' port=5432'", "ALTER SUBSCRIPTION sub CONNECTION 'host=db1 password = [redacted] port=5432'"],
    ["SELECT dblink_connect('c', 'hostaddr=10.0.0.5 password=not-a-real-password')", "SELECT dblink_connect('c', 'hostaddr=10.0.0.5 password=[redacted]')"],
    ["CREATE SUBSCRIPTION sub CONNECTION 'postgresql://rep:not-a-real-password@db1:5432/orders' PUBLICATION pub", "CREATE SUBSCRIPTION sub CONNECTION 'postgresql://rep:[redacted]@db1:5432/orders' PUBLICATION pub"],
    ["UPDATE users SET password = 'not-a-real-password' WHERE id = 1", "UPDATE users SET password = '[redacted]' WHERE id = 1"],
    ["CREATE SUBSCRIPTION sub CONNECTION $$host=db1 password=not-a-real-password$$ PUBLICATION pub", "CREATE SUBSCRIPTION sub CONNECTION $$host=db1 password=[redacted]$$ PUBLICATION pub"],
    ["DO $body$ BEGIN PERFORM dblink_connect('c', 'password=not-a-real-password'); END $body$", "DO $body$ BEGIN PERFORM dblink_connect('c', 'password=[redacted]'); END $body$"],
    // A quote inside an identifier or a comment does not hide the literal after it.
    ["SELECT \"it's\" FROM t; -- don't\nALTER ROLE app PASSWORD 'not-a-real-password'", "SELECT \"it's\" FROM t; -- don't\nALTER ROLE app PASSWORD '[redacted]'"],
    ["SELECT dblink_connect('c', E'host=db1 password=not\\'a-real-password port=5432')", "SELECT dblink_connect('c', E'host=db1 password=[redacted] port=5432')"],
    ["SELECT E'no connection string, it''s \\'quoted\\'' AS note, E'x'", "SELECT E'no connection string, it''s \\'quoted\\'' AS note, E'x'"],
    ["ALTER ROLE app PASSWORD NULL", "ALTER ROLE app PASSWORD NULL"],
    ["SELECT password_hash, password FROM users", "SELECT password_hash, password FROM users"],
  ];
  for (const [statement, expected] of cases) it(statement, () => expect(redactSqlSecrets(statement)).toBe(expected));

  it("keeps a subscription's connection password out of everything an ingest returns", async () => {
    const line =
      '2026-11-20 10:00:00.000 UTC [7] LOG:  AUDIT: SESSION,1,1,DDL,CREATE SUBSCRIPTION,,,"CREATE SUBSCRIPTION sub CONNECTION \'host=db1 password=not-a-real-password\' PUBLICATION pub",<not logged>\n';
    const out = await parse(line);
    expect(out.map((r) => ("event" in r ? r.event.statement : r.error))).toEqual(["CREATE SUBSCRIPTION sub CONNECTION 'host=db1 password=[redacted]' PUBLICATION pub"]);
    expect(JSON.stringify(out)).not.toContain("not-a-real-password");
  });
});

describe("pgaudit parser: fields pgaudit leaves out", () => {
  const entry = (audit: string, prefix = "2026-11-20 10:00:00.000 UTC [7] alice@orders ") => `${prefix}LOG:  AUDIT: ${audit}\n`;
  const cases: { name: string; audit: string; expected: Record<string, unknown> }[] = [
    {
      name: "<previously logged> (log_statement_once) is classified by its command",
      audit: "SESSION,3,2,WRITE,DELETE,TABLE,public.carts,<previously logged>,<previously logged>",
      expected: { rawOperation: "DELETE", operation: "delete", destructive: true, resource: "public.carts" },
    },
    {
      name: "DROP DATABASE has no object name: the database is read from the statement",
      audit: 'SESSION,1,1,DDL,DROP DATABASE,,,DROP DATABASE IF EXISTS "Staging ""Copy""";,<not logged>',
      expected: { operation: "drop", destructive: true, resource: 'Staging "Copy"', scope: { database: "orders" } },
    },
    {
      name: "other commands without an object fall back to the session's database",
      audit: "SESSION,1,1,MISC,VACUUM,,,VACUUM FULL;,<not logged>",
      expected: { resource: "orders" },
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const [result] = await parse(entry(c.audit), { logLinePrefix: "%m [%p] %q%u@%d " });
      expect(result && "event" in result ? result.event : result).toMatchObject(c.expected);
    });
  }
});

describe("log_line_prefix", () => {
  const cases: { prefix: string; line: string; fields: Record<string, string> }[] = [
    { prefix: "%m [%p] ", line: "2026-11-20 10:00:00.123 UTC [42] LOG:  x", fields: { m: "2026-11-20 10:00:00.123 UTC", p: "42" } },
    { prefix: "%m [%p] %q%u@%d ", line: "2026-11-20 10:00:00.123 UTC [42] LOG:  bg", fields: { m: "2026-11-20 10:00:00.123 UTC", p: "42" } },
    { prefix: "%m [%p] %q%u@%d ", line: "2026-11-20 10:00:00.123 UTC [42] bob@shop LOG:  x", fields: { m: "2026-11-20 10:00:00.123 UTC", p: "42", u: "bob", d: "shop" } },
    { prefix: "%t:%r:%u@%d:[%p]:", line: "2026-11-20 10:00:00 -05:00:10.1.2.3(5432):bob@db:[7]:LOG:  x", fields: { t: "2026-11-20 10:00:00 -05:00", r: "10.1.2.3(5432)", u: "bob", d: "db", p: "7" } },
    { prefix: "%n %c %l %v %x %e %% ", line: "1763632800.250 6740a1b2.1f40 12 3/45 0 00000 % LOG:  x", fields: { n: "1763632800.250", c: "6740a1b2.1f40", l: "12", v: "3/45", x: "0", e: "00000" } },
    { prefix: "%m %-10u|", line: "2026-11-20 10:00:00.000 UTC bob       |LOG:  x", fields: { m: "2026-11-20 10:00:00.000 UTC", u: "bob" } },
    // %L (PostgreSQL 18): the server address the client connected to; [local] over a Unix socket.
    { prefix: "%m [%p] %L %h ", line: "2026-11-20 10:00:00.000 UTC [42] 10.0.0.2 10.0.1.5 LOG:  x", fields: { m: "2026-11-20 10:00:00.000 UTC", p: "42", L: "10.0.0.2", h: "10.0.1.5" } },
  ];
  for (const c of cases) {
    it(`${c.prefix} matches ${c.line.slice(0, 40)}…`, () => {
      const match = matchPrefix(compileLogLinePrefix(c.prefix), c.line);
      expect(match).toEqual({ fields: c.fields, severity: "LOG", message: c.line.slice(c.line.indexOf("LOG:  ") + 6) });
    });
  }
  it("rejects an unsupported escape", () => {
    expect(() => compileLogLinePrefix("%Z ")).toThrow("log_line_prefix escape %Z is not supported");
  });
});

describe("pgTimestampToIso", () => {
  const cases: [string, ReturnType<typeof pgTimestampToIso>][] = [
    ["2026-11-20 10:00:00.123 UTC", { iso: "2026-11-20T10:00:00.123+00:00" }],
    ["2026-11-20 10:00:00 +0530", { iso: "2026-11-20T10:00:00+05:30" }],
    ["2026-11-20 10:00:00 PDT", { iso: "2026-11-20T10:00:00-07:00" }],
    ["1763632800.25", { iso: "2025-11-20T10:00:00.250Z" }],
    ["2026-11-20 10:00:00", { reason: "timestamp has no time zone (log_line_prefix timestamps need log_timezone shown)" }],
  ];
  for (const [input, expected] of cases) it(input, () => expect(pgTimestampToIso(input, defaultTimeZoneAbbreviations)).toEqual(expected));
});
