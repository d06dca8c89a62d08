import { createHash } from "node:crypto";
import type { BlastRadiusItemDto, ControlPostureDto } from "@/lib/domain/posture";
import type { EvidenceException, EvidenceModel } from "@/lib/evidence/model";
import type { BlastCondition } from "@/lib/rules/blast-radius";

/** Hand-built evidence models for the report tests: a realistic SOC 2 package and variants that stress the layout. */

const sha = (s: string) => createHash("sha256").update(s).digest("hex");
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

export const PACKAGE_HASH = sha("leash evidence package fixture");

const control = (
  id: string,
  title: string,
  status: ControlPostureDto["status"],
  score: number | null,
  population: ControlPostureDto["population"],
): ControlPostureDto => ({ id, title, rules: ["R01", "R04"], status, score, population });

const SOC2_CONTROLS: ControlPostureDto[] = [
  control("CC6.1", "Logical access is restricted to authorised users and credentials", "not_effective", 0.712, { pass: 41, fail: 9, excepted: 2, not_applicable: 30 }),
  control("CC6.2", "Credentials are issued, reviewed and removed through a defined process", "effective_with_exceptions", 1, { pass: 18, fail: 0, excepted: 1, not_applicable: 4 }),
  control("CC6.3", "Access is granted on least privilege, with operation allowlists for agents", "not_effective", 0.5, { pass: 6, fail: 6, excepted: 0, not_applicable: 12 }),
  control("CC6.6", "Credentials cannot be used outside their intended environment", "effective", 1, { pass: 22, fail: 0, excepted: 0, not_applicable: 8 }),
  control("CC7.2", "Exposures and anomalies are detected and handled in time", "not_effective", 0.833, { pass: 10, fail: 2, excepted: 0, not_applicable: 1 }),
  control("CC8.1", "Destructive changes in production are approved before they happen", "not_tested", null, { pass: 0, fail: 0, excepted: 0, not_applicable: 5 }),
];

/** Open or in-progress findings per severity, as the builder counts them. */
const OPEN_FINDINGS = { critical: 2, high: 3, medium: 2, low: 1 };

export const JUSTIFICATIONS = [
  "The nightly billing export needs a long-lived key until the vendor ships OIDC federation (ticket BILL-412); the key is scoped to read-only.",
  "Legacy reporting job runs in staging and production with one key; it is being split in Q3 and reviewed weekly until then.",
];

function exceptions(): EvidenceException[] {
  return [
    { uuid: uuid(300), findingUuid: uuid(101), ruleId: "R04", subjectLabel: "billing-export-key", justification: JUSTIFICATIONS[0]!, status: "approved", requestedBy: "dana@example.test", decidedBy: "sam@example.test", decidedAt: "2025-06-03T10:15:00Z", expiresAt: "2025-09-01T00:00:00Z" },
    { uuid: uuid(301), findingUuid: uuid(103), ruleId: "R08", subjectLabel: "reporting-db-key", justification: JUSTIFICATIONS[1]!, status: "pending", requestedBy: "lee@example.test", decidedBy: null, decidedAt: null, expiresAt: "2025-08-15T00:00:00Z" },
  ];
}

const ALL: BlastCondition[] = ["agent_reachable", "production", "destructive", "long_lived"];
const REASONS: Record<BlastCondition, string> = {
  agent_reachable: "agents can use it (agent_accessible)",
  production: "valid in production",
  destructive: "destructive operations allowed (delete, drop)",
  long_lived: "no expiry",
};

function blastRadius(): BlastRadiusItemDto[] {
  const counts = [4, 4, 3, 3, 3, 2, 2, 2, 1, 1, 1, 0];
  return counts.map((n, i) => {
    const conditions = ALL.slice(0, n);
    return {
      credential_id: uuid(400 + i),
      name: `cred-${String(i + 1).padStart(2, "0")}`,
      provider: i % 2 ? "aws" : "postgres",
      team: i % 3 ? "platform" : "payments",
      conditions,
      path: conditions.map((c) => REASONS[c]),
      nine_second: n === 4,
    };
  });
}

function trend(): EvidenceModel["trend"] {
  return Array.from({ length: 30 }, (_, i) => {
    const day = new Date(Date.UTC(2025, 5, 1 + i)).toISOString().slice(0, 10);
    const score = [4, 5, 12, 20, 21].includes(i) ? null : 0.6 + 0.01 * i;
    return { day, score };
  });
}

export function soc2Model(): EvidenceModel {
  return {
    packageUuid: uuid(1),
    generator: { name: "Leash", version: "0.1.0" },
    framework: { id: "soc2", name: "SOC 2" },
    scope: { kind: "as_of", asOf: "2025-06-30T23:59:59Z" },
    generatedAt: "2025-07-01T09:30:00.000Z",
    generatedBy: "auditor@example.test",
    rulesVersion: "2025.06.1",
    parametersVersion: 3,
    parametersHash: sha("parameters v3"),
    score: 0.811,
    controls: SOC2_CONTROLS,
    openFindings: OPEN_FINDINGS,
    exceptions: exceptions(),
    blastRadius: blastRadius(),
    // More than the list shows: the report lists the most exposed, the counts cover the whole inventory.
    blastCounts: { reachable: 1_140, nineSecond: 31 },
    trend: trend(),
    methodology: {
      rules: Array.from({ length: 22 }, (_, i) => ({
        id: `R${String(i + 1).padStart(2, "0")}`,
        title: `Rule number ${i + 1}`,
        severity: (["critical", "high", "medium", "low"] as const)[i % 4]!,
        parameters: i % 3 === 0 ? { maxDays: 90, environments: ["production", "prod"] } : {},
      })),
    },
    files: ["summary/controls.csv", "inventory/credentials.csv", "findings/findings.csv", "exceptions/exceptions.csv", "audit/audit-log.jsonl"].map(
      (path, i) => ({ path, sha256: sha(path), bytes: 1024 * (i + 1) + 17, records: path.endsWith(".jsonl") ? null : 10 * (i + 1), mediaType: "text/csv", title: path }),
    ),
  };
}

/** 40 controls, some with long titles: forces the controls table onto a second page. */
export function manyControlsModel(): EvidenceModel {
  const base = soc2Model();
  const controls = Array.from({ length: 40 }, (_, i) =>
    control(
      `C-${String(i + 1).padStart(3, "0")}`,
      i % 5 === 0 ? `A control with a long title that has to wrap over several lines of the table cell, number ${i + 1}` : `Control ${i + 1}`,
      (["effective", "not_effective", "effective_with_exceptions", "not_tested"] as const)[i % 4]!,
      i % 4 === 3 ? null : (i % 10) / 10,
      { pass: i, fail: i % 3, excepted: i % 2, not_applicable: 1 },
    ),
  );
  return { ...base, framework: { id: "pci", name: "PCI DSS v4.0.1" }, scope: { kind: "period", from: "2025-04-01", to: "2025-06-30" }, controls };
}
