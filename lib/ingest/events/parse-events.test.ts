import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { eventFormats } from "../../domain/activity-event";
import { eventParsers, parseEvents, resolveOptions } from "./parse-events";
import { NOW, bytesOf, collect } from "./test-helpers";

const line = (i: number) => JSON.stringify({ event_id: `e${i}`, occurred_at: "2026-11-20T00:00:00Z", operation: "GetObject", outcome: "success" });

describe("eventParsers registry", () => {
  it("has one parser per documented format, registered under its own name", () => {
    expect(Object.keys(eventParsers).sort()).toEqual([...eventFormats].sort());
    for (const format of eventFormats) expect(eventParsers[format].format).toBe(format);
  });

  it("parses through a registry entry like through parseEvents", async () => {
    const text = "occurred_at,operation,outcome\n2026-11-20T00:00:00Z,TerminateInstances,success\n";
    const out = await collect(eventParsers.csv.parse(bytesOf(text), { now: NOW }));
    expect(out.map((r) => ("event" in r ? [r.line, r.event.operation, r.event.destructive] : r.error))).toEqual([[2, "delete", true]]);
  });

  it("defaults to a 10 MB line limit, a 1-day skew and PostgreSQL's default prefix", () => {
    const o = resolveOptions({ now: NOW });
    expect([o.maxLineBytes, o.maxFutureSkewMs, o.logLinePrefix]).toEqual([10 * 1024 * 1024, 86_400_000, "%m [%p] "]);
  });
});

describe("parseEvents", () => {
  it("rejects by line a record nested too deeply to store, in any format, however deep; the others are read", async () => {
    const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
    const record = (id: string, params: string) =>
      `{"eventVersion":"1.08","eventTime":"2026-11-20T00:00:00Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","eventID":"${id}","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/x"},"requestParameters":${params}}`;
    for (const depth of [100, 200_000]) {
      // 200,000 levels is past JSON.stringify's recursion as well as the database's parser.
      const cloudTrail = `{"Records":[${record("a", "{}")},\n${record("b", nested(depth))},\n${record("c", "{}")}]}`;
      const ndjson = [line(1), line(2).replace("{", `{"x":${nested(depth)},`), line(3)].join("\n");
      for (const [format, text] of [["cloudtrail", cloudTrail], ["leash-ndjson", ndjson]] as const) {
        const out = await collect(parseEvents(format, bytesOf(text), { now: NOW }));
        expect(out.map((r) => ("event" in r ? "event" : r.error.reason)), `${format} at ${depth}`).toEqual(["event", "nests arrays or objects deeper than 64 levels", "event"]);
      }
    }
  });

  it("ends with one fatal error when gzip input exceeds the decompressed-size limit, after the events before it", async () => {
    const text = Array.from({ length: 2000 }, (_, i) => line(i)).join("\n");
    const out = await collect(parseEvents("leash-ndjson", bytesOf(gzipSync(text), 512), { now: NOW, maxDecompressedBytes: 64 * 1024 }));
    const last = out.at(-1);
    expect(last).toMatchObject({ fatal: true, error: { reason: "gzip input expands beyond the 65536-byte decompressed-size limit; stopped reading" } });
    expect(out.slice(0, -1).every((r) => "event" in r)).toBe(true);
    expect(out.length).toBeGreaterThan(100);
    expect(out.length).toBeLessThan(2000);
  });

  it("reports a corrupt gzip upload as fatal", async () => {
    const bytes = gzipSync(line(1));
    bytes[bytes.length - 5] = (bytes[bytes.length - 5] ?? 0) ^ 0xff; // break the CRC/size trailer
    const out = await collect(parseEvents("leash-ndjson", bytesOf(bytes), { now: NOW }));
    expect(out.at(-1)).toMatchObject({ fatal: true, error: { reason: "gzip input is corrupt or truncated" } });
  });

  it("stops reading when the consumer stops, without hanging", async () => {
    const text = Array.from({ length: 5000 }, (_, i) => line(i)).join("\n");
    const seen: string[] = [];
    for await (const r of parseEvents("leash-ndjson", bytesOf(gzipSync(text), 256), { now: NOW })) {
      if ("event" in r) seen.push(r.event.ingestKey);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual(["leash-ndjson:e0", "leash-ndjson:e1", "leash-ndjson:e2"]);
  });

  it("sends the same upload twice to the same keys (idempotent ingest)", async () => {
    const text = `${line(1)}\n${JSON.stringify({ occurred_at: "2026-11-20T00:00:00Z", operation: "x", outcome: "failure" })}\n`;
    const keys = async () => (await collect(parseEvents("leash-ndjson", bytesOf(text), { now: NOW }))).map((r) => ("event" in r ? r.event.ingestKey : ""));
    expect(await keys()).toEqual(await keys());
  });

  it("applies the upload's default scope without changing the ingest key", async () => {
    const text = `${JSON.stringify({ occurred_at: "2026-11-20T00:00:00Z", operation: "DROP TABLE", statement: "DROP TABLE t", outcome: "success" })}\n`;
    const plain = await collect(parseEvents("leash-ndjson", bytesOf(text), { now: NOW }));
    const scoped = await collect(
      parseEvents("leash-ndjson", bytesOf(text), {
        now: NOW,
        scope: { host: "db1.prod.example.com" },
        environmentRules: [{ match: "host", pattern: "*.prod.example.com", environment: "production" }],
      }),
    );
    const [a] = plain;
    const [b] = scoped;
    if (!a || !b || !("event" in a) || !("event" in b)) throw new Error("expected events");
    expect(b.event.ingestKey).toBe(a.event.ingestKey);
    expect([a.event.resourceEnvironment, b.event.resourceEnvironment]).toEqual([null, "production"]);
    expect(b.event.scope).toEqual({ host: "db1.prod.example.com" });
  });
});
