import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { leashEventInputSchema, leashEventJsonSchema } from "../../domain/activity-event-input";
import { activityEventSchema } from "../../domain/activity-event";
import { parseEvents } from "./parse-events";
import { NOW, bytesOf, collect, fixture } from "./test-helpers";

const rules = [{ match: "project" as const, pattern: "rw-prod-*", environment: "production" as const }];

async function parse(text: string | Uint8Array, chunkSize = 1 << 16) {
  return collect(parseEvents("leash-ndjson", bytesOf(text, chunkSize), { now: NOW, environmentRules: rules }));
}

describe("leash-ndjson parser", () => {
  it("parses the fixture into events and row errors, in order", async () => {
    const out = await parse(fixture("events.ndjson"));
    const summary = out.map((r) => ("event" in r ? { line: r.line, op: r.event.rawOperation } : { line: r.line, error: r.error }));
    expect(summary).toEqual([
      { line: 1, op: "serviceInstanceRedeploy" },
      { line: 2, op: "volumeDelete" },
      { line: 3, op: "SELECT" },
      { line: 5, error: { line: 5, field: "occurred_at", reason: "timestamp has no time zone (add Z or an offset such as +00:00)" } },
      { line: 6, error: { line: 6, field: "outcome", reason: "must be one of success, failure, denied" } },
      { line: 7, error: { line: 7, field: "operation", reason: "Invalid input: expected string, received number" } },
      { line: 8, error: { line: 8, field: "occurred_at", reason: "timestamp is in the future (more than 1440 minutes past now)" } },
      { line: 9, error: { line: 9, field: "credential", reason: "credential needs key_id, fingerprint or external_id" } },
      { line: 10, error: { line: 10, reason: "not valid JSON (truncated line?)" } },
      { line: 11, error: { line: 11, reason: "an event must be a JSON object" } },
    ]);
  });

  it("redacts a password in the statement, in the stored raw event too", async () => {
    const line = { occurred_at: "2026-11-20T10:00:00Z", operation: "query", outcome: "success", statement: "ALTER ROLE app PASSWORD 'not-a-real-password'" };
    const out = await parse(`${JSON.stringify(line)}\n`);
    const event = out[0] && "event" in out[0] ? out[0].event : null;
    expect(event?.statement).toBe("ALTER ROLE app PASSWORD '[redacted]'");
    expect(JSON.parse(event?.rawJson ?? "null")).toEqual({ ...line, statement: "ALTER ROLE app PASSWORD '[redacted]'" });
    expect(JSON.stringify(out)).not.toContain("not-a-real-password");
  });

  it("a missing field is named as required, not as a value of the wrong type", async () => {
    const out = await parse(`{"outcome":"success"}\n{"occurred_at":"2026-11-20T10:00:00Z","outcome":"success"}\n{"occurred_at":"2026-11-20T10:00:00Z","operation":"x"}\n`);
    expect(out.map((r) => ("error" in r ? r.error : null))).toEqual([
      { line: 1, field: "occurred_at, operation", reason: "occurred_at: is required; operation: is required" },
      { line: 2, field: "operation", reason: "is required" },
      { line: 3, field: "outcome", reason: "is required" },
    ]);
  });

  it("a line with several bad fields is rejected once, naming every one of them", async () => {
    const out = await parse('{"occurred_at":"2099-01-01T00:00:00Z","operation":"x","outcome":"maybe","actor_type":"robot"}\n');
    expect(out.map((r) => ("error" in r ? r.error : null))).toEqual([
      {
        line: 1,
        field: "actor_type, outcome, occurred_at",
        reason:
          "actor_type: must be one of human, agent, service, unknown; outcome: must be one of success, failure, denied; " +
          "occurred_at: timestamp is in the future (more than 1440 minutes past now)",
      },
    ]);
  });

  it("a required enum left empty is named as required; an optional one left empty, or any present but wrong, lists the allowed values", async () => {
    const base = '"occurred_at":"2026-11-20T10:00:00Z","operation":"x"';
    const out = await parse([`{${base},"outcome":""}`, `{${base},"outcome":null}`, `{${base},"outcome":"maybe"}`, `{${base},"outcome":"success","actor_type":""}`, `{${base},"outcome":"success","session":{"kind":""}}`].join("\n"));
    expect(out.map((r) => ("error" in r ? r.error : null))).toEqual([
      { line: 1, field: "outcome", reason: "is required" },
      { line: 2, field: "outcome", reason: "is required" },
      { line: 3, field: "outcome", reason: "must be one of success, failure, denied" },
      { line: 4, field: "actor_type", reason: "must be one of human, agent, service, unknown" },
      { line: 5, field: "session.kind", reason: "must be one of sso, console, assumed_role, iam_user, root, service, federated, database, other" },
    ]);
  });

  it("normalizes an agent's production volume delete (the nine seconds)", async () => {
    const [, second] = await parse(fixture("events.ndjson"));
    if (!second || !("event" in second)) throw new Error("expected an event on line 2");
    const e = second.event;
    expect(activityEventSchema.parse(e)).toEqual(e);
    expect(e).toMatchObject({
      occurredAt: "2026-11-21T13:30:00.250Z",
      credential: { externalId: "railway:tok-1" },
      actorType: "agent",
      agentName: "Claude Code",
      operation: "delete",
      destructive: true,
      resourceEnvironment: "production",
      outcome: "success",
      origin: { userAgent: "claude-cli/1.0.98 (external, cli)" },
    });
    expect(e.ingestKey).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("keeps explicit values and classifies SQL statements ignoring comments", async () => {
    const [, , third] = await parse(fixture("events.ndjson"));
    if (!third || !("event" in third)) throw new Error("expected an event on line 3");
    expect(third.event).toMatchObject({ actorType: "agent", agentName: "report-agent", operation: "read", destructive: false, resourceEnvironment: "staging", credential: null });
  });

  it("uses the source event id as ingest key, and a stable hash otherwise", async () => {
    const first = await parse(fixture("events.ndjson"));
    const again = await parse(gzipSync(fixture("events.ndjson")), 7);
    const keys = (rs: typeof first) => rs.flatMap((r) => ("event" in r ? [r.event.ingestKey] : []));
    expect(keys(first)[0]).toBe("leash-ndjson:evt-001");
    expect(keys(again)).toEqual(keys(first));
    expect(new Set(keys(first)).size).toBe(3);
  });

  it("gives the same key to the same event whatever its field order or zone notation", async () => {
    const a = '{"occurred_at":"2026-11-22T09:00:00+01:00","operation":"x","outcome":"success","actor":"a"}';
    const b = '{"actor":"a","outcome":"success","operation":"x","occurred_at":"2026-11-22T08:00:00Z"}';
    const c = '{"actor":"b","outcome":"success","operation":"x","occurred_at":"2026-11-22T08:00:00Z"}';
    const out = await parse(`${a}\n${b}\n${c}\n`);
    const keys = out.map((r) => ("event" in r ? r.event.ingestKey : "error"));
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it("rejects a line over the limit and continues", async () => {
    const good = '{"occurred_at":"2026-11-22T08:00:00Z","operation":"x","outcome":"success"}';
    const long = `{"occurred_at":"2026-11-22T08:00:00Z","operation":"${"x".repeat(300)}","outcome":"success"}`;
    const out = await collect(parseEvents("leash-ndjson", bytesOf(`${long}\n${good}\n`, 16), { now: NOW, maxLineBytes: 200 }));
    expect(out.map((r) => ("event" in r ? "event" : r.error.reason))).toEqual(["line is longer than the 200-byte limit", "event"]);
  });
});

describe("event JSON Schema", () => {
  it("is generated from the wire schema with the documented required fields", () => {
    const schema = leashEventJsonSchema() as { $id: string; required: string[]; properties: Record<string, { format?: string }> };
    expect(schema.$id).toBe("/api/v1/schemas/event.json");
    expect(schema.required.sort()).toEqual(["occurred_at", "operation", "outcome"]);
    expect(schema.properties.occurred_at?.format).toBe("date-time");
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(leashEventInputSchema.shape).sort());
  });
});
