import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { corpusKinds, type ScanOutcome } from "../../lib/domain/scan";
import { credentials } from "./inventory";
import { teams, users } from "./identity";

export const corpusKindEnum = pgEnum("corpus_kind", corpusKinds);

/** A body of text that is scanned: where agents read (wikis, chat exports, repos), with who reads it. */
export const corpora = pgTable("corpora", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  kind: corpusKindEnum("kind").notNull(),
  agentReadable: boolean("agent_readable").notNull(),
  /** Which agents or tools read it (e.g. "Claude Code", "Cursor", "support bot"). */
  readers: text("readers").array().notNull().default(sql`'{}'::text[]`),
  teamId: uuid("team_id").references(() => teams.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  /** When a person last changed it: where its next version (corpus_versions) starts. */
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  lastScanAt: timestamp("last_scan_at", { withTimezone: true }),
});

/**
 * What a corpus was, and when: whether agents read it and which team owns it, one row per stretch of time (a
 * temporal table kept by triggers on corpora, migration 0021), so posture as of a past instant judges a corpus as it
 * stood then rather than as it was edited since.
 */
export const corpusVersions = pgTable(
  "corpus_versions",
  {
    corpusId: uuid("corpus_id")
      .notNull()
      .references(() => corpora.id, { onDelete: "cascade" }),
    validFrom: timestamp("valid_from", { withTimezone: true }).notNull(),
    validTo: timestamp("valid_to", { withTimezone: true }),
    agentReadable: boolean("agent_readable").notNull(),
    teamId: uuid("team_id").references(() => teams.id, { onDelete: "set null" }),
  },
  (t) => [primaryKey({ columns: [t.corpusId, t.validFrom] })],
);

export const scanRuns = pgTable(
  "scan_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    corpusId: uuid("corpus_id")
      .notNull()
      .references(() => corpora.id),
    status: text("status").$type<"completed" | "failed">().notNull(),
    origin: text("origin").$type<"upload" | "cli">().notNull(),
    scannerVersion: text("scanner_version").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true }).notNull(),
    // A scan of a large corpus passes 2^31 bytes: counted as bigint.
    files: bigint("files", { mode: "number" }).notNull().default(0),
    bytes: bigint("bytes", { mode: "number" }).notNull().default(0),
    findings: integer("findings").notNull().default(0),
    opened: integer("opened").notNull().default(0),
    resolved: integer("resolved").notNull().default(0),
    /** Whether scan_run_findings holds what this run did to each exposure: runs recorded before it was kept do not. */
    outcomesRecorded: boolean("outcomes_recorded").notNull().default(true),
    failure: text("failure"),
    requestedBy: text("requested_by").notNull(),
    requestedByUserId: uuid("requested_by_user_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("scan_runs_corpus_idx").on(t.corpusId, t.startedAt)],
);

/**
 * One exposed secret in one corpus (however many places it appears): never the value, only its keyed fingerprint
 * and a redacted preview. Resolved when a later scan of the corpus no longer sees it; seen again, it reopens.
 */
export const secretFindings = pgTable(
  "secret_findings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    corpusId: uuid("corpus_id")
      .notNull()
      .references(() => corpora.id),
    fingerprint: text("fingerprint").notNull(),
    detector: text("detector").notNull(),
    kind: text("kind").notNull(),
    provider: text("provider").notNull(),
    title: text("title").notNull(),
    confidence: text("confidence").notNull(),
    severity: text("severity").notNull(),
    entropy: integer("entropy_milli").notNull(),
    preview: text("preview").notNull(),
    publicId: text("public_id"),
    credentialId: uuid("credential_id").references(() => credentials.id),
    allowed: boolean("allowed").notNull().default(false),
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
    lastRunId: uuid("last_run_id")
      .notNull()
      .references(() => scanRuns.id),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("secret_findings_corpus_fingerprint_idx").on(t.corpusId, t.fingerprint),
    index("secret_findings_credential_idx").on(t.credentialId),
    index("secret_findings_open_idx").on(t.corpusId).where(sql`resolved_at is null`),
    // A credential registered after a scan looks up the exposures nobody matched yet by its fingerprint or key id.
    index("secret_findings_unmatched_fingerprint_idx").on(t.fingerprint).where(sql`credential_id is null`),
    index("secret_findings_unmatched_public_id_idx").on(t.publicId).where(sql`credential_id is null`),
  ],
);

/**
 * When an exposure was open, and as what: one row per stretch during which no later scan had resolved it, split where
 * a scan changed whether it is allowed or which credential it matches (kept by triggers on secret_findings, migration
 * 0021). secret_findings holds only the latest state, and a reopened exposure would otherwise erase the stretch
 * during which it was resolved from posture as of that time.
 */
export const secretFindingStates = pgTable(
  "secret_finding_states",
  {
    findingId: uuid("finding_id")
      .notNull()
      .references(() => secretFindings.id, { onDelete: "cascade" }),
    validFrom: timestamp("valid_from", { withTimezone: true }).notNull(),
    validTo: timestamp("valid_to", { withTimezone: true }),
    allowed: boolean("allowed").notNull(),
    credentialId: uuid("credential_id").references(() => credentials.id),
  },
  (t) => [primaryKey({ columns: [t.findingId, t.validFrom] }), index("secret_finding_states_credential_idx").on(t.credentialId)],
);

/**
 * What each scan did to each exposure of its corpus: saw it while open, opened it (seen for the first time, or again
 * after a scan had resolved it) or resolved it (no longer seen). A secret_findings row keeps only its latest run, so
 * without these a run's Secrets, Newly open and Resolved counts could not be listed once a later scan had run.
 */
export const scanRunFindings = pgTable(
  "scan_run_findings",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => scanRuns.id, { onDelete: "cascade" }),
    findingId: uuid("finding_id")
      .notNull()
      .references(() => secretFindings.id, { onDelete: "cascade" }),
    outcome: text("outcome").$type<ScanOutcome>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.findingId] })],
);

/** Where a secret was seen in the latest scan that saw it: file, line, column and the reader's context. */
export const secretLocations = pgTable(
  "secret_locations",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    findingId: uuid("finding_id")
      .notNull()
      .references(() => secretFindings.id, { onDelete: "cascade" }),
    file: text("file").notNull(),
    line: integer("line").notNull(),
    column: integer("column").notNull(),
    context: jsonb("context").$type<Record<string, string | number>>().notNull().default({}),
    inTestPath: boolean("in_test_path").notNull().default(false),
  },
  (t) => [index("secret_locations_finding_idx").on(t.findingId)],
);
