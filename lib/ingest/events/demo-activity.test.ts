import { describe, expect, it } from "vitest";
import { activityEventSchema } from "../../domain/activity-event";
import { flagEvent } from "../../domain/activity-event-flags";
import { approvalSchema } from "../../domain/approval";
import { generateDemoActivity } from "./demo-activity";

const credentials = { railwayToken: "cred-railway", humanDeploy: "cred-deploy", agentReadOnly: "cred-agent-ro", migrationAgent: "cred-migrator" };
const end = new Date("2026-11-25T12:00:00Z");

describe("generateDemoActivity", () => {
  const demo = generateDemoActivity({ seed: 42, end, credentials });

  it("is deterministic in its seed", () => {
    expect(generateDemoActivity({ seed: 42, end, credentials })).toEqual(demo);
    expect(generateDemoActivity({ seed: 43, end, credentials }).events).not.toEqual(demo.events);
  });

  it("produces valid, time-ordered events and approvals within the window", () => {
    for (const e of demo.events) expect(activityEventSchema.parse(e)).toEqual(e);
    for (const a of demo.approvals) expect(approvalSchema.safeParse(a).success).toBe(true);
    const times = demo.events.map((e) => e.occurredAt);
    expect([...times].sort()).toEqual(times);
    expect(Date.parse(times[0] ?? "")).toBeGreaterThanOrEqual(end.getTime() - 31 * 86_400_000);
    expect(Date.parse(times.at(-1) ?? "")).toBeLessThanOrEqual(end.getTime());
    expect(new Set(demo.events.map((e) => e.ingestKey)).size).toBe(demo.events.length);
  });

  it("tells the story: human deploys, approved agent migrations, agent reads", () => {
    const deploys = demo.events.filter((e) => e.operation === "deploy");
    expect(deploys.length).toBeGreaterThan(5);
    expect(deploys.every((e) => e.actorType === "human")).toBe(true);
    const migrations = demo.events.filter((e) => e.rawOperation === "ALTER TABLE");
    expect(migrations.length).toBeGreaterThanOrEqual(4);
    for (const m of migrations) {
      expect(m).toMatchObject({ actorType: "agent", destructive: true, resourceEnvironment: "production" });
      expect(flagEvent(m, null, demo.approvals).unapprovedDestructive.flagged).toBe(false);
    }
    const reads = demo.events.filter((e) => e.operation === "read" && e.actorType === "agent");
    expect(reads.length).toBeGreaterThan(60);
  });

  it("contains the nine seconds: an unapproved agent volume delete in production on the Railway token", () => {
    const flagged = demo.events.filter((e) => flagEvent(e, null, demo.approvals).unapprovedDestructive.flagged);
    expect(flagged).toHaveLength(1);
    const [incident] = flagged;
    expect(incident).toMatchObject({
      rawOperation: "volumeDelete",
      credential: { externalId: "cred-railway" },
      actorType: "agent",
      agentName: "Claude Code",
      resourceEnvironment: "production",
    });
    const listing = demo.events.find((e) => e.rawOperation === "getVolumes");
    expect(Date.parse(incident?.occurredAt ?? "") - Date.parse(listing?.occurredAt ?? "")).toBe(9_000);
  });
});
