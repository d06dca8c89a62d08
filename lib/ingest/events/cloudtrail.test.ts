import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { ActivityEvent } from "../../domain/activity-event";
import { splitRecordsArray } from "./cloudtrail-stream";
import { parseEvents } from "./parse-events";
import type { ParseOptions } from "./types";
import { NOW, bytesOf, collect, fakeAccessKeyId, fixture } from "./test-helpers";

const options: ParseOptions = {
  now: NOW,
  environmentRules: [
    { match: "aws_account", pattern: "111122223333", environment: "production" },
    { match: "aws_account", pattern: "444455556666", environment: "staging" },
  ],
};

async function parse(text: string | Uint8Array, chunkSize = 1 << 16, extra: ParseOptions = {}) {
  return collect(parseEvents("cloudtrail", bytesOf(text, chunkSize), { ...options, ...extra }));
}

function events(results: Awaited<ReturnType<typeof parse>>): ActivityEvent[] {
  return results.flatMap((r) => ("event" in r ? [r.event] : []));
}

describe("cloudtrail parser: log files", () => {
  it("keeps each record's own text as its raw JSON, whether the file is one line or a record per line", async () => {
    const record = (id: string) => `{"eventVersion": "1.08", "eventTime":"2026-11-20T09:15:00Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","eventID":"${id}","userIdentity":{"type":"IAMUser"},\t"requestParameters":{"n":1.50}}`;
    const file = await parse(`{"Records":[${record("f-1")},\n ${record("f-2")}]}`, 40);
    expect(events(file).map((e) => e.rawJson)).toEqual([record("f-1"), record("f-2")]);
    const lines = await parse(`${record("l-1")}\n${record("l-2")}\n`);
    expect(events(lines).map((e) => e.rawJson)).toEqual([record("l-1"), record("l-2")]);
    expect(JSON.parse(events(lines)[0]!.rawJson!)).toEqual(events(lines)[0]!.raw);
  });

  it("maps every documented field of the fixture's records", async () => {
    const out = await parse(fixture("cloudtrail-file.json"));
    expect(out.every((r) => "event" in r)).toBe(true);
    const [sso, agent, denied] = events(out);
    expect(sso).toMatchObject({
      ingestKey: "cloudtrail:3b1c2d4e-0000-4000-8000-000000000001",
      occurredAt: "2026-11-20T09:15:00.000Z",
      credential: { keyId: fakeAccessKeyId(1) },
      actor: "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/alice@example.com",
      actorType: "human",
      operation: "write",
      resourceEnvironment: "production",
      session: { kind: "sso", issuer: "AWSReservedSSO_AdministratorAccess_0123456789abcdef" },
      origin: { ip: "203.0.113.10", userAgent: "aws-cli/2.15.0 Python/3.11.6 Linux/6.5 exe/x86_64" },
      outcome: "success",
    });
    expect(agent).toMatchObject({
      rawOperation: "DeleteDBInstance",
      operation: "delete",
      destructive: true,
      resource: "orders-prod",
      actorType: "agent",
      agentName: "Claude Code",
      resourceEnvironment: "production",
      session: { kind: "assumed_role", issuer: "ci-deployer" },
    });
    expect(denied).toMatchObject({
      outcome: "denied",
      errorCode: "AccessDenied",
      resource: "arn:aws:s3:::staging-exports",
      resourceEnvironment: "staging",
      session: { kind: "iam_user" },
      actorType: "unknown",
    });
  });

  it("gives the same result whatever the chunking, gzipped or not", async () => {
    const text = fixture("cloudtrail-file.json");
    const reference = events(await parse(text));
    for (const chunkSize of [1, 3, 97]) expect(events(await parse(text, chunkSize))).toEqual(reference);
    expect(events(await parse(gzipSync(text), 11))).toEqual(reference);
  });

  it("reports line numbers of records in a pretty-printed file", async () => {
    const out = await parse(fixture("cloudtrail-file.json").replace('"eventName": "DeleteBucket"', '"eventName": 7'));
    const error = out.find((r) => "error" in r);
    expect(error && "error" in error ? error.error : null).toEqual({ line: 59, field: "Records[2].eventName", reason: "must be a string" });
  });

  it("reports a truncated file and keeps the complete records", async () => {
    const text = fixture("cloudtrail-file.json");
    const out = await parse(text.slice(0, text.indexOf('"eventID": "3b1c2d4e-0000-4000-8000-000000000003"')));
    expect(events(out)).toHaveLength(2);
    expect(out.at(-1)).toEqual({ line: 59, error: { line: 59, field: "Records[2]", reason: "file ends inside this record (truncated upload?)" } });
  });

  it("skips an over-long record without buffering it and continues", async () => {
    const record = (id: string, pad: string) =>
      JSON.stringify({ eventID: id, eventTime: "2026-11-20T00:00:00Z", eventName: "GetObject", pad });
    const text = `{"Records":[${record("a", "")},${record("b", "x".repeat(5000))},${record("c", "")}]}`;
    const out = await parse(text, 64, { maxLineBytes: 1000 });
    expect(out.map((r) => ("event" in r ? r.event.ingestKey : r.error.reason))).toEqual([
      "cloudtrail:a",
      "record is longer than the 1000-character limit",
      "cloudtrail:c",
    ]);
  });
});

describe("cloudtrail parser: large files", () => {
  it("streams a file that is one 12 MB line, record by record, under a 10 MB line limit", async () => {
    const count = 30_000;
    async function* file(): AsyncGenerator<Uint8Array> {
      const encoder = new TextEncoder();
      yield encoder.encode('{"Records":[');
      for (let i = 0; i < count; i++) {
        const pad = "p".repeat(360);
        yield encoder.encode(`${i ? "," : ""}{"eventID":"e${i}","eventTime":"2026-11-20T00:00:00Z","eventName":"GetObject","pad":"${pad}"}`);
      }
      yield encoder.encode("]}");
    }
    let events = 0;
    let last = "";
    let bytes = 0;
    for await (const r of parseEvents("cloudtrail", file(), { now: NOW })) {
      if (!("event" in r)) throw new Error(r.error.reason);
      events++;
      last = r.event.ingestKey;
      bytes += JSON.stringify(r.event.raw).length;
    }
    expect(bytes).toBeGreaterThan(12 * 1024 * 1024);
    expect([events, last]).toEqual([count, `cloudtrail:e${count - 1}`]);
  });
});

describe("cloudtrail parser: one record per line", () => {
  const line = (over: Record<string, unknown>) =>
    JSON.stringify({ eventID: "id-1", eventTime: "2026-11-20T00:00:00Z", eventName: "GetObject", eventSource: "s3.amazonaws.com", ...over });

  const cases: { name: string; record: string; expected: Record<string, unknown> | { error: unknown } }[] = [
    { name: "throttling is a failure, not a denial", record: line({ errorCode: "ThrottlingException" }), expected: { outcome: "failure" } },
    { name: "UnauthorizedOperation is denied", record: line({ errorCode: "Client.UnauthorizedOperation" }), expected: { outcome: "denied" } },
    { name: "failed console sign-in", record: line({ eventName: "ConsoleLogin", responseElements: { ConsoleLogin: "Failure" } }), expected: { outcome: "failure", session: { kind: "console" }, actorType: "human" } },
    { name: "instances from requestParameters", record: line({ eventName: "TerminateInstances", requestParameters: { instancesSet: { items: [{ instanceId: "i-1" }, { instanceId: "i-2" }] } } }), expected: { resource: "i-1,i-2", destructive: true } },
    { name: "principal tags decide attribution", record: line({ userIdentity: { type: "AssumedRole", sessionContext: { principalTags: [{ key: "actor_type", value: "agent" }] } } }), expected: { actorType: "agent", tags: { actor_type: "agent" } } },
    { name: "Data API SQL is classified", record: line({ eventName: "ExecuteStatement", requestParameters: { sql: "TRUNCATE audit_log" } }), expected: { operation: "truncate", destructive: true, statement: "TRUNCATE audit_log" } },
    { name: "timestamp without zone", record: line({ eventTime: "2026-11-20T00:00:00" }), expected: { error: { line: 1, field: "eventTime", reason: "timestamp has no time zone (add Z or an offset such as +00:00)" } } },
    { name: "missing eventName", record: line({ eventName: undefined }), expected: { error: { line: 1, field: "eventName", reason: "required field is missing" } } },
    { name: "userIdentity of the wrong type", record: line({ userIdentity: "root" }), expected: { error: { line: 1, field: "userIdentity", reason: "must be an object" } } },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const [result] = await parse(`${c.record}\n`);
      if ("error" in c.expected) expect(result).toEqual({ line: 1, ...c.expected });
      else expect(result && "event" in result ? result.event : result).toMatchObject(c.expected);
    });
  }

  it("expands a Records wrapper found on one line and names the record in errors", async () => {
    const wrapped = JSON.stringify({ Records: [JSON.parse(line({ eventID: "w1" })), { eventName: "GetObject" }] });
    const out = await parse(`${line({ eventID: "first" })}\n${wrapped}\n{"eventID":\n`);
    expect(out.map((r) => ("event" in r ? r.event.ingestKey : r.error))).toEqual([
      "cloudtrail:first",
      "cloudtrail:w1",
      { line: 2, field: "Records[1].eventTime", reason: "timestamp must be a string" },
      { line: 3, reason: "not valid JSON (truncated line?)" },
    ]);
  });
});

describe("splitRecordsArray", () => {
  async function* chunks(...parts: string[]) {
    yield* parts;
  }
  it("ignores brackets and braces inside strings, including escaped quotes", async () => {
    const out = await collect(splitRecordsArray(chunks('{"Records":[{"a":"}]\\"{"}', ',{"b":[1,{"c":2}]}', "]}"), 1000));
    expect(out).toEqual([
      { line: 1, index: 0, text: '{"a":"}]\\"{"}' },
      { line: 1, index: 1, text: '{"b":[1,{"c":2}]}' },
    ]);
  });
  it("splits the same records with the same line numbers however the text is cut into chunks", async () => {
    const records = [
      '{"policy":"{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{}]}","ua":"a \\\\"}',
      '{\n  "multi": "line\\nrecord",\n  "brackets": "]}{[" ,\n  "end": "\\\\\\""\n}',
      '{"raw":"a\nb","after":[{"x":"\\u005d"}]}',
      '{"last":true}',
    ];
    const text = `{"Records":[\n${records.join(",\n")}\n]}`;
    const whole = await collect(splitRecordsArray(chunks(text), 1000));
    expect(whole.map((r) => ("text" in r ? r.text : r.error.reason))).toEqual(records);
    expect(whole.map((r) => r.line)).toEqual([2, 3, 8, 10]);
    for (let size = 1; size <= 40; size++) {
      const parts = Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));
      expect(await collect(splitRecordsArray(chunks(...parts), 1000)), `chunks of ${size}`).toEqual(whole);
    }
  });

  it("reports non-object elements and keeps going", async () => {
    const out = await collect(splitRecordsArray(chunks('{"Records":[1,"x",{"ok":true}]}'), 1000));
    expect(out.map((r) => ("text" in r ? r.text : r.error.reason))).toEqual(["record is not a JSON object", "record is not a JSON object", '{"ok":true}']);
  });
  it("reports an array that never closes", async () => {
    const out = await collect(splitRecordsArray(chunks('{"Records":[{"a":1}\n'), 1000));
    expect(out.at(-1)).toEqual({ line: 2, index: 1, error: { line: 2, field: "Records", reason: "file ends before the Records array is closed (truncated upload?)" } });
  });
});
