import { eq, sql } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { activityEvents, credentials, sources } from "@/db/schema";
import { bulkInsert } from "./bulk-insert";
import { encodeRows } from "./copy-text";
import { db } from "./db";
import { describeEachEngine } from "./testing/test-db";

// bulkInsert sends rows in COPY's text format: every character that means something there (tab, newline, backslash,
// `\N`) or inside an array literal (quotes, commas, braces, NULL) must arrive as it was sent.
const HOSTILE_TEXTS = [
  "",
  " ",
  "tab\there",
  "line\nbreak",
  "carriage\rreturn",
  "back\\slash",
  "\\N",
  "\\.",
  'quote " and \'',
  "comma, {brace} [bracket]",
  "NULL",
  "=cmd|' /C calc'!A0",
  "ünïcödé ✓ 🔑",
  "\\t literally",
];

function event(key: string, overrides: Partial<typeof activityEvents.$inferInsert> = {}): typeof activityEvents.$inferInsert {
  return {
    ingestKey: key,
    format: "leash-ndjson",
    occurredAt: new Date("2026-10-01T12:34:56.789Z"),
    actorType: "agent",
    attributionReason: "test",
    operation: "delete",
    rawOperation: "DELETE",
    destructive: true,
    destructiveReason: "test",
    environmentReason: "test",
    outcome: "success",
    origin: {},
    flagReasons: { crossEnv: "test", afterExpiry: "test", unapprovedDestructive: "test" },
    payload: {},
    ...overrides,
  };
}

describeEachEngine("bulkInsert", () => {
  let sourceId = "";
  beforeAll(async () => {
    [{ id: sourceId }] = (await db().insert(sources).values({ name: "bulk", format: "leash-csv" }).returning({ id: sources.id })) as [{ id: string }];
  });

  test("texts, JSON, booleans and instants arrive exactly as sent, nulls as null", async () => {
    const rows = HOSTILE_TEXTS.map((text, i) =>
      event(`hostile-${i}`, {
        actor: text,
        resource: i % 2 ? null : text,
        destructive: i % 2 === 0,
        occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, i)),
        payload: { text, nested: { list: [text, null, i] } },
        origin: { ip: text },
      }),
    );
    await db().transaction((tx) => bulkInsert(tx, activityEvents, rows));
    const stored = await db().select().from(activityEvents).where(sql`${activityEvents.ingestKey} like 'hostile-%'`).orderBy(activityEvents.occurredAt);
    expect(stored.map((r) => [r.actor, r.resource, r.destructive, r.occurredAt.toISOString(), r.payload, r.origin])).toEqual(
      rows.map((r) => [r.actor, r.resource, r.destructive, r.occurredAt.toISOString(), r.payload, r.origin]),
    );
  });

  test("array elements with quotes, commas, braces, backslashes and the word NULL stay elements", async () => {
    const tags = [...HOSTILE_TEXTS, "a,b", "{x}", '"quoted"'];
    await db().transaction((tx) =>
      bulkInsert(tx, credentials, [
        { sourceId, externalId: "arrays-1", tags, environments: [], scopes: null, provenance: { tags: "source" }, agentAccessible: false },
      ]),
    );
    const [row] = await db().select().from(credentials).where(eq(credentials.externalId, "arrays-1"));
    expect(row).toMatchObject({ tags, environments: [], scopes: null, provenance: { tags: "source" }, agentAccessible: false });
    // Left out of every row: the column's default.
    expect(row!.version).toBe(1);
    expect(row!.mappedBy).toEqual({});
  });

  test("several batches in one transaction each insert only their own rows; conflicts are skipped and not returned", async () => {
    const returned = await db().transaction(async (tx) => {
      const first = await bulkInsert(tx, activityEvents, [event("batch-1"), event("batch-2")], sql`ingest_key`, sql`on conflict (ingest_key) do nothing`);
      const second = await bulkInsert(tx, activityEvents, [event("batch-2"), event("batch-3")], sql`ingest_key`, sql`on conflict (ingest_key) do nothing`);
      return [first, second];
    });
    expect(returned).toEqual([[{ ingest_key: "batch-1" }, { ingest_key: "batch-2" }], [{ ingest_key: "batch-3" }]]);
    const stored = await db().select({ key: activityEvents.ingestKey }).from(activityEvents).where(sql`${activityEvents.ingestKey} like 'batch-%'`);
    expect(stored.map((r) => r.key).sort()).toEqual(["batch-1", "batch-2", "batch-3"]);
  });

  test("a failed transaction leaves nothing written or staged", async () => {
    await expect(
      db().transaction(async (tx) => {
        await bulkInsert(tx, activityEvents, [event("rolled-back-1")]);
        // The second batch repeats a key without an on-conflict clause: the unique index refuses it.
        await bulkInsert(tx, activityEvents, [event("rolled-back-2"), event("rolled-back-2")]);
      }),
    ).rejects.toThrow();
    await db().transaction((tx) => bulkInsert(tx, activityEvents, [event("after-failure")]));
    const stored = await db().select({ key: activityEvents.ingestKey }).from(activityEvents).where(sql`${activityEvents.ingestKey} in ('rolled-back-1', 'rolled-back-2', 'after-failure')`);
    expect(stored.map((r) => r.key)).toEqual(["after-failure"]);
  });

  test("encoded ahead of time, a batch is written the same", async () => {
    const encoded = encodeRows(activityEvents, [event("encoded-1", { actor: "tab\tand\nnewline" })]);
    expect(encoded.count).toBe(1);
    await db().transaction((tx) => bulkInsert(tx, activityEvents, encoded));
    const [row] = await db().select().from(activityEvents).where(eq(activityEvents.ingestKey, "encoded-1"));
    expect(row!.actor).toBe("tab\tand\nnewline");
  });

  test("a batch larger than the encoder's first buffer, in characters of one to four UTF-8 bytes, arrives whole", async () => {
    // 600 rows of about 1 KB each, mostly multi-byte characters, over several of the encoder's 256 KB chunks.
    const actors = Array.from({ length: 600 }, (_, i) => `${"é✓🔑a".repeat(100 + (i % 7))}#${i}`);
    const encoded = encodeRows(activityEvents, actors.map((actor, i) => event(`grown-${i}`, { actor })));
    expect(encoded.bytes.length).toBeGreaterThan(2);
    await db().transaction((tx) => bulkInsert(tx, activityEvents, encoded));
    const stored = await db().select({ key: activityEvents.ingestKey, actor: activityEvents.actor }).from(activityEvents).where(sql`${activityEvents.ingestKey} like 'grown-%'`);
    expect(new Map(stored.map((r) => [r.key, r.actor]))).toEqual(new Map(actors.map((actor, i) => [`grown-${i}`, actor])));
  });
});
