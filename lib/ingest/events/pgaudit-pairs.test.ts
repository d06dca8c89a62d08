import { describe, expect, it } from "vitest";
import type { ActivityEvent } from "../../domain/activity-event";
import { parseEvents } from "./parse-events";
import { NOW, bytesOf, collect } from "./test-helpers";

// Entries as pgaudit writes them (AUDIT: type, statement id, substatement id, class, command, object type, object name,
// statement, parameter) behind PostgreSQL's default log_line_prefix '%m [%p] '.
type Audit = { type: "SESSION" | "OBJECT"; pid?: number; id?: number; sub?: number; cls?: string; cmd?: string; object?: string; sql: string; second?: number };
const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const entry = ({ type, pid = 10, id = 1, sub = 1, cls = "WRITE", cmd = "DELETE", object = "", sql, second = 0 }: Audit) =>
  `2026-11-20 10:00:0${second}.000 UTC [${pid}] LOG:  AUDIT: ${type},${id},${sub},${cls},${cmd},${object ? "TABLE" : ""},${object},${csvField(sql).replace(/\n/g, "\n\t")},<not logged>`;

const DELETE = "DELETE FROM public.orders WHERE id = 1";
const JOIN = "SELECT * FROM public.orders JOIN public.customers USING (customer_id)";
const read = { cls: "READ", cmd: "SELECT", sql: JOIN };

type Expected = { entry: number; resource: string | null; statement?: string; outcome?: ActivityEvent["outcome"] };

/** Each case: its entries (and other log lines), and the events expected, each kept under the key of `entry` read alone. */
const cases: { name: string; lines: (Audit | string)[]; expected: Expected[] }[] = [
  {
    name: "the SESSION entry, then the OBJECT entry naming the relation (log_relation off): one event with the relation",
    lines: [{ type: "SESSION", sql: DELETE }, { type: "OBJECT", object: "public.orders", sql: DELETE }],
    expected: [{ entry: 0, resource: "public.orders", statement: DELETE }],
  },
  {
    name: "log_relation: OBJECT then SESSION entry for each relation of a join: one event per relation",
    lines: [
      { type: "OBJECT", object: "public.orders", ...read },
      { type: "SESSION", object: "public.orders", ...read },
      { type: "OBJECT", object: "public.customers", ...read },
      { type: "SESSION", object: "public.customers", ...read },
    ],
    expected: [{ entry: 1, resource: "public.orders", statement: JOIN }, { entry: 3, resource: "public.customers", statement: JOIN }],
  },
  {
    name: "log_statement_once: the text logged with the OBJECT entry fills the SESSION entry's <previously logged>",
    lines: [{ type: "OBJECT", object: "public.orders", sql: DELETE }, { type: "SESSION", object: "public.orders", sql: "<previously logged>" }],
    expected: [{ entry: 1, resource: "public.orders", statement: DELETE }],
  },
  {
    name: "a statement spanning lines, in both entries",
    lines: [{ type: "SESSION", sql: "DELETE FROM public.orders\nWHERE id = 1" }, { type: "OBJECT", object: "public.orders", sql: "DELETE FROM public.orders\nWHERE id = 1" }],
    expected: [{ entry: 0, resource: "public.orders", statement: "DELETE FROM public.orders\nWHERE id = 1" }],
  },
  {
    name: "a pair the backend's ERROR then refused is one failed event",
    lines: [
      { type: "SESSION", sql: DELETE },
      { type: "OBJECT", object: "public.orders", sql: DELETE },
      "2026-11-20 10:00:00.000 UTC [10] ERROR:  canceling statement due to statement timeout",
      `2026-11-20 10:00:00.000 UTC [10] STATEMENT:  ${DELETE}`,
    ],
    expected: [{ entry: 0, resource: "public.orders", statement: DELETE, outcome: "failure" }],
  },
  {
    name: "OBJECT entries only (session auditing off): each stays its own event, under its own key",
    lines: [{ type: "OBJECT", object: "public.orders", sql: DELETE }, { type: "OBJECT", id: 2, object: "public.orders", sql: DELETE }],
    expected: [{ entry: 0, resource: "public.orders", statement: DELETE }, { entry: 1, resource: "public.orders", statement: DELETE }],
  },
  {
    name: "another backend's OBJECT entry with the same ids is another statement",
    lines: [{ type: "SESSION", sql: DELETE }, { type: "OBJECT", pid: 11, object: "public.orders", sql: DELETE }],
    expected: [{ entry: 0, resource: null, statement: DELETE }, { entry: 1, resource: "public.orders", statement: DELETE }],
  },
  {
    name: "an OBJECT entry of another substatement (a function's DELETE) is another use",
    lines: [
      { type: "SESSION", cls: "FUNCTION", cmd: "SELECT", sql: "SELECT purge_orders()" },
      { type: "OBJECT", sub: 2, object: "public.orders", sql: DELETE },
    ],
    expected: [{ entry: 0, resource: null, statement: "SELECT purge_orders()" }, { entry: 1, resource: "public.orders", statement: DELETE }],
  },
  {
    name: "an OBJECT entry naming another relation than the SESSION entry's is another use",
    lines: [{ type: "SESSION", object: "public.orders", ...read }, { type: "OBJECT", object: "public.customers", ...read }],
    expected: [{ entry: 0, resource: "public.orders", statement: JOIN }, { entry: 1, resource: "public.customers", statement: JOIN }],
  },
  {
    name: "two SESSION entries of one statement (log_relation, session auditing only) stay two",
    lines: [{ type: "SESSION", object: "public.orders", ...read }, { type: "SESSION", object: "public.customers", ...read }],
    expected: [{ entry: 0, resource: "public.orders", statement: JOIN }, { entry: 1, resource: "public.customers", statement: JOIN }],
  },
  {
    name: "the third entry of a statement, after a pair, stays its own (log_relation off, two audited relations)",
    lines: [{ type: "SESSION", ...read }, { type: "OBJECT", object: "public.orders", ...read }, { type: "OBJECT", object: "public.customers", ...read }],
    expected: [{ entry: 0, resource: "public.orders", statement: JOIN }, { entry: 2, resource: "public.customers", statement: JOIN }],
  },
];

const textOf = (line: Audit | string) => (typeof line === "string" ? line : entry(line));

async function events(text: string, chunkSize: number): Promise<ActivityEvent[]> {
  const out = await collect(parseEvents("pgaudit", bytesOf(text, chunkSize), { now: NOW }));
  return out.map((r) => {
    if ("error" in r) throw new Error(`line ${r.line}: ${r.error.reason}`);
    return Object.assign(r.event, { line: r.line });
  });
}

/** The first line of each entry, counting the continuation lines of the ones before it. */
function firstLines(lines: (Audit | string)[]): number[] {
  let next = 1;
  return lines.map((l) => {
    const first = next;
    next += textOf(l).split("\n").length;
    return first;
  });
}

describe("pgaudit: an entry logged by both SESSION and OBJECT auditing is one event", () => {
  for (const { name, lines, expected } of cases) {
    for (const chunkSize of [1 << 16, 13, 1]) {
      it(`${name} (${chunkSize}-byte chunks)`, async () => {
        const got = await events(lines.map(textOf).join("\n") + "\n", chunkSize);
        const starts = firstLines(lines);
        // The key an entry had when it was its own event: a log ingested before is sent again without storing anything.
        const keys = await Promise.all(expected.map(async (e) => (await events(textOf(lines[e.entry]!) + "\n", 1 << 16))[0]!.ingestKey));
        expect(got.map((e) => ({ line: (e as ActivityEvent & { line: number }).line, ingestKey: e.ingestKey, resource: e.resource, statement: e.statement, outcome: e.outcome }))).toEqual(
          expected.map((e, i) => ({ line: starts[e.entry], ingestKey: keys[i], resource: e.resource, statement: e.statement, outcome: e.outcome ?? "success" })),
        );
      });
    }
  }

  it("jsonlog: the pair is one event under the SESSION entry's key", async () => {
    const record = (line: number, type: string, object: string) =>
      JSON.stringify({ timestamp: "2026-11-20 10:00:00.000 UTC", user: "agent_rw", dbname: "orders", pid: 10, session_id: "6740a1b2.a", line_num: line, error_severity: "LOG",
        message: `AUDIT: ${type},1,1,WRITE,DELETE,${object ? "TABLE" : ""},${object},${DELETE},<not logged>` });
    const [session, object] = [record(1, "SESSION", ""), record(2, "OBJECT", "public.orders")];
    const got = await events(`${session}\n${object}\n`, 1 << 16);
    const alone = await events(`${session}\n`, 1 << 16);
    expect(got.map((e) => ({ ingestKey: e.ingestKey, resource: e.resource, destructive: e.destructive }))).toEqual([{ ingestKey: alone[0]!.ingestKey, resource: "public.orders", destructive: true }]);
  });
});
