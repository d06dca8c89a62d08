import { describe, expect, test } from "vitest";
import type { EvaluationRunDto, PostureDto } from "../lib/domain/posture";
import { FRAMEWORKS } from "../lib/rules";
import { formatEvaluationRun, formatPostureTable, parsePercent, percent, postureGate, resolveFramework } from "./posture-format";

function posture(overrides: Partial<PostureDto> = {}): PostureDto {
  return {
    framework: "soc2",
    framework_name: "SOC 2",
    as_of: "2026-03-01T00:00:00.000Z",
    evaluated_at: "2026-03-01T00:00:05.000Z",
    rules_version: "2026.11.1",
    parameters_version: 3,
    score: 0.725,
    controls: [
      { id: "CC6.1", title: "Access", rules: ["R01"], status: "not_effective", score: 0.5, population: { pass: 10, fail: 10, excepted: 0, not_applicable: 2 } },
      { id: "CC6.2", title: "Issue", rules: ["R07"], status: "effective_with_exceptions", score: 1, population: { pass: 4, fail: 0, excepted: 1, not_applicable: 0 } },
      { id: "CC8.1", title: "Change", rules: ["R16"], status: "not_tested", score: null, population: { pass: 0, fail: 0, excepted: 0, not_applicable: 7 } },
    ],
    blast_radius: [
      {
        credential_id: "c-1",
        name: "pocket-prod-token",
        provider: "railway",
        team: "platform",
        conditions: ["agent_reachable", "production", "destructive", "long_lived"],
        path: ["agents can use it", "valid in production", "no operation allowlist", "never expires"],
        nine_second: true,
      },
      { credential_id: "c-2", name: null, provider: null, team: null, conditions: ["production"], path: ["valid in production"], nine_second: false },
    ],
    blast_radius_count: 2,
    nine_second_count: 1,
    ...overrides,
  };
}

describe("leash posture table (what an on-call reads before an agent gets a production token)", () => {
  test("framework score, the instant, one line per control and the blast radius with nine-second credentials marked", () => {
    expect(formatPostureTable(posture()).split("\n")).toEqual([
      "SOC 2 (soc2): 72.5%",
      "as of 2026-03-01T00:00:00.000Z (evaluated 2026-03-01T00:00:05.000Z; rules 2026.11.1, parameters v3)",
      "",
      "control  status                   score  pass  fail  excepted  n/a",
      "CC6.1    NOT EFFECTIVE            50.0%    10    10         0    2",
      "CC6.2    effective (exceptions)  100.0%     4     0         1    0",
      "CC8.1    not tested                 n/a     0     0         0    7",
      "",
      "Blast radius: 2 credential(s), 1 nine-second",
      "credential         provider  team      met  conditions",
      "pocket-prod-token  railway   platform  4/4  agent_reachable,production,destructive,long_lived  NINE-SECOND",
      "c-2                -         -         1/4  production",
      "",
    ]);
  });

  test("only the top entries are listed, and the header says so; an empty ranking says none", () => {
    const lines = formatPostureTable(posture(), { top: 1 }).split("\n");
    expect(lines).toContain("Blast radius: 2 credential(s), 1 nine-second (top 1)");
    expect(lines.some((l) => l.startsWith("c-2"))).toBe(false);
    // The API lists the highest-ranked few; the header counts every credential in the blast radius.
    expect(formatPostureTable(posture({ blast_radius_count: 412 }))).toContain("Blast radius: 412 credential(s), 1 nine-second (top 2)");
    expect(formatPostureTable(posture({ blast_radius: [], blast_radius_count: 0, nine_second_count: 0 }))).toMatch(/\nBlast radius: no credential meets any condition\n$/);
  });
  test("an imported name or team in the blast radius cannot drive the terminal", () => {
    const [first, second] = posture().blast_radius;
    const table = formatPostureTable(posture({ blast_radius: [{ ...first!, name: "prod\u202egnp.exe", team: "ops\u001b[2J" }, second!] }));
    expect(table).toContain("prod\\u202egnp.exe");
    expect(table).toContain("ops\\x1b[2J");
    expect(table).not.toMatch(/[\u001b\u202e]/);
  });
});

describe("the CI gate", () => {
  test("--fail-under fails below the printed score and passes at it", () => {
    expect(postureGate(posture(), { failUnder: 80 })).toEqual({ exitCode: 1, reasons: ["score 72.5% is below --fail-under 80%"] });
    expect(postureGate(posture(), { failUnder: 72.5 })).toEqual({ exitCode: 0, reasons: [] });
    // 0.29 * 100 is 28.999… in floating point; the gate compares what it prints.
    expect(postureGate(posture({ score: 0.29 }), { failUnder: 29 }).exitCode).toBe(0);
    // One failing item among thousands: printed 99.9%, so a gate at 100 fails it.
    expect(postureGate(posture({ score: 0.9996 }), { failUnder: 100 })).toEqual({ exitCode: 1, reasons: ["score 99.9% is below --fail-under 100%"] });
  });

  test("an unscored framework fails --fail-under; without gates nothing fails", () => {
    expect(postureGate(posture({ score: null }), { failUnder: 0 }).exitCode).toBe(1);
    expect(postureGate(posture({ score: 0 }), {})).toEqual({ exitCode: 0, reasons: [] });
  });

  test("--fail-on-not-effective names the controls; exceptions and untested controls do not fail it", () => {
    expect(postureGate(posture(), { failOnNotEffective: true })).toEqual({ exitCode: 1, reasons: ["1 control(s) not effective: CC6.1"] });
    const healthy = posture({ controls: posture().controls.filter((c) => c.status !== "not_effective") });
    expect(postureGate(healthy, { failOnNotEffective: true, failUnder: 50 })).toEqual({ exitCode: 0, reasons: [] });
  });

  test("percentages parse strictly", () => {
    expect(parsePercent("80")).toBe(80);
    expect(parsePercent("72.5%")).toBe(72.5);
    for (const bad of ["", "abc", "-1", "101"]) expect(() => parsePercent(bad)).toThrow(/--fail-under must be a percentage/);
    expect(percent(null)).toBe("n/a");
    expect(percent(0.9995)).toBe("99.9%");
    expect(percent(1)).toBe("100.0%");
  });
});

describe("framework names", () => {
  test("short keys and exact ids both resolve; unknown names do not", () => {
    expect(resolveFramework("pci", FRAMEWORKS)?.id).toBe("pci-dss-4.0.1");
    expect(resolveFramework("pci-dss-4.0.1", FRAMEWORKS)?.id).toBe("pci-dss-4.0.1");
    expect(resolveFramework("SOC2", FRAMEWORKS)?.id).toBe("soc2");
    expect(resolveFramework("nist", FRAMEWORKS)?.id).toBe("nist-csf-2.0");
    expect(resolveFramework("iso", FRAMEWORKS)?.id).toBe("iso-27001-2022");
    expect(resolveFramework("hipaa", FRAMEWORKS)).toBeUndefined();
  });
});

test("leash evaluate prints the run summary", () => {
  const run: EvaluationRunDto = {
    id: "run-1",
    scope: "full",
    trigger: "cli",
    rulesVersion: "2026.11.1",
    parametersVersion: 3,
    parametersHash: "h",
    startedAt: "2026-03-01T00:00:00.000Z",
    finishedAt: "2026-03-01T00:00:01.250Z",
    durationMs: 1250,
    subjects: 120,
    evaluations: 2400,
    failed: 37,
    opened: 5,
    resolved: 2,
    status: "completed",
    failure: null,
  };
  expect(formatEvaluationRun(run)).toBe(
    [
      "Evaluation completed (full, trigger cli) in 1.3 s",
      "rules 2026.11.1, parameters v3",
      "subjects      120",
      "evaluations  2400",
      "failed         37",
      "opened          5",
      "resolved        2",
      "",
    ].join("\n"),
  );
});
