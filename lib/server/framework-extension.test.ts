import { beforeAll, expect, test, vi } from "vitest";
import { sql } from "drizzle-orm";
import { resolveFramework } from "@/cli/posture-format";
import { auditScopeSchema } from "@/lib/domain/audit-scope";
import { readZipEntries } from "@/lib/evidence/package/read-zip";
import { FRAMEWORKS, RULES, scoreFramework } from "@/lib/rules";
import { FIXTURE_FRAMEWORK } from "@/lib/rules/testing/fixture-framework";
import { db } from "./db";
import { seedDemoWorkspace } from "./demo-seed";
import { buildEvidencePackage } from "./evidence";
import { getControl, getPosture, getPostureTrend } from "./posture";
import { downloaded } from "./testing/evidence-files";
import { describeEachEngine } from "./testing/test-db";
import { loadViewer, type Viewer } from "./viewer";

// Registers the fixture the way a line in lib/rules/frameworks/index.ts would; no rule file is touched.
vi.mock("@/lib/rules/frameworks", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/rules/frameworks")>();
  const { FIXTURE_FRAMEWORK: fixture } = await import("@/lib/rules/testing/fixture-framework");
  const frameworks = [...original.FRAMEWORKS, fixture];
  return {
    ...original,
    FRAMEWORKS: frameworks,
    frameworkById: (id: string) => frameworks.find((f) => f.id === id.toLowerCase() || f.key === id.toLowerCase()),
    frameworkKeysText: (separator = " | ") => frameworks.map((f) => f.key).join(separator),
  };
});

async function viewerByEmail(email: string): Promise<Viewer> {
  const rows = (await db().execute(sql`select id from users where email = ${email}`)) as unknown as { rows: { id: string }[] };
  return (await loadViewer(rows.rows[0]!.id, { via: "session" }))!;
}

test("the fixture is a framework no rule lists, registered beside the shipped ones", () => {
  expect(RULES.some((r) => FIXTURE_FRAMEWORK.key in r.controls)).toBe(false);
  expect(FRAMEWORKS.map((f) => f.id)).toEqual(["soc2", "pci-dss-4.0.1", "nist-csf-2.0", "iso-27001-2022", FIXTURE_FRAMEWORK.id]);
  expect(resolveFramework("fixture", FRAMEWORKS)?.id).toBe(FIXTURE_FRAMEWORK.id);
  expect(auditScopeSchema.parse({ framework: "fixture", from: "2026-11-01", to: "2026-11-02" }).framework).toBe(FIXTURE_FRAMEWORK.id);
});

test("scoring reads the fixture's mapping from its file", () => {
  const evaluations = [
    { ruleId: "R16", subjectId: "e1", severity: "critical" as const, status: "fail" as const },
    { ruleId: "R13", subjectId: "c1", severity: "high" as const, status: "pass" as const },
    { ruleId: "R08", subjectId: "k1", severity: "critical" as const, status: "fail" as const },
  ];
  const scored = scoreFramework(FIXTURE_FRAMEWORK, evaluations);
  expect(scored.controls.map((c) => [c.controlId, c.status, c.score])).toEqual([["FX-1", "not_effective", 0], ["FX-2", "effective", 1]]);
  expect(scored.score).toBe(0.5);
});

describeEachEngine("a framework added as one file", () => {
  let admin: Viewer;
  beforeAll(async () => {
    await seedDemoWorkspace();
    admin = await viewerByEmail("admin@demo.leash.dev");
  });

  test("its posture and control pages list its controls, with the figures of the shipped controls sharing its rules", async () => {
    const [fixture, soc2, pci] = await Promise.all([
      getPosture(admin, { framework: "fixture" }),
      getPosture(admin, { framework: "soc2" }),
      getPosture(admin, { framework: "pci" }),
    ]);
    expect(fixture).toMatchObject({ framework: FIXTURE_FRAMEWORK.id, framework_name: FIXTURE_FRAMEWORK.name });
    const figures = (c: (typeof fixture.controls)[number] | undefined) => c && { status: c.status, score: c.score, population: c.population };
    expect(fixture.controls.map((c) => c.id)).toEqual(["FX-1", "FX-2"]);
    expect(figures(fixture.controls[0])).toEqual(figures(soc2.controls.find((c) => c.id === "CC8.1")));
    expect(figures(fixture.controls[1])).toEqual(figures(pci.controls.find((c) => c.id === "8.6.2")));
    expect(fixture.controls[1]!.population.fail).toBeGreaterThan(0);

    const control = await getControl(admin, "fixture", "FX-2", { limit: 50 });
    expect(control.rules.map((r) => r.id)).toEqual(["R12", "R13", "R21"]);
    expect(control.population.total).toBe((await getControl(admin, "pci", "8.6.2", { limit: 50 })).population.total);
    const trend = await getPostureTrend(admin, { framework: "fixture", days: 3 });
    expect(trend.points.map((p) => p.controls.map((c) => c.id))).toEqual([["FX-1", "FX-2"], ["FX-1", "FX-2"], ["FX-1", "FX-2"]]);
  });

  test("its evidence package carries its controls' populations and OSCAL", async () => {
    const built = await buildEvidencePackage(admin, { framework: "fixture" });
    expect(built.framework).toBe(FIXTURE_FRAMEWORK.id);
    const entries = await readZipEntries(await downloaded(admin, built.id));
    expect([...entries.keys()]).toEqual(expect.arrayContaining(["populations/FX-1.csv", "populations/FX-2.csv", "oscal/assessment-results.json"]));
    const oscal = JSON.parse(entries.get("oscal/assessment-results.json")!.toString("utf8"));
    expect(JSON.stringify(oscal)).toContain(FIXTURE_FRAMEWORK.name);
  });
});
