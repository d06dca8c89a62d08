import { beforeAll, expect, test } from "vitest";
import { addDays, utcDay } from "@/lib/domain/utc-days";
import { activitySummary, listEvents } from "./activity";
import { ingestEvents } from "./activity-ingest";
import { AppError } from "./errors";
import { buildEvidencePackage, downloadEvidencePackage, listEvidencePackages } from "./evidence";
import { importCredentials } from "./imports";
import { getControl, getPosture, getPostureTrend } from "./posture";
import { seedIdentity, type IdentityFixture } from "./testing/fixtures";
import { describeEachEngine } from "./testing/test-db";
import { createUser, listUsers, updateUser } from "./users";
import { loadViewer, type Viewer } from "./viewer";

async function* bytes(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const today = utcDay(Date.now());
/** A window that is over: ten to three days ago. */
const window = { framework: "pci-dss-4.0.1", from: addDays(today, -10), to: addDays(today, -3) };
const windowEnd = `${window.to}T23:59:59.999Z`;

describeEachEngine("an auditor limited to one framework and audit window", () => {
  let f: IdentityFixture;
  let scoped: Viewer;

  beforeAll(async () => {
    f = await seedIdentity();
    await importCredentials(f.admin, {
      format: "leash-json",
      source: "scope-test",
      fileName: "scope.json",
      input: bytes(JSON.stringify([{ external_id: "scope-1", name: "scope key", provider: "aws", kind: "access_key", team: "Team A", agent_accessible: true }])),
    });
    const event = (id: string, day: string) =>
      JSON.stringify({ event_id: id, occurred_at: `${day}T12:00:00Z`, credential: { external_id: "scope-1" }, actor: "bot", operation: "GetObject", resource: "s3://scope/x", outcome: "success" });
    const lines = [event("in-window", addDays(today, -5)), event("before-window", addDays(today, -20)), event("after-window", addDays(today, -1))].join("\n");
    expect(await ingestEvents(f.admin, { format: "leash-ndjson", fileName: "scope.ndjson", input: bytes(lines) })).toMatchObject({ accepted: 3 });
    const user = await createUser(f.admin, { email: "scoped@fixture.test", name: "Scoped Auditor", role: "auditor", auditScope: { ...window, framework: "pci" } });
    expect(user.auditScope).toEqual(window); // "pci" is stored as the framework's id
    scoped = (await loadViewer(user.id, { via: "session" }))!;
    expect(scoped.auditScope).toEqual(window);
  });

  test("only an auditor can be scoped; a reversed or over-long window is refused naming the field; leaving the role drops the scope", async () => {
    const engineer = await refusal(createUser(f.admin, { email: "scoped-engineer@fixture.test", name: "E", role: "engineer", auditScope: window }));
    expect(engineer.fields).toEqual({ auditScope: "only for the auditor role" });
    await expect(updateUser(f.admin, f.engineerA.userId, { auditScope: window })).rejects.toMatchObject({ fields: { auditScope: "only for the auditor role" } });
    await expect(createUser(f.admin, { email: "reversed@fixture.test", name: "R", role: "auditor", auditScope: { ...window, from: window.to, to: window.from } })).rejects.toMatchObject({ fields: { "auditScope.to": "must not be before the first day" } });
    await expect(createUser(f.admin, { email: "long@fixture.test", name: "L", role: "auditor", auditScope: { ...window, from: "2024-01-01", to: "2025-06-01" } })).rejects.toMatchObject({ fields: { "auditScope.to": expect.stringMatching(/at most 366 days/) } });
    await expect(createUser(f.admin, { email: "unknown@fixture.test", name: "U", role: "auditor", auditScope: { ...window, framework: "hipaa" } })).rejects.toMatchObject({ fields: { "auditScope.framework": "is not a known framework" } });

    const other = await createUser(f.admin, { email: "moving@fixture.test", name: "M", role: "auditor", auditScope: window });
    expect((await updateUser(f.admin, other.id, { role: "engineer" })).auditScope).toBeNull();
    const listed = await listUsers(f.admin);
    expect(listed.find((u) => u.id === other.id)?.auditScope).toBeNull();
    expect(listed.find((u) => u.email === "scoped@fixture.test")?.auditScope).toEqual(window);
  });

  test("posture and controls: another framework is refused naming the scope; now is the window's end; an instant outside it is refused", async () => {
    const soc2 = await refusal(getPosture(scoped, { framework: "soc2" }));
    expect(soc2.code).toBe("forbidden");
    expect(soc2.message).toContain(`PCI DSS v4.0.1`);
    expect(soc2.message).toContain(`${window.from} to ${window.to} (UTC)`);
    expect((await refusal(getControl(scoped, "soc2", "CC6.1", { limit: 50 }))).code).toBe("forbidden");

    expect((await getPosture(scoped, { framework: "pci-dss-4.0.1" })).as_of).toBe(windowEnd);
    const inside = new Date(`${addDays(today, -5)}T08:00:00.000Z`);
    expect((await getPosture(scoped, { framework: "pci", asOf: inside })).as_of).toBe(inside.toISOString());
    expect((await refusal(getPosture(scoped, { framework: "pci", asOf: new Date(`${addDays(today, -1)}T08:00:00Z`) }))).code).toBe("forbidden");
    expect((await refusal(getControl(scoped, "pci-dss-4.0.1", "7.2.2", { limit: 50, as_of: `${addDays(today, -11)}T23:00:00Z` }))).code).toBe("forbidden");
    expect((await getControl(scoped, "pci-dss-4.0.1", "7.2.2", { limit: 50 })).as_of).toBe(windowEnd);

    // Unscoped viewers are not limited.
    expect((await getPosture(f.auditor, { framework: "soc2" })).framework).toBe("soc2");
  });

  test("a trend by days is cut to the window; a period reaching outside it is refused", async () => {
    const trend = await getPostureTrend(scoped, { framework: "pci-dss-4.0.1", days: 30 });
    expect({ from: trend.from, to: trend.to, days: trend.points.length }).toEqual({ from: window.from, to: window.to, days: 8 });
    expect((await refusal(getPostureTrend(scoped, { framework: "pci-dss-4.0.1", from: addDays(window.from, -1), to: window.to }))).code).toBe("forbidden");
    expect((await refusal(getPostureTrend(scoped, { framework: "soc2", days: 30 }))).code).toBe("forbidden");
    expect((await getPostureTrend(f.auditor, { framework: "pci-dss-4.0.1", days: 30 })).points).toHaveLength(30);
  });

  test("activity: the events and day counts of the window only", async () => {
    const events = await listEvents(scoped, { limit: 50 });
    expect(events.items).toHaveLength(1);
    expect(events.items[0]!.occurredAt.slice(0, 10)).toBe(addDays(today, -5));
    expect((await listEvents(f.auditor, { limit: 50 })).items).toHaveLength(3);
    const counted = (await activitySummary(scoped, 30)).days.filter((d) => d.agent + d.human + d.service + d.unknown > 0).map((d) => d.day);
    expect(counted).toEqual([addDays(today, -5)]);
  });

  test("evidence: builds only for the scope (an empty as-of is the window's end); lists and downloads only packages inside it", async () => {
    expect((await refusal(buildEvidencePackage(scoped, { framework: "soc2" }))).code).toBe("forbidden");
    expect((await refusal(buildEvidencePackage(scoped, { framework: "pci", from: window.from, to: today }))).code).toBe("forbidden");
    const own = await buildEvidencePackage(scoped, { framework: "pci" });
    expect(own.scope).toEqual({ kind: "as_of", asOf: windowEnd });
    const period = await buildEvidencePackage(scoped, { framework: "pci", from: window.from, to: window.to });
    const soc2 = await buildEvidencePackage(f.admin, { framework: "soc2", asOf: `${addDays(today, -5)}T00:00:00Z` });
    const pciNow = await buildEvidencePackage(f.admin, { framework: "pci" });

    const visible = (await listEvidencePackages(scoped)).packages.map((p) => p.id);
    expect(visible.sort()).toEqual([own.id, period.id].sort());
    expect((await listEvidencePackages(f.auditor)).packages.map((p) => p.id)).toEqual(expect.arrayContaining([own.id, period.id, soc2.id, pciNow.id]));
    expect((await refusal(downloadEvidencePackage(scoped, soc2.id))).code).toBe("not_found");
    expect((await refusal(downloadEvidencePackage(scoped, pciNow.id))).code).toBe("not_found");
    expect((await downloadEvidencePackage(scoped, own.id)).sha256).toBe(own.sha256);
  });
});
