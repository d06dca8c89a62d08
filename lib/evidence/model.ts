import type { BlastRadiusItemDto, ControlPostureDto } from "@/lib/domain/posture";
import type { Severity, SubjectKind } from "@/lib/rules";

/**
 * Everything an evidence package says, gathered once (by the server, for a framework and an instant or period) and
 * rendered by writers: the CSVs, report.pdf, the OSCAL documents and the manifest. The findings, which can number
 * millions, are not in the model: they stream past the writers once (see OscalDocumentWriter) and the model
 * keeps their counts.
 */

export type EvidenceScope = { kind: "as_of"; asOf: string } | { kind: "period"; from: string; to: string };

export type EvidenceFinding = {
  /** Stable across exports: UUID v5 of (rule, subject kind, subject id). */
  uuid: string;
  ruleId: string;
  ruleTitle: string;
  severity: Severity;
  subjectKind: SubjectKind;
  subjectId: string;
  subjectLabel: string;
  /** The team that owns the subject (its id and name), or null for an unowned one. */
  teamId: string | null;
  team: string | null;
  /** The framework's controls this rule maps to. */
  controlIds: string[];
  reason: string;
  remediation: string;
  status: "open" | "in_progress" | "resolved" | "risk_accepted";
  firstDetectedAt: string;
  dueAt: string;
};

export type EvidenceException = {
  uuid: string;
  findingUuid: string;
  ruleId: string;
  subjectLabel: string;
  justification: string;
  status: "pending" | "approved" | "rejected" | "expired";
  requestedBy: string;
  decidedBy: string | null;
  decidedAt: string | null;
  expiresAt: string;
};

/** One file of the package, as the manifest lists it and OSCAL back-matter links to it. */
export type EvidenceFile = { path: string; sha256: string; bytes: number; records: number | null; mediaType: string; title: string };

export type EvidenceModel = {
  packageUuid: string;
  generator: { name: "Leash"; version: string };
  framework: { id: string; name: string };
  scope: EvidenceScope;
  generatedAt: string;
  generatedBy: string;
  rulesVersion: string;
  parametersVersion: number;
  parametersHash: string;
  /** Framework score in [0, 1]; null when nothing applicable was evaluated. */
  score: number | null;
  controls: ControlPostureDto[];
  /** Open or in-progress findings per severity. */
  openFindings: Record<Severity, number>;
  exceptions: EvidenceException[];
  /** The most exposed credentials, ranked (the report lists these); `blastCounts` counts every one in reach. */
  blastRadius: BlastRadiusItemDto[];
  /** Credentials meeting at least one condition, and those meeting all four, over the whole inventory. */
  blastCounts: { reachable: number; nineSecond: number };
  /** One point per UTC day (the period, or the 30 days up to the as-of instant). */
  trend: { day: string; score: number | null }[];
  methodology: { rules: { id: string; title: string; severity: Severity; parameters: Record<string, unknown> }[] };
  /** The data files already written to the package (CSV, JSONL), for the report's file list and OSCAL back-matter. */
  files: EvidenceFile[];
};
