import { sql } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { db } from "./db";
import { listFindings, updateFinding } from "./findings";
import { seedIdentityWithInventory, type IdentityFixture } from "./testing/fixtures";
import { describeEachEngine } from "./testing/test-db";

// Two keys of Team A that each fail R20 (plaintext), so the queue holds one finding per key.
const CSV = "external_id,name,provider,kind,team,storage\r\nlate-1,late one,github,pat,Team A,plaintext\r\nlate-2,late two,github,pat,Team A,plaintext\r\n";

describeEachEngine("the findings queue", () => {
  let f: IdentityFixture;
  beforeAll(async () => {
    f = await seedIdentityWithInventory(CSV);
  });

  test("overdue and not overdue split the active findings: a finding in progress past its due date is overdue only", async () => {
    const ids = (page: Awaited<ReturnType<typeof listFindings>>) => page.items.map((i) => i.id).sort();
    const [one, two] = (await listFindings(f.admin, { rule: "R20" })).items;
    await db().execute(sql`update findings set due_at = now() - interval '1 hour' where id in (${one!.id}::uuid, ${two!.id}::uuid)`);
    await updateFinding(f.engineerA, two!.id, { status: "in_progress" });
    const overdue = await listFindings(f.admin, { rule: "R20", overdue: "true" });
    expect(ids(overdue)).toEqual([one!.id, two!.id].sort());
    expect(overdue.items.every((i) => i.overdue)).toBe(true);
    expect((await listFindings(f.admin, { rule: "R20", overdue: "false" })).items).toEqual([]);
  });
});
