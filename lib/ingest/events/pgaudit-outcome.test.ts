import { describe, expect, it } from "vitest";
import { parseEvents } from "./parse-events";
import { NOW, bytesOf, collect } from "./test-helpers";

const at = (s: number) => `2026-11-20 10:${String(Math.floor(s / 60) % 60).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}.000 UTC`;
const audit = (pid: number, id: number, sql: string, sub = 1, cls = "WRITE", cmd = "DELETE") =>
  `${at(id)} [${pid}] LOG:  AUDIT: SESSION,${id},${sub},${cls},${cmd},,,${sql.includes(",") ? `"${sql}"` : sql},<not logged>`;
const msg = (pid: number, severity: string, text: string) => `${at(59)} [${pid}] ${severity}:  ${text}`;

async function outcomes(lines: string[], maxLines?: number) {
  const out = await collect(parseEvents("pgaudit", bytesOf(lines.join("\n") + "\n"), { now: NOW }));
  return out.slice(0, maxLines).map((r) => ("event" in r ? `${r.line}:${r.event.outcome}` : `${r.line}:error`));
}

// An agent's DROP that PostgreSQL refused must not be reported as a successful destructive operation, and a
// DROP that worked must not be hidden by another session's error.
describe("pgaudit statement outcomes", () => {
  const cases: [string, string[], string[]][] = [
    ["ERROR with the audited STATEMENT → failure",
      [audit(1, 1, "DROP TABLE customers;", 1, "DDL", "DROP TABLE"), msg(1, "ERROR", "cannot drop table customers because other objects depend on it"),
        msg(1, "DETAIL", "constraint orders_customer_fk on table orders depends on table customers"), msg(1, "STATEMENT", "DROP TABLE customers;")],
      ["1:failure"]],
    ["permission denied → denied",
      [audit(1, 1, "DELETE FROM payroll;"), msg(1, "ERROR", "permission denied for table payroll"), msg(1, "STATEMENT", "DELETE FROM payroll;")],
      ["1:denied"]],
    ["ERROR without a STATEMENT line (log_min_error_statement above ERROR) → failure",
      [audit(1, 1, "DELETE FROM a;"), msg(1, "ERROR", "canceling statement due to statement timeout"), audit(1, 2, "DELETE FROM b;")],
      ["1:failure", "3:success"]],
    ["ERROR about another statement (a syntax error pgaudit never saw) → the audited one succeeded",
      [audit(1, 1, "DELETE FROM cache;"), msg(1, "ERROR", 'syntax error at or near "DELET"'), msg(1, "STATEMENT", "DELET FROM cache;")],
      ["1:success"]],
    ["another backend's ERROR does not touch it",
      [audit(1, 1, "DROP TABLE a;", 1, "DDL", "DROP TABLE"), audit(2, 1, "SELECT 1/0;", 1, "READ", "SELECT"), msg(2, "ERROR", "division by zero"),
        msg(2, "STATEMENT", "SELECT 1/0;")],
      ["1:success", "2:failure"]],
    ["a finished statement's duration line settles it before a later ERROR",
      [audit(1, 1, "DELETE FROM jobs;"), msg(1, "LOG", "duration: 1.234 ms"), msg(1, "ERROR", "division by zero")],
      ["1:success"]],
    ["a NOTICE while it runs does not settle it",
      [audit(1, 1, "DROP SCHEMA s CASCADE;", 1, "DDL", "DROP SCHEMA"), msg(1, "NOTICE", "drop cascades to 3 other objects"),
        msg(1, "ERROR", "canceling statement due to lock timeout"), msg(1, "STATEMENT", "DROP SCHEMA s CASCADE;")],
      ["1:failure"]],
    ["a failed function fails its substatements too",
      [audit(1, 7, "SELECT purge();", 1, "FUNCTION", "EXECUTE"), audit(1, 7, "DELETE FROM orders", 2), msg(1, "ERROR", "deadlock detected"),
        msg(1, "STATEMENT", "SELECT purge();")],
      ["1:failure", "2:failure"]],
    ["multi-line statements compare without their layout",
      [audit(1, 1, '"DELETE FROM a\n\tWHERE id IN (1, 2);"').replace(/""/g, ""), msg(1, "ERROR", "boom"), msg(1, "STATEMENT", "DELETE FROM a\n\tWHERE id IN (1, 2);")],
      ["1:failure"]],
    ["results stay in input order behind a held statement",
      [audit(1, 1, "DELETE FROM a;"), "not a log line", audit(2, 1, "DELETE FROM b;"), msg(1, "ERROR", "boom"), msg(1, "STATEMENT", "DELETE FROM a;")],
      ["1:failure", "2:error", "3:success"]],
    ["the last statement of the log succeeded when nothing followed",
      [audit(1, 1, "TRUNCATE t;", 1, "WRITE", "TRUNCATE TABLE")],
      ["1:success"]],
  ];
  for (const [name, lines, expected] of cases) {
    it(name, async () => expect(await outcomes(lines)).toEqual(expected));
  }

  it("lets an idle backend hold back at most 4096 results", async () => {
    const busy = Array.from({ length: 5000 }, (_, i) => audit(2, i + 2, "SELECT 1;", 1, "READ", "SELECT"));
    const lines = [audit(1, 1, "DELETE FROM a;"), ...busy, msg(1, "ERROR", "too late"), msg(1, "STATEMENT", "DELETE FROM a;")];
    expect(await outcomes(lines, 2)).toEqual(["1:success", "2:success"]);
  });
});

// csvlog and jsonlog carry an ERROR's statement in the ERROR record itself (the query column, the statement key).
describe("pgaudit statement outcomes in csvlog and jsonlog", () => {
  type Rec = { pid: number; session?: string; severity: string; message: string; statement?: string };
  const audit = (pid: number, id: number | string, sql: string, cmd = "DELETE", cls = "WRITE"): Rec =>
    ({ pid, severity: "LOG", message: `AUDIT: SESSION,${id},1,${cls},${cmd},,,${sql.includes(",") ? `"${sql}"` : sql},<not logged>` });
  const error = (pid: number, message: string, statement?: string): Rec => ({ pid, severity: "ERROR", message, statement });
  const log = (pid: number, severity: string, message: string): Rec => ({ pid, severity, message });
  const sessionOf = (r: Rec) => r.session ?? `6740a1b2.${r.pid.toString(16)}`;
  const time = (i: number) => `2026-11-20 10:00:${String(i).padStart(2, "0")}.000 UTC`;

  const csvText = (s: string | undefined) => (s === undefined ? "" : `"${s.replace(/"/g, '""')}"`);
  const csvRow = (r: Rec, i: number) =>
    [time(i), '"agent_rw"', '"orders"', r.pid, '"10.0.1.6:40000"', sessionOf(r), i + 1, '"DELETE"', "2026-11-20 09:59:00 UTC", "4/2", 0, r.severity,
      r.severity === "LOG" ? "00000" : "42501", csvText(r.message), "", "", "", "", "", csvText(r.statement), "", "", '"claude-code"', '"client backend"', "", 0].join(",");
  // PostgreSQL leaves a key out when it has no value, as it does `statement` when log_min_error_statement hides it.
  const jsonLine = (r: Rec, i: number) =>
    JSON.stringify({ timestamp: time(i), user: "agent_rw", dbname: "orders", pid: r.pid, remote_host: "10.0.1.6", session_id: sessionOf(r), line_num: i + 1,
      error_severity: r.severity, message: r.message, ...(r.statement === undefined ? {} : { statement: r.statement }), application_name: "claude-code" });

  const cases: [string, Rec[], string[]][] = [
    ["ERROR naming the audited statement → failure",
      [audit(1, 1, "DROP TABLE customers;", "DROP TABLE", "DDL"), error(1, "cannot drop table customers because other objects depend on it", "DROP TABLE customers;")],
      ["1:failure"]],
    ["permission denied → denied",
      [audit(1, 1, "DROP TABLE payroll;", "DROP TABLE", "DDL"), error(1, "must be owner of table payroll", "DROP TABLE payroll;"),
        audit(1, 2, "DELETE FROM payroll;"), error(1, "permission denied for table payroll", "DELETE FROM payroll;")],
      ["1:denied", "3:denied"]],
    ["ERROR naming no statement (log_min_error_statement above ERROR) → failure",
      [audit(1, 1, "DELETE FROM a;"), error(1, "canceling statement due to statement timeout"), audit(1, 2, "DELETE FROM b;")],
      ["1:failure", "3:success"]],
    ["ERROR about another statement (a syntax error pgaudit never saw) → the audited one succeeded",
      [audit(1, 1, "DELETE FROM cache;"), error(1, 'syntax error at or near "DELET"', "DELET FROM cache;")],
      ["1:success"]],
    ["another backend's ERROR does not touch it",
      [audit(1, 1, "DROP TABLE a;", "DROP TABLE", "DDL"), audit(2, 1, "SELECT 1/0;", "SELECT", "READ"), error(2, "division by zero", "SELECT 1/0;")],
      ["1:success", "2:failure"]],
    ["the session id, not the pid, names the backend (a pid reused after a restart is another backend)",
      [audit(7, 1, "DROP TABLE a;", "DROP TABLE", "DDL"), { ...error(7, "permission denied for table a", "DROP TABLE a;"), session: "6750c3d4.7" }],
      ["1:success"]],
    ["a finished statement's duration record settles it before a later ERROR",
      [audit(1, 1, "DELETE FROM jobs;"), log(1, "LOG", "duration: 1.234 ms"), error(1, "division by zero", "SELECT 1/0;")],
      ["1:success"]],
    ["a NOTICE while it runs does not settle it",
      [audit(1, 1, "DROP SCHEMA s CASCADE;", "DROP SCHEMA", "DDL"), log(1, "NOTICE", "drop cascades to 3 other objects"),
        error(1, "canceling statement due to lock timeout", "DROP SCHEMA s CASCADE;")],
      ["1:failure"]],
    ["interleaved backends: results stay in input order behind a held statement",
      [audit(1, 1, "DELETE FROM a;"), audit(2, "x", "DELETE FROM b;"), audit(2, 1, "DELETE FROM c;"), audit(3, 1, "DELETE FROM d;"),
        error(3, "permission denied for table d", "DELETE FROM d;"), log(2, "LOG", "duration: 0.5 ms"), error(1, "deadlock detected", "DELETE FROM a;")],
      ["1:failure", "2:error", "3:success", "4:denied"]],
    ["end of log settles what is held: success, unless an ERROR without its statement came",
      [audit(1, 1, "TRUNCATE t;", "TRUNCATE TABLE"), audit(2, 1, "DELETE FROM u;"), error(2, "canceling statement due to user request")],
      ["1:success", "2:failure"]],
  ];

  const formats: [string, (r: Rec, i: number) => string][] = [["csvlog", csvRow], ["jsonlog", jsonLine]];
  for (const [format, line] of formats) {
    for (const [name, records, expected] of cases) {
      it(`${format}: ${name}`, async () => expect(await outcomes(records.map(line))).toEqual(expected));
    }
  }
});
