import { z } from "zod";
import { agentRuntimeSchema, type AgentRuntime } from "@/lib/ingest/events/agent-runtimes";
import type { BlastCondition } from "@/lib/rules/blast-radius";
import type { ControlStatus, Severity, SubjectKind } from "@/lib/rules";
import type { NamedCredential } from "./credential-mentions";
import { withDayPeriod } from "./day-period";
import { isoInstant } from "./iso-instant";
import { periodDay } from "./period-day";

/**
 * Posture, findings and exceptions as the API, CLI and pages exchange them. The posture JSON is snake_case because
 * scripts and CI gate on it (`leash posture --format json`), and its field names are part of the contract.
 */

export type PopulationCounts = { pass: number; fail: number; excepted: number; not_applicable: number };
export type VerdictResult = keyof PopulationCounts;

export type ControlPostureDto = {
  id: string;
  title: string;
  rules: string[];
  status: ControlStatus;
  /** Weighted share of pass + excepted in [0, 1]; null when nothing applicable was evaluated. */
  score: number | null;
  population: PopulationCounts;
};

export type BlastRadiusItemDto = {
  credential_id: string;
  name: string | null;
  provider: string | null;
  team: string | null;
  conditions: BlastCondition[];
  /** One plain-words reason per condition, in the same order. */
  path: string[];
  nine_second: boolean;
};

export type PostureDto = {
  framework: string;
  framework_name: string;
  /** The instant the posture describes (ISO, UTC). */
  as_of: string;
  /** When the evaluation behind it ran; for a past instant, when it was rebuilt. */
  evaluated_at: string;
  rules_version: string;
  parameters_version: number;
  score: number | null;
  controls: ControlPostureDto[];
  /** The highest-ranked credentials of the blast radius (the first ten). */
  blast_radius: BlastRadiusItemDto[];
  /** Every credential in the blast radius, and how many of them meet all four conditions. */
  blast_radius_count: number;
  nine_second_count: number;
};

export type PopulationItemDto = {
  rule_id: string;
  rule_title: string;
  severity: Severity;
  subject_kind: SubjectKind;
  subject_id: string;
  /** Human label: credential name, event operation and resource, corpus name. */
  label: string;
  /** Where the subject is shown in the UI. */
  href: string | null;
  result: VerdictResult;
  reason: string;
  /** The credentials the reason names by id that the viewer may open, to show by name. */
  reason_credentials: NamedCredential[];
  /** The open or resolved finding for this (rule, subject), when there is one. */
  finding_id: string | null;
};

export type ControlDetailDto = {
  framework: string;
  framework_name: string;
  as_of: string;
  control: ControlPostureDto;
  /** Each rule of the control with its own counts. */
  rules: { id: string; title: string; severity: Severity; population: PopulationCounts }[];
  population: { items: PopulationItemDto[]; next_cursor: string | null; total: number };
};

export const postureQuerySchema = z.object({
  framework: z.string().min(1).max(40).default("soc2"),
  as_of: isoInstant().optional().describe("ISO instant; omitted = now"),
});

export const controlPopulationQuerySchema = z.object({
  as_of: isoInstant().optional(),
  result: z.enum(["pass", "fail", "excepted", "not_applicable"]).optional(),
  rule: z.string().regex(/^R\d\d$/).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ControlPopulationQuery = z.infer<typeof controlPopulationQuerySchema>;

/** One day of a trend or an audit period: the framework score and each control's status at that day's end. */
export type PosturePointDto = {
  day: string;
  score: number | null;
  controls: { id: string; status: ControlStatus; score: number | null }[];
};
export type PostureTrendDto = { framework: string; from: string; to: string; points: PosturePointDto[] };

export const postureTrendQuerySchema = withDayPeriod(
  z.object({
    framework: z.string().min(1).max(40).default("soc2"),
    days: z.coerce.number().int().min(1).max(366).optional(),
    from: periodDay().optional().describe("first day (UTC) of an audit period, YYYY-MM-DD"),
    to: periodDay().optional().describe("last day (UTC) of an audit period, YYYY-MM-DD"),
  }),
);

// ---- Findings ----------------------------------------------------------------------------------------------

export const FINDING_STATUSES = ["open", "in_progress", "resolved", "risk_accepted"] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
export const EXCEPTION_STATUSES = ["pending", "approved", "rejected", "expired"] as const;
export type ExceptionStatus = (typeof EXCEPTION_STATUSES)[number];

export type ExceptionDto = {
  id: string;
  findingId: string;
  justification: string;
  status: ExceptionStatus;
  requestedBy: string;
  requestedAt: string;
  expiresAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  /** Enough of the finding to decide without opening it. */
  finding: { ruleId: string; ruleTitle: string; severity: Severity; subjectLabel: string; teamName: string | null };
};

export type FindingDto = {
  id: string;
  ruleId: string;
  ruleTitle: string;
  severity: Severity;
  subjectKind: SubjectKind;
  subjectId: string;
  subjectLabel: string;
  subjectHref: string | null;
  teamId: string | null;
  teamName: string | null;
  status: FindingStatus;
  assignee: { id: string; email: string; name: string } | null;
  /** Why it fails, naming the values (from the latest evaluation). */
  reason: string;
  /** The credentials the reason names by id that the viewer may open, to show by name. */
  reasonCredentials: NamedCredential[];
  remediation: string;
  firstDetectedAt: string;
  /** The last evaluation that opened, reopened or re-explained it (an unchanged failure is not rewritten). */
  lastDetectedAt: string;
  dueAt: string;
  resolvedAt: string | null;
  overdue: boolean;
  /** The latest exception request, if any. */
  exception: Omit<ExceptionDto, "finding"> | null;
};

/** Age buckets (days since first detected) of the overview, each a queue filter. */
export const FINDING_AGES = ["under7", "from7to30", "from30to90", "over90"] as const;
export type FindingAge = (typeof FINDING_AGES)[number];
export const FINDING_AGE_LABELS: Record<FindingAge, string> = { under7: "under 7 days", from7to30: "7–30 days", from30to90: "30–90 days", over90: "over 90 days" };
/** [newer than, at least] days for each bucket. */
export const FINDING_AGE_DAYS: Record<FindingAge, [number | null, number | null]> = {
  under7: [7, null],
  from7to30: [30, 7],
  from30to90: [90, 30],
  over90: [null, 90],
};

export const findingListQuerySchema = z.object({
  status: z.enum([...FINDING_STATUSES, "active", "all"]).default("active").describe("active = open or in progress"),
  severity: z.enum(["critical", "high", "medium", "low"]).optional(),
  rule: z.string().regex(/^R\d\d$/).optional(),
  teamId: z.uuid().optional(),
  // zod reports a wrong value against the id alone ("Invalid UUID"): the id's own message names the words too.
  assignee: z.union([z.uuid({ error: "must be a user's id, me or none" }), z.enum(["me", "none"])]).optional(),
  subjectKind: z.enum(["credential", "event", "corpus", "audit_log"]).optional(),
  subjectId: z.string().max(200).optional(),
  credentialId: z.uuid().optional().describe("findings on this credential and on the activity events that used it"),
  overdue: z.enum(["true", "false"]).optional(),
  age: z.enum(FINDING_AGES).optional().describe("whole UTC days since the day first detected, as the overview buckets them"),
  q: z.string().max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type FindingListQuery = z.input<typeof findingListQuerySchema>;
export type FindingPage = { items: FindingDto[]; nextCursor: string | null; total: number };

/** A finding's assignee: a user's id, or null to leave it unassigned. */
const assigneeId = z.uuid({ error: "must be a user's id, or null for nobody" }).nullable().optional();

/** People move a finding between open and in progress, or assign it; resolved and risk accepted come from Leash. */
export const findingUpdateSchema = z
  .object({
    status: z.enum(["open", "in_progress"]).optional(),
    assigneeId,
  })
  .refine((v) => v.status !== undefined || v.assigneeId !== undefined, { message: "nothing to change" });
export type FindingUpdate = z.infer<typeof findingUpdateSchema>;

export const findingBulkUpdateSchema = z
  .object({
    ids: z.array(z.uuid()).min(1).max(500),
    status: z.enum(["open", "in_progress"]).optional(),
    assigneeId,
  })
  .refine((v) => v.status !== undefined || v.assigneeId !== undefined, { message: "nothing to change" });

export type VerifyFixDto = {
  finding: FindingDto;
  /** The verdict of re-evaluating the subject just now. */
  verdict: { result: "pass" | "fail" | "not_applicable"; reason: string };
};

export const MAX_EXCEPTION_DAYS = 365;

export const exceptionRequestSchema = z.object({
  justification: z.string().trim().min(20, "explain the risk and why it is acceptable (at least 20 characters)").max(4000),
  expiresAt: isoInstant(),
});

export const exceptionDecisionSchema = z.object({
  decision: z.enum(["approve", "reject"]),
  note: z.string().trim().max(2000).optional(),
});

export const exceptionListQuerySchema = z.object({ status: z.enum([...EXCEPTION_STATUSES, "all"]).default("pending") });

// ---- Evaluation runs and rule parameters -------------------------------------------------------------------

export type EvaluationRunDto = {
  id: string;
  scope: "full" | "incremental";
  trigger: string;
  rulesVersion: string;
  parametersVersion: number;
  parametersHash: string;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  subjects: number;
  evaluations: number;
  failed: number;
  opened: number;
  resolved: number;
  status: "running" | "completed" | "failed";
  failure: string | null;
};

export const severityDaysSchema = z.object({
  critical: z.number().int().min(1).max(365).default(1),
  high: z.number().int().min(1).max(365).default(7),
  medium: z.number().int().min(1).max(365).default(30),
  low: z.number().int().min(1).max(365).default(90),
});
export type FindingSlas = z.infer<typeof severityDaysSchema>;

/** What an admin tunes: per-rule parameters (each rule's own schema checks its entry) and finding SLAs in days. */
export const ruleParametersInputSchema = z.object({
  rules: z.record(z.string().regex(/^R\d\d$/), z.record(z.string(), z.unknown())).default({}),
  slas: severityDaysSchema.default({ critical: 1, high: 7, medium: 30, low: 90 }),
  /** Agent runtimes recognised in user agents and application names at ingest; null = Leash's built-in list. */
  agentRuntimes: z.array(agentRuntimeSchema).max(500).nullable().default(null),
});
export type RuleParametersInput = z.input<typeof ruleParametersInputSchema>;

export type RuleParametersDto = {
  version: number;
  hash: string;
  updatedAt: string | null;
  updatedBy: string | null;
  slas: FindingSlas;
  /** The list attribution uses now, and whether an admin replaced the built-in one. */
  agentRuntimes: AgentRuntime[];
  agentRuntimesCustom: boolean;
  rules: {
    id: string;
    title: string;
    severity: Severity;
    subject: SubjectKind;
    /** Current values, defaults filled in. */
    values: Record<string, unknown>;
    defaults: Record<string, unknown>;
  }[];
};

export const notificationSettingsSchema = z.object({
  webhookUrl: z
    .url({ protocol: /^https?$/, message: "must be an http(s) URL" })
    .max(2000)
    .nullable(),
  minSeverity: z.enum(["critical", "high"]).default("critical"),
});
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

/** Open findings for the overview: by severity, by age, and how many are past due. Each number links to the queue. */
export type FindingSummaryDto = {
  open: number;
  overdue: number;
  bySeverity: Record<Severity, number>;
  /** Days since first detected: < 7, 7–30, 30–90, > 90. */
  byAge: Record<FindingAge, number>;
};
