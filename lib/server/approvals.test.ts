import { beforeAll, expect, test } from "vitest";
import { approvals } from "@/db/schema";
import { listApprovals } from "./approvals";
import { db } from "./db";
import { seedIdentity, type IdentityFixture } from "./testing/fixtures";
import { describeEachEngine } from "./testing/test-db";

const TOTAL = 130;

describeEachEngine("approvals list", () => {
  let f: IdentityFixture;
  let expected: string[];
  beforeAll(async () => {
    f = await seedIdentity();
    // Three approvals per instant: pages must end inside a run of equal times without repeating or skipping one.
    const rows = Array.from({ length: TOTAL }, (_, i) => {
      const approvedAt = new Date(Date.UTC(2026, 10, 1) + Math.floor(i / 3) * 60_000);
      return { approver: "lead@x.test", requester: "dev@x.test", operation: "delete", resource: `db/orders-${i}`, environment: "production", approvedAt, expiresAt: new Date(approvedAt.getTime() + 3_600_000), reference: `INC-${i}`, channel: "ticket" as const, createdBy: "test" };
    });
    const stored = await db().insert(approvals).values(rows).returning({ id: approvals.id, approvedAt: approvals.approvedAt });
    // Newest approval first; equal times by id, descending (uuids order as their lowercase hex text).
    expected = stored.sort((a, b) => b.approvedAt.getTime() - a.approvedAt.getTime() || (a.id < b.id ? 1 : -1)).map((r) => r.id);
  });

  async function pageThrough(limit?: number): Promise<{ ids: string[]; sizes: number[] }> {
    const ids: string[] = [];
    const sizes: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await listApprovals(f.engineerA, { ...(limit ? { limit } : {}), ...(cursor ? { cursor } : {}) });
      ids.push(...page.approvals.map((a) => a.id));
      sizes.push(page.approvals.length);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && sizes.length <= TOTAL);
    return { ids, sizes };
  }

  test("pages past the first hundred, newest first, with no approval repeated or left out", async () => {
    const { ids, sizes } = await pageThrough();
    expect(sizes).toEqual([100, 30]);
    expect(ids).toEqual(expected);
  });

  test("small pages that end between approvals of the same time still list each once, in order", async () => {
    const { ids, sizes } = await pageThrough(7);
    expect(sizes).toHaveLength(Math.ceil(TOTAL / 7));
    expect(ids).toEqual(expected);
  });

  test("a cursor that is not an approval id is refused naming the cursor; an unknown id is an empty page", async () => {
    await expect(listApprovals(f.admin, { cursor: "12" })).rejects.toMatchObject({ code: "invalid", fields: { cursor: "is not a cursor from this list" } });
    expect(await listApprovals(f.admin, { cursor: "00000000-0000-4000-8000-000000000000" })).toEqual({ approvals: [], nextCursor: null });
    await expect(listApprovals(f.admin, { limit: 501 })).rejects.toMatchObject({ code: "invalid", fields: { limit: expect.any(String) } });
  });
});
