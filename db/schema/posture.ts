import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, uuid, date } from "drizzle-orm/pg-core";
import type { ExceptionStatus, FindingSlas, FindingStatus } from "../../lib/domain/posture";
import type { Severity, SubjectKind } from "../../lib/rules/types";
import type { BlastByTeam } from "../../lib/rules/blast-radius";
import type { AgentRuntime } from "../../lib/ingest/events/agent-runtimes";
import { teams, users } from "./identity";

/** Per team ("" = no team), per rule: how many subjects passed, failed, or were not applicable. */
export type RuleTallies = Record<string, Record<string, { pass: number; fail: number; not_applicable: number }>>;

/**
 * Every change of rule parameters or finding SLAs is a new version, so an evaluation (and a posture as of a past
 * instant) names exactly the parameters it used. No row = the rules' defaults (version 0).
 */
export const ruleParameterVersions = pgTable("rule_parameter_versions", {
  version: serial("version").primaryKey(),
  rules: jsonb("rules").$type<Partial<Record<string, Record<string, unknown>>>>().notNull(),
  slas: jsonb("slas").$type<FindingSlas>().notNull(),
  /** null = the built-in list. */
  agentRuntimes: jsonb("agent_runtimes").$type<AgentRuntime[]>(),
  hash: text("hash").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  createdBy: text("created_by").notNull(),
});

/** One evaluation: what it covered, with which rules and parameters, what it changed, and the tallies after it. */
export const evaluationRuns = pgTable(
  "evaluation_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    scope: text("scope").$type<"full" | "incremental">().notNull(),
    trigger: text("trigger").notNull(),
    status: text("status").$type<"running" | "completed" | "failed">().notNull().default("running"),
    rulesVersion: text("rules_version").notNull(),
    parametersVersion: integer("parameters_version").notNull(),
    parametersHash: text("parameters_hash").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true, precision: 3 }).notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true, precision: 3 }),
    durationMs: integer("duration_ms"),
    subjects: integer("subjects").notNull().default(0),
    evaluations: integer("evaluations").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    opened: integer("opened").notNull().default(0),
    resolved: integer("resolved").notNull().default(0),
    failure: text("failure"),
    /** Tallies of every subject's latest verdicts once this run finished: what "posture now" reads. */
    tallies: jsonb("tallies").$type<RuleTallies>(),
    /** The agent blast radius ranked per team when this run finished, for the same reason. */
    blast: jsonb("blast").$type<BlastByTeam>(),
    requestedBy: text("requested_by").notNull(),
  },
  (t) => [index("evaluation_runs_finished_idx").on(t.finishedAt).where(sql`status = 'completed'`)],
);

/**
 * The latest verdict of every rule on every subject, one row per subject ({"R01": "pass", …}). Tallies are a
 * GROUP BY over it, and an incremental evaluation replaces only the rows of the subjects it re-evaluated.
 * `digest` is a hash of everything the row and the subject's findings were written from (team, results, and for
 * failures severity, reason and label): a re-evaluation that computes the same digest has nothing to write.
 */
export const subjectVerdicts = pgTable(
  "subject_verdicts",
  {
    subjectKind: text("subject_kind").$type<SubjectKind>().notNull(),
    subjectId: text("subject_id").notNull(),
    teamId: uuid("team_id"),
    verdicts: jsonb("verdicts").$type<Record<string, "pass" | "fail" | "not_applicable">>().notNull(),
    digest: text("digest"),
    evaluatedAt: timestamp("evaluated_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.subjectKind, t.subjectId] }), index("subject_verdicts_team_idx").on(t.teamId)],
);

/** One failing (rule, subject): updated on re-evaluation, resolved by Leash when the subject passes again. */
export const findings = pgTable(
  "findings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ruleId: text("rule_id").notNull(),
    subjectKind: text("subject_kind").$type<SubjectKind>().notNull(),
    subjectId: text("subject_id").notNull(),
    subjectLabel: text("subject_label").notNull(),
    teamId: uuid("team_id").references(() => teams.id, { onDelete: "set null" }),
    severity: text("severity").$type<Severity>().notNull(),
    status: text("status").$type<FindingStatus>().notNull().default("open"),
    assigneeId: uuid("assignee_id").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason").notNull(),
    firstDetectedAt: timestamp("first_detected_at", { withTimezone: true, precision: 3 }).notNull(),
    lastDetectedAt: timestamp("last_detected_at", { withTimezone: true, precision: 3 }).notNull(),
    dueAt: timestamp("due_at", { withTimezone: true, precision: 3 }).notNull(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true, precision: 3 }),
    lastRunId: uuid("last_run_id").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("findings_rule_subject_idx").on(t.ruleId, t.subjectKind, t.subjectId),
    index("findings_status_idx").on(t.status, t.severity),
    index("findings_team_idx").on(t.teamId, t.status),
    index("findings_subject_idx").on(t.subjectKind, t.subjectId),
    // "Past due" counts the findings due earlier today exactly; the day counts cover the days before.
    index("findings_active_due_idx").on(t.dueAt).where(sql`status in ('open', 'in_progress')`),
  ],
);

/**
 * Each time Leash reopened a resolved finding: from then it was open again with a new due date, whatever status
 * people had set before. The findings row keeps only the latest, so a package as of an earlier instant reads the
 * status and due date that were in force then from here.
 */
export const findingReopenings = pgTable(
  "finding_reopenings",
  {
    findingId: uuid("finding_id")
      .notNull()
      .references(() => findings.id, { onDelete: "cascade" }),
    reopenedAt: timestamp("reopened_at", { withTimezone: true, precision: 3 }).notNull(),
    /** The due date of the period the reopening ended. */
    previousDueAt: timestamp("previous_due_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.findingId, t.reopenedAt] })],
);

/** Risk acceptance for one finding: justified, time-boxed, decided by an admin other than the requester. */
export const findingExceptions = pgTable(
  "finding_exceptions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    findingId: uuid("finding_id")
      .notNull()
      .references(() => findings.id),
    justification: text("justification").notNull(),
    status: text("status").$type<ExceptionStatus>().notNull().default("pending"),
    requestedBy: text("requested_by").notNull(),
    requestedByUserId: uuid("requested_by_user_id").references(() => users.id, { onDelete: "set null" }),
    requestedAt: timestamp("requested_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }).notNull(),
    decidedBy: text("decided_by"),
    decidedByUserId: uuid("decided_by_user_id").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true, precision: 3 }),
    decisionNote: text("decision_note"),
  },
  (t) => [index("finding_exceptions_finding_idx").on(t.findingId), index("finding_exceptions_status_idx").on(t.status, t.expiresAt)],
);

/**
 * Posture rebuilt for the end of one past UTC day. Knowledge up to a past instant no longer changes, so a day once
 * computed (for a rules version) is kept, and trends and audit periods read it instead of re-evaluating.
 */
export const postureDays = pgTable(
  "posture_days",
  {
    day: date("day").notNull(),
    rulesVersion: text("rules_version").notNull(),
    /** Per team, per rule: pass / fail / excepted / not applicable at the day's end. */
    tallies: jsonb("tallies").$type<Record<string, Record<string, { pass: number; fail: number; excepted: number; not_applicable: number }>>>().notNull(),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.day, t.rulesVersion] })],
);

/**
 * Open and in-progress findings counted per team ("" = no team), severity, status, detection day and due day (UTC),
 * kept exact by statement triggers on findings (migration 0008), so a summary adds up a few hundred rows instead of
 * counting a million findings on every Overview.
 */
export const findingDayCounts = pgTable(
  "finding_day_counts",
  {
    teamKey: text("team_key").notNull(),
    severity: text("severity").$type<Severity>().notNull(),
    status: text("status").$type<FindingStatus>().notNull(),
    detectedDay: date("detected_day", { mode: "string" }).notNull(),
    dueDay: date("due_day", { mode: "string" }).notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamKey, t.severity, t.status, t.detectedDay, t.dueDay] })],
);
