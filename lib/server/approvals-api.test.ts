import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, expect, test, vi } from "vitest";
import { POST as postRoute } from "@/app/api/v1/approvals/route";
import { NUL_REASON } from "@/lib/domain/storable-text";
import { ingestApprovals } from "./approvals";
import { db } from "./db";
import { rowsOf } from "./sql-rows";
import { apiRequest, bearerToken, noParams } from "./testing/api-client";
import { seedIdentity, type IdentityFixture } from "./testing/fixtures";
import { describeEachEngine } from "./testing/test-db";

// An audit append can be made to fail, to show a batch is one transaction: a failure stores none of it.
const failAudit = vi.hoisted(() => ({ onReference: null as string | null }));
vi.mock("./audit", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./audit")>();
  const appendAudit: typeof actual.appendAudit = async (tx, actor, event) => {
    if (event.details?.reference === failAudit.onReference) throw new Error("audit append failed");
    return actual.appendAudit(tx, actor, event);
  };
  return { ...actual, appendAudit };
});

const approval = (reference: string, extra: Record<string, unknown> = {}) => ({
  approver: "lead@x.test",
  requester: "dev@x.test",
  operation: "DeleteDBInstance",
  resource: "arn:aws:rds:*:db:orders-*",
  environment: "production",
  approvedAt: "2026-11-20T10:00:00Z",
  expiresAt: "2026-11-20T12:00:00Z",
  reference,
  channel: "ticket",
  ...extra,
});

const ndjson = (values: unknown[]) => values.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join("\n");

describeEachEngine("POST /api/v1/approvals: one approval or a batch, each stored once", () => {
  let f: IdentityFixture;
  let token = "";
  beforeAll(async () => {
    f = await seedIdentity();
    token = await bearerToken(f, ["ingest"]);
  });

  const post = (body: unknown, headers: Record<string, string> = {}, as = token) => postRoute(apiRequest("POST", "/api/v1/approvals", as, body, headers), noParams);
  const answer = async (response: Promise<Response>) => {
    const r = await response;
    return [r.status, await r.json()];
  };
  const postNdjson = (text: string, as = token) => post(text, { "content-type": "application/x-ndjson" }, as);
  const stored = async (referencePrefix: string) =>
    (await rowsOf<{ reference: string }>(db(), sql`select reference from approvals where reference like ${`${referencePrefix}%`} order by reference`)).map((r) => r.reference);

  test("an NDJSON batch with a bad line stores the others and names the line and field; sent again, every line is a duplicate", async () => {
    const lines = ndjson([approval("ND-1"), approval("ND-2", { expiresAt: "2026-11-20T09:00:00Z" }), "", approval("ND-3"), "{not json", approval("ND-4", { channel: "fax", resource: "" })]);
    const errors = [
      { line: 2, field: "expiresAt", reason: "expires_at must be after approved_at" },
      { line: 5, reason: "not valid JSON (truncated line?)" },
      { line: 6, field: "resource, channel", reason: "resource: is required; channel: must be one of slack, pagerduty, ticket, other" },
    ];
    expect(await answer(postNdjson(lines))).toEqual([200, { accepted: 2, duplicate: 0, rejected: 3, errors }]);
    expect(await stored("ND-")).toEqual(["ND-1", "ND-3"]);

    expect(await answer(postNdjson(lines))).toEqual([200, { accepted: 0, duplicate: 2, rejected: 3, errors }]);
    expect(await stored("ND-")).toEqual(["ND-1", "ND-3"]);
  });

  test("a JSON array batch names each bad element by line and item; a repeat within the batch is a duplicate", async () => {
    const body = `[\n${JSON.stringify(approval("ARR-1"))},\n${JSON.stringify(approval("ARR-2", { approver: "dev@x.test" }))},\n${JSON.stringify(approval("ARR-1"))}\n]`;
    const response = await post(body, { "content-type": "application/json" });
    expect(await response.json()).toEqual({
      accepted: 1,
      duplicate: 1,
      rejected: 1,
      errors: [{ line: 3, item: 2, field: "approver", reason: "the approver must be someone other than the requester" }],
    });
    expect(await stored("ARR-")).toEqual(["ARR-1"]);
  });

  test("a batch whose every line is rejected answers 422 with its report and stores nothing", async () => {
    const errors = [
      { line: 1, field: "environment", reason: "must be one of production, staging, development, *" },
      { line: 2, field: "resource", reason: NUL_REASON },
    ];
    expect(await answer(postNdjson(ndjson([approval("NONE-1", { environment: "prod" }), approval("NONE-2", { resource: "db\u0000x" })])))).toEqual([422, { accepted: 0, duplicate: 0, rejected: 2, errors }]);
    expect(await stored("NONE-")).toEqual([]);
  });

  test("one approval sent twice without a key is stored once: 201, then 200 with the approval held, marked duplicate", async () => {
    const first = await post(approval("ONCE-1"));
    expect(first.status).toBe(201);
    const created = await first.json();
    expect(created).toMatchObject({ reference: "ONCE-1", duplicate: false });
    // The same instants written another way are the same approval.
    const second = await post(approval("ONCE-1", { approvedAt: "2026-11-20T11:00:00+01:00" }));
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ ...created, duplicate: true });
    expect(await stored("ONCE-")).toEqual(["ONCE-1"]);
    // Sent in a batch, it is the same approval again.
    expect(await (await postNdjson(ndjson([approval("ONCE-1")]))).json()).toMatchObject({ accepted: 0, duplicate: 1 });
  });

  test("with an Idempotency-Key the key decides: a retry is a duplicate, another approval under the key a conflict, the same content under another key a second approval", async () => {
    const key = randomUUID();
    expect((await post(approval("KEY-1"), { "idempotency-key": key })).status).toBe(201);
    const retry = await post(approval("KEY-1"), { "idempotency-key": key });
    expect([retry.status, (await retry.json()).duplicate]).toEqual([200, true]);
    const reused = await post(approval("KEY-2"), { "idempotency-key": key });
    expect(reused.status).toBe(409);
    expect((await reused.json()).error.message).toMatch(/Idempotency-Key was already used for a different approval/);
    expect((await post(approval("KEY-1"), { "idempotency-key": randomUUID() })).status).toBe(201);
    expect(await stored("KEY-")).toEqual(["KEY-1", "KEY-1"]);
  });

  test("an approval naming another approval's id is refused on its line, not stored over it", async () => {
    const [held] = await rowsOf<{ id: string }>(db(), sql`select id from approvals limit 1`);
    const response = await postNdjson(ndjson([approval("ID-1", { id: held!.id }), approval("ID-2")]));
    expect(await response.json()).toEqual({ accepted: 1, duplicate: 0, rejected: 1, errors: [{ line: 1, field: "id", reason: "is already another approval's id" }] });
    expect(await stored("ID-")).toEqual(["ID-2"]);
  });

  test("an auditor cannot record approvals, one or a batch, through the API or the data layer", async () => {
    const auditorToken = await bearerToken(f, ["read"], f.auditor);
    expect((await post(approval("AUD-1"), {}, auditorToken)).status).toBe(403);
    expect((await postNdjson(ndjson([approval("AUD-2")]), auditorToken)).status).toBe(403);
    async function* lines() {
      yield { line: 1, approval: approval("AUD-3") as never };
    }
    await expect(ingestApprovals(f.auditor, lines())).rejects.toMatchObject({ code: "forbidden" });
    expect(await stored("AUD-")).toEqual([]);
  });

  test("each approval stored is in the audit log; a duplicate adds no entry", async () => {
    const count = async () => (await rowsOf<{ n: number }>(db(), sql`select count(*)::int as n from audit_log where action = 'approval.create'`))[0]!.n;
    const before = await count();
    await postNdjson(ndjson([approval("LOG-1"), approval("LOG-2")]));
    await postNdjson(ndjson([approval("LOG-1"), approval("LOG-2")]));
    expect(await count()).toBe(before + 2);
  });

  test("a batch is one transaction: a failure storing one approval stores none of them", async () => {
    failAudit.onReference = "TX-2";
    try {
      const response = await postNdjson(ndjson([approval("TX-1"), approval("TX-2"), approval("TX-3")]));
      expect(response.status).toBe(500);
    } finally {
      failAudit.onReference = null;
    }
    expect(await stored("TX-")).toEqual([]);
    expect(await answer(postNdjson(ndjson([approval("TX-1"), approval("TX-2"), approval("TX-3")])))).toEqual([200, { accepted: 3, duplicate: 0, rejected: 0, errors: [] }]);
  });
});
