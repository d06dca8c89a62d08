import { describe, expect, it } from "vitest";
import { parseEvents } from "./parse-events";
import { NOW, bytesOf, collect, fakeAccessKeyId, fixture } from "./test-helpers";

const rules = [{ match: "aws_account" as const, pattern: "111122223333", environment: "production" as const }];

async function parse(text: string, chunkSize = 1 << 16, maxLineBytes?: number) {
  return collect(parseEvents("csv", bytesOf(text, chunkSize), { now: NOW, environmentRules: rules, ...(maxLineBytes ? { maxLineBytes } : {}) }));
}

describe("csv parser", () => {
  it("redacts a connection string's password in the statement, in the stored raw row too", async () => {
    const out = await parse(
      "occurred_at,operation,outcome,statement\n2026-11-20T10:00:00Z,query,success,CREATE SUBSCRIPTION s CONNECTION 'host=db1 password=not-a-real-password' PUBLICATION p\n",
    );
    const event = out[0] && "event" in out[0] ? out[0].event : null;
    expect(event?.statement).toBe("CREATE SUBSCRIPTION s CONNECTION 'host=db1 password=[redacted]' PUBLICATION p");
    expect(JSON.stringify(out)).not.toContain("not-a-real-password");
  });

  it("reads a quote inside an unquoted cell as text, as spreadsheets do, without swallowing the rows after it", async () => {
    const out = await parse('occurred_at,operation,outcome,resource\n2026-11-20T10:00:00Z,ResizeVolume,success,disk 5" wide\n2026-11-20T10:00:01Z,DeleteVolume,success,vol-2\n2026-11-20T10:00:02Z,query,success,"a ""quoted"",\nmulti-line cell"\n');
    expect(out.map((r) => ("event" in r ? `${r.line}: ${r.event.rawOperation} ${r.event.resource}` : r.error))).toEqual([
      '2: ResizeVolume disk 5" wide',
      "3: DeleteVolume vol-2",
      '4: query a "quoted",\nmulti-line cell',
    ]);
  });

  it("a row with several bad cells is rejected once, naming every column at fault", async () => {
    const out = await parse("occurred_at,operation,outcome,actor_type,destructive,tags,session_kind\n2026-11-20T10:00:00Z,x,,robot,maybe,novalue,bogus\n");
    expect(out.map((r) => ("error" in r ? r.error : null))).toEqual([
      {
        line: 2,
        field: "destructive, tags, actor_type, outcome, session_kind",
        reason: expect.stringMatching(/^destructive: must be true or false; tags: must be key=value pairs separated by semicolons; actor_type: must be one of human, agent, service, unknown; outcome: is required; session_kind: must be one of sso, /),
      },
    ]);
  });

  it("parses the fixture, naming the column of each rejected row", async () => {
    for (const chunkSize of [1, 13, 1 << 16]) {
      const out = await parse(fixture("events.csv"), chunkSize);
      expect(out.map((r) => ("event" in r ? { line: r.line, key: r.event.ingestKey } : { line: r.line, error: r.error }))).toEqual([
        { line: 2, key: "csv:csv-1" },
        { line: 3, key: "csv:csv-2" },
        { line: 5, error: { line: 5, field: "destructive", reason: "must be true or false" } },
        { line: 6, error: { line: 6, field: "occurred_at", reason: "timestamp has no time zone (add Z or an offset such as +00:00)" } },
        { line: 7, error: { line: 7, field: "actor_type", reason: "must be one of human, agent, service, unknown" } },
        { line: 8, error: { line: 8, field: "tags", reason: "must be key=value pairs separated by semicolons" } },
        { line: 9, error: { line: 9, reason: "expected 16 columns, found 5" } },
        { line: 10, key: "csv:csv-8" },
      ]);
    }
  });

  it("maps columns onto the normalized event, including a quoted multi-line statement", async () => {
    const out = await parse(fixture("events.csv"));
    const row = out[1];
    expect(row && "event" in row ? row.event : row).toMatchObject({
      occurredAt: "2026-11-21T08:00:00.000Z",
      credential: { keyId: fakeAccessKeyId(7) },
      statement: "ALTER TABLE orders\n  DROP COLUMN legacy_note",
      operation: "drop",
      destructive: true,
      resourceEnvironment: "production",
      actorType: "agent",
      agentName: "migrator-bot",
      tags: { team: "data", agent_name: "migrator-bot" },
      approvalRef: "CHG-1042",
      origin: { userAgent: "langchain/0.3, python" },
    });
  });

  it("reads the NDJSON field paths flattened with _ or . as the same columns, so no stated credential, scope or origin is dropped", async () => {
    const keyId = fakeAccessKeyId(11);
    for (const [credential, account, agent, kind] of [
      ["credential_key_id", "scope_aws_account_id", "origin_user_agent", "session_kind"],
      ["credential.key_id", "scope.aws_account_id", "origin.user_agent", "session.kind"],
    ]) {
      const out = await parse(`event_id,occurred_at,operation,outcome,${credential},${account},${agent},${kind}\nx-1,2026-11-21T08:00:00Z,DeleteBucket,success,${keyId},111122223333,claude-cli/1.0.98,sso\n`);
      expect(out).toHaveLength(1);
      expect(out[0] && "event" in out[0] ? out[0].event : out[0]).toMatchObject({
        credential: { keyId },
        resourceEnvironment: "production",
        origin: { userAgent: "claude-cli/1.0.98" },
        session: { kind: "sso" },
        actorType: "agent",
      });
    }
  });

  it("reads spreadsheet-style headings as the columns they name, and refuses a column named twice", async () => {
    const [row] = await parse("Occurred At,Operation,Outcome,Actor Type,agent-name\n2026-11-20T09:00:00Z,DeleteBucket,success,agent,ops-bot\n");
    expect(row && "event" in row ? row.event : row).toMatchObject({ actorType: "agent", agentName: "ops-bot" });
    expect(await parse("occurred_at,operation,outcome,key_id,credential.key_id\n2026-11-20T09:00:00Z,x,success,a,b\n")).toEqual([
      { line: 1, error: { line: 1, field: "key_id", reason: "column appears twice in the header" }, fatal: true },
    ]);
  });

  it("lets an explicit destructive=false override classification", async () => {
    const out = await parse(fixture("events.csv"));
    const last = out.at(-1);
    expect(last && "event" in last ? [last.event.operation, last.event.destructive] : null).toEqual(["read", false]);
  });

  it("stops with a fatal error when a required column is missing", async () => {
    expect(await parse("occurred_at,operation\n2026-11-20T09:00:00Z,x\n")).toEqual([
      { line: 1, error: { line: 1, field: "outcome", reason: "required column is missing from the header" }, fatal: true },
    ]);
  });

  it("recovers from an unclosed quote once the record outgrows the limit", async () => {
    const header = "occurred_at,operation,outcome";
    const good = "2026-11-20T09:00:00Z,GetObject,success";
    const text = [header, '2026-11-20T09:00:00Z,"oops,success', "y".repeat(60), "z".repeat(60), good, ""].join("\n");
    const out = await parse(text, 7, 100);
    expect(out.map((r) => ("event" in r ? `event@${r.line}` : r.error))).toEqual([
      { line: 2, reason: "record is longer than the 100-byte limit (unclosed quote?)" },
      "event@5",
    ]);
  });

  it("drops a record cut by an over-long line and continues", async () => {
    const header = "occurred_at,operation,outcome";
    const good = "2026-11-20T09:00:00Z,GetObject,success";
    const text = [header, '2026-11-20T09:00:00Z,"oops,success', "x".repeat(150), good, ""].join("\n");
    const out = await parse(text, 7, 100);
    expect(out.map((r) => ("event" in r ? `event@${r.line}` : r.error))).toEqual([
      { line: 2, reason: "record is cut off by an over-long line" },
      { line: 3, reason: "line is longer than the 100-byte limit" },
      "event@4",
    ]);
  });

  it("reports a file that ends inside a quoted field", async () => {
    const out = await parse('occurred_at,operation,outcome\n2026-11-20T09:00:00Z,"x,success\n');
    expect(out).toEqual([{ line: 2, error: { line: 2, reason: "file ends inside a quoted field (truncated upload?)" } }]);
  });
});
