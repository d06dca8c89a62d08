import { beforeAll, expect, test } from "vitest";
import { afterExpiry } from "@/lib/domain/activity-event-flags";
import type { EventDetailDto } from "@/lib/domain/activity-query";
import { bytesOf } from "@/lib/ingest/credentials/test-support";
import { ingestEvents } from "./activity-ingest";
import { getEvent, listEvents } from "./activity";
import { updateCredential } from "./credentials";
import { getFinding, listFindings } from "./findings";
import { importCredentials } from "./imports";
import { getControl } from "./posture";
import { seedIdentity, type IdentityFixture } from "./testing/fixtures";
import { describeEachEngine } from "./testing/test-db";

const USED_AT = "2026-11-20T09:00:00.000Z";
const BEFORE_USE = "2026-11-19T00:00:00.000Z";
const AFTER_USE = "2026-11-21T00:00:00.000Z";

/**
 * The uses judged again when a credential's expiry or revocation changes, by import or by a person, must read as
 * afterExpiry() would have judged them at ingest with the credential as it now stands.
 */
describeEachEngine("after-expiry flags when expiry or revocation changes", () => {
  let f: IdentityFixture;
  beforeAll(async () => {
    f = await seedIdentity();
  });

  /** Imports one staging credential of Team A into a source of its own name, with the dates given. */
  async function importKey(name: string, dates: { expires_at?: string; revoked_at?: string }) {
    const record = { external_id: name, provider: "aws", kind: "access_key", team: "Team A", environments: ["staging"], principal_type: "service", ...dates };
    const run = await importCredentials(f.admin, { format: "leash-json", source: name, fileName: `${name}.json`, input: bytesOf(JSON.stringify([record]), 4096) });
    expect(run.status).toBe("applied");
  }

  /** One use of the credential, in production (so it is also a cross-environment use, a flag left alone here). */
  async function useOf(name: string): Promise<() => Promise<EventDetailDto>> {
    const use = { event_id: `use-${name}`, occurred_at: USED_AT, credential: { external_id: name }, actor: "deployer", actor_type: "service", operation: "GetObject", resource: `s3://${name}/a`, environment: "production", outcome: "success" };
    await ingestEvents(f.admin, { format: "leash-ndjson", fileName: `${name}.ndjson`, input: bytesOf(`${JSON.stringify(use)}\n`, 4096) });
    const [listed] = (await listEvents(f.admin, { q: `s3://${name}/a` })).items;
    return () => getEvent(f.admin, listed!.id);
  }

  /** R18's verdict on the use of `name`: a finding open while the use counts as after expiry or revocation. */
  async function r18Open(name: string): Promise<boolean> {
    const { items } = await listFindings(f.admin, { rule: "R18", q: `s3://${name}/a`, status: "all" });
    return items.some((finding) => finding.status === "open");
  }

  /** The flag and reason afterExpiry() gives the event with the credential's dates as stated. */
  function judged(event: EventDetailDto, dates: { expiresAt?: string; revokedAt?: string }) {
    const facts = { id: event.credential!.id, environments: ["staging"], expiresAt: dates.expiresAt ?? null, revokedAt: dates.revokedAt ?? null, principalType: "service" as const };
    const { flagged, reason } = afterExpiry(event, facts);
    return { afterExpiry: flagged, flagReasons: { afterExpiry: reason } };
  }

  test("an import that moves the expiry past a use, or back before it, unflags and flags it again", async () => {
    await importKey("moved-expiry", { expires_at: BEFORE_USE });
    const use = await useOf("moved-expiry");
    expect(await use()).toMatchObject({ afterExpiry: true, crossEnv: true, flagged: true });
    expect(await r18Open("moved-expiry")).toBe(true);

    await importKey("moved-expiry", { expires_at: AFTER_USE });
    const extended = await use();
    expect(extended).toMatchObject({ ...judged(extended, { expiresAt: AFTER_USE }), afterExpiry: false, crossEnv: true, flagged: true });
    expect(extended.flagReasons.crossEnv).toMatch(/touched production .* scoped to staging/);
    // R18 agrees with the page: the expiry last stated holds for every use.
    expect(await r18Open("moved-expiry")).toBe(false);

    await importKey("moved-expiry", { expires_at: BEFORE_USE });
    const shortened = await use();
    expect(shortened).toMatchObject({ ...judged(shortened, { expiresAt: BEFORE_USE }), afterExpiry: true, flagged: true });
    expect(shortened.flagReasons.afterExpiry).toMatch(/after it expired at 2026-11-19T00:00:00.000Z$/);
    expect(await r18Open("moved-expiry")).toBe(true);
  });

  test("an import that clears a revocation, or moves it past a use, unflags the use; the expiry still counts", async () => {
    await importKey("moved-revocation", { revoked_at: BEFORE_USE });
    const use = await useOf("moved-revocation");
    const revoked = await use();
    expect(revoked).toMatchObject({ ...judged(revoked, { revokedAt: BEFORE_USE }), afterExpiry: true });
    expect(await r18Open("moved-revocation")).toBe(true);

    await importKey("moved-revocation", { revoked_at: AFTER_USE });
    const later = await use();
    expect(later).toMatchObject({ ...judged(later, { revokedAt: AFTER_USE }), afterExpiry: false });
    expect(await r18Open("moved-revocation")).toBe(false);

    await importKey("moved-revocation", { revoked_at: BEFORE_USE, expires_at: BEFORE_USE });
    await importKey("moved-revocation", { expires_at: BEFORE_USE });
    const cleared = await use();
    expect(cleared).toMatchObject({ ...judged(cleared, { expiresAt: BEFORE_USE }), afterExpiry: true });
    expect(cleared.flagReasons.afterExpiry).toMatch(/after it expired/);
    expect(await r18Open("moved-revocation")).toBe(true);
  });

  test("a reason names the credential by id, as written; the finding and the control's population name it for display", async () => {
    await importKey("named-in-reason", { expires_at: BEFORE_USE });
    const event = await (await useOf("named-in-reason"))();
    const named = [{ id: event.credential!.id, name: "named-in-reason" }];
    const [finding] = (await listFindings(f.engineerA, { rule: "R18", q: "s3://named-in-reason/a", status: "all" })).items;
    expect(finding!.reason).toContain(`credential ${event.credential!.id} was used`);
    expect(finding!.reasonCredentials).toEqual(named);
    expect((await getFinding(f.auditor, finding!.id)).reasonCredentials).toEqual(named);
    const { population } = await getControl(f.admin, "soc2", "CC6.2", { rule: "R18", result: "fail", limit: 500 });
    const item = population.items.find((i) => i.reason.includes(event.credential!.id));
    expect(item?.reason_credentials).toEqual(named);
  });

  test("a use flagged only for the expiry is no longer flagged at all once the expiry moves past it", async () => {
    await importKey("only-expiry", { expires_at: BEFORE_USE });
    const use = { event_id: "use-only-expiry", occurred_at: USED_AT, credential: { external_id: "only-expiry" }, actor: "deployer", actor_type: "service", operation: "GetObject", resource: "s3://only-expiry/a", environment: "staging", outcome: "success" };
    await ingestEvents(f.admin, { format: "leash-ndjson", fileName: "only-expiry.ndjson", input: bytesOf(`${JSON.stringify(use)}\n`, 4096) });
    const [listed] = (await listEvents(f.admin, { q: "s3://only-expiry/a" })).items;
    expect(listed).toMatchObject({ afterExpiry: true, crossEnv: false, flagged: true });
    await importKey("only-expiry", { expires_at: AFTER_USE });
    expect(await getEvent(f.admin, listed!.id)).toMatchObject({ afterExpiry: false, crossEnv: false, flagged: false });
  });

  test("a person's edit of the expiry judges the credential's uses again, in the edit", async () => {
    await importKey("edited-expiry", { expires_at: AFTER_USE });
    const use = await useOf("edited-expiry");
    const before = await use();
    expect(before).toMatchObject({ afterExpiry: false });

    await updateCredential(f.admin, before.credential!.id, { expires_at: BEFORE_USE });
    const shortened = await use();
    expect(shortened).toMatchObject({ ...judged(shortened, { expiresAt: BEFORE_USE }), afterExpiry: true, flagged: true });

    await updateCredential(f.admin, before.credential!.id, { expires_at: null });
    const cleared = await use();
    expect(cleared).toMatchObject({ ...judged(cleared, {}), afterExpiry: false, crossEnv: true, flagged: true });
  });
});
