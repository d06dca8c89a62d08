import { randomUUID } from "node:crypto";
import { beforeAll, expect, test } from "vitest";
import { evidencePackages } from "@/db/schema";
import type { EvidenceScope } from "@/lib/evidence/model";
import { db } from "./db";
import { listEvidencePackages } from "./evidence";
import { currentSigningKey } from "./evidence-keys";
import { seedIdentity, type IdentityFixture } from "./testing/fixtures";
import { describeEachEngine } from "./testing/test-db";
import { createUser } from "./users";
import { loadViewer, type Viewer } from "./viewer";

const NEWER_OUT_OF_SCOPE = 230;
const window = { framework: "pci-dss-4.0.1", from: "2026-10-01", to: "2026-10-31" };

describeEachEngine("the list of evidence packages", () => {
  let f: IdentityFixture;
  let scoped: Viewer;
  let inScope: string[];
  let all: string[];

  beforeAll(async () => {
    f = await seedIdentity();
    const user = await createUser(f.admin, { email: "scoped-list@fixture.test", name: "Scoped", role: "auditor", auditScope: window });
    scoped = (await loadViewer(user.id, { via: "session" }))!;
    const { keyId } = await currentSigningKey();
    const row = (framework: string, scope: EvidenceScope, createdAt: Date) => ({ id: randomUUID(), framework, scope, keyId, sha256: "0".repeat(64), bytes: 1, files: 1, createdAt, createdBy: "test" });
    const base = Date.UTC(2026, 10, 1);
    // The auditor's packages are the oldest: inside the window as of an instant and for a period, two built at one instant.
    const own = [
      row("pci-dss-4.0.1", { kind: "as_of", asOf: "2026-10-15T12:00:00.000Z" }, new Date(base)),
      row("pci-dss-4.0.1", { kind: "period", from: "2026-10-01", to: "2026-10-31" }, new Date(base)),
      row("pci-dss-4.0.1", { kind: "as_of", asOf: "2026-10-31T23:59:59.999Z" }, new Date(base + 1000)),
    ];
    const others = [
      row("pci-dss-4.0.1", { kind: "as_of", asOf: "2026-11-01T00:00:00.000Z" }, new Date(base + 2000)),
      row("pci-dss-4.0.1", { kind: "period", from: "2026-10-01", to: "2026-11-01" }, new Date(base + 2000)),
      // Many newer packages outside the scope: three to a creation instant, so pages end between equal times.
      ...Array.from({ length: NEWER_OUT_OF_SCOPE }, (_, i) => row("soc2", { kind: "as_of", asOf: "2026-10-15T00:00:00.000Z" }, new Date(base + 3000 + Math.floor(i / 3) * 1000))),
    ];
    await db().insert(evidencePackages).values([...own, ...others]);
    const newestFirst = (rows: typeof own) => [...rows].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1)).map((r) => r.id);
    inScope = newestFirst(own);
    all = newestFirst([...own, ...others]);
  });

  async function pageThrough(viewer: Viewer, limit?: number): Promise<{ ids: string[]; sizes: number[] }> {
    const ids: string[] = [];
    const sizes: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await listEvidencePackages(viewer, { ...(limit ? { limit } : {}), ...(cursor ? { cursor } : {}) });
      ids.push(...page.packages.map((p) => p.id));
      sizes.push(page.packages.length);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && sizes.length <= all.length);
    return { ids, sizes };
  }

  test("a scoped auditor sees their older packages however many newer ones are outside their scope", async () => {
    expect(await listEvidencePackages(scoped)).toEqual({ packages: inScope.map((id) => expect.objectContaining({ id })), nextCursor: null });
    expect(await pageThrough(scoped, 2)).toEqual({ ids: inScope, sizes: [2, 1] });
  });

  test("every package is reachable in pages, newest first, none repeated or left out where pages end between equal times", async () => {
    expect(await pageThrough(f.auditor)).toEqual({ ids: all, sizes: [100, 100, all.length - 200] });
    const small = await pageThrough(f.admin, 7);
    expect(small.ids).toEqual(all);
    expect(small.sizes).toHaveLength(Math.ceil(all.length / 7));
  });

  test("a cursor that is not a package id is refused naming it; an unknown id is an empty page; engineers are refused", async () => {
    await expect(listEvidencePackages(f.admin, { cursor: "12" })).rejects.toMatchObject({ code: "invalid", fields: { cursor: "is not a cursor from this list" } });
    expect(await listEvidencePackages(f.admin, { cursor: "00000000-0000-4000-8000-000000000000" })).toEqual({ packages: [], nextCursor: null });
    await expect(listEvidencePackages(f.admin, { limit: 501 })).rejects.toMatchObject({ code: "invalid", fields: { limit: expect.any(String) } });
    await expect(listEvidencePackages(f.engineerA)).rejects.toMatchObject({ code: "forbidden" });
  });
});
