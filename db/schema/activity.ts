import { sql } from "drizzle-orm";
import { bigserial, boolean, date, index, integer, json, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { actorTypes, environments, eventFormats, operations, outcomes } from "../../lib/domain/activity-event";
import { approvalChannels } from "../../lib/domain/approval";
import { credentials } from "./inventory";
import { teams, users } from "./identity";

export const actorTypeEnum = pgEnum("actor_type", actorTypes);
export const operationEnum = pgEnum("operation", operations);
export const outcomeEnum = pgEnum("outcome", outcomes);
export const environmentEnum = pgEnum("environment", environments);
export const eventFormatEnum = pgEnum("event_format", eventFormats);
export const approvalChannelEnum = pgEnum("approval_channel", approvalChannels);

export type FlagReasons = { crossEnv: string; afterExpiry: string; unapprovedDestructive: string };

/**
 * Activity events: append-only, one row per ingest key, so sending the same log twice stores each event once.
 * The credential reference is kept as the log stated it, so an event can be linked when its credential is
 * imported later; team_id follows the credential and scopes what engineers see.
 */
export const activityEvents = pgTable(
  "activity_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    ingestKey: text("ingest_key").notNull().unique(),
    ingestRunId: uuid("ingest_run_id"),
    format: eventFormatEnum("format").notNull(),
    sourceEventId: text("source_event_id"),
    occurredAt: timestamp("occurred_at", { withTimezone: true, precision: 3 }).notNull(),
    ingestedAt: timestamp("ingested_at", { withTimezone: true }).notNull().defaultNow(),
    credentialId: uuid("credential_id").references(() => credentials.id),
    teamId: uuid("team_id").references(() => teams.id, { onDelete: "set null" }),
    credentialKeyId: text("credential_key_id"),
    credentialFingerprint: text("credential_fingerprint"),
    credentialExternalId: text("credential_external_id"),
    actor: text("actor"),
    actorType: actorTypeEnum("actor_type").notNull(),
    attributionReason: text("attribution_reason").notNull(),
    onBehalfOf: text("on_behalf_of"),
    agentName: text("agent_name"),
    operation: operationEnum("operation").notNull(),
    rawOperation: text("raw_operation").notNull(),
    destructive: boolean("destructive").notNull(),
    destructiveReason: text("destructive_reason").notNull(),
    resource: text("resource"),
    resourceEnvironment: environmentEnum("resource_environment"),
    environmentReason: text("environment_reason").notNull(),
    outcome: outcomeEnum("outcome").notNull(),
    origin: jsonb("origin").$type<Record<string, string>>().notNull(),
    approvalRef: text("approval_ref"),
    crossEnv: boolean("cross_env").notNull().default(false),
    afterExpiry: boolean("after_expiry").notNull().default(false),
    unapprovedDestructive: boolean("unapproved_destructive").notNull().default(false),
    flagged: boolean("flagged").notNull().default(false),
    // json, not jsonb, for the two columns only ever read whole: Postgres then checks their text instead of
    // decomposing it, a seventh of the database's work per ingested event, and the source's record keeps its own text.
    flagReasons: json("flag_reasons").$type<FlagReasons>().notNull(),
    /** What the source sent (its raw record, in its own text where the parser kept it) and the fields read from it, for the event page. */
    payload: json("payload").$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    index("activity_events_occurred_idx").on(t.occurredAt),
    // Posture history starts at the first thing recorded: min(ingested_at) must not read every event.
    index("activity_events_ingested_idx").on(t.ingestedAt),
    // The evaluation after an ingest reads back that run's events.
    index("activity_events_ingest_run_idx").on(t.ingestRunId),
    index("activity_events_credential_idx").on(t.credentialId, t.occurredAt),
    index("activity_events_team_idx").on(t.teamId, t.occurredAt),
    index("activity_events_flagged_idx").on(t.occurredAt).where(sql`flagged`),
    index("activity_events_unlinked_idx").on(t.credentialKeyId, t.credentialFingerprint, t.credentialExternalId).where(sql`credential_id is null`),
  ],
);

export const ingestRuns = pgTable("ingest_runs", {
  id: uuid("id").primaryKey().defaultRandom(),
  format: eventFormatEnum("format").notNull(),
  fileName: text("file_name").notNull(),
  fileSha256: text("file_sha256"),
  fileBytes: integer("file_bytes"),
  status: text("status").$type<"running" | "completed" | "failed">().notNull().default("running"),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
  accepted: integer("accepted").notNull().default(0),
  duplicate: integer("duplicate").notNull().default(0),
  rejected: integer("rejected").notNull().default(0),
  errors: jsonb("errors").$type<{ line: number; field?: string; reason: string }[]>().notNull().default([]),
  failure: text("failure"),
  requestedBy: text("requested_by").notNull(),
  requestedByUserId: uuid("requested_by_user_id").references(() => users.id, { onDelete: "set null" }),
});

/** Out-of-band approvals (Slack, PagerDuty, tickets) that make an agent's destructive operation approved. */
export const approvals = pgTable(
  "approvals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    approver: text("approver").notNull(),
    requester: text("requester").notNull(),
    operation: text("operation").notNull(),
    resource: text("resource").notNull(),
    environment: text("environment").notNull(),
    approvedAt: timestamp("approved_at", { withTimezone: true, precision: 3 }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }).notNull(),
    reference: text("reference").notNull(),
    channel: approvalChannelEnum("channel").notNull(),
    /** Idempotency: a webhook delivery or API client retry with the same key records one approval. */
    ingestKey: text("ingest_key").unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: text("created_by").notNull(),
  },
  // By recording time: the approvals held at an instant (held-approvals.ts) are those recorded by it.
  (t) => [index("approvals_window_idx").on(t.approvedAt, t.expiresAt), index("approvals_created_idx").on(t.createdAt)],
);

/**
 * Events counted per UTC day, team ("" = no team) and actor type, kept exact by statement triggers on
 * activity_events (migration 0008): the activity chart and the Overview read these instead of a million events.
 */
export const activityDayCounts = pgTable(
  "activity_day_counts",
  {
    day: date("day", { mode: "string" }).notNull(),
    teamKey: text("team_key").notNull(),
    actorType: actorTypeEnum("actor_type").notNull(),
    events: integer("events").notNull(),
    flagged: integer("flagged").notNull(),
    unapprovedDestructive: integer("unapproved_destructive").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.teamKey, t.actorType] })],
);
