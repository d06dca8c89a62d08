import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  CREDENTIAL_KINDS,
  CREDENTIAL_STATUSES,
  PRINCIPAL_TYPES,
  STORAGE_KINDS,
  type CredentialFieldName,
  type Provenance,
} from "../../lib/domain/credential";
import { teams, users } from "./identity";

export const credentialKindEnum = pgEnum("credential_kind", CREDENTIAL_KINDS);
export const principalTypeEnum = pgEnum("principal_type", PRINCIPAL_TYPES);
export const storageKindEnum = pgEnum("storage_kind", STORAGE_KINDS);
export const credentialStatusEnum = pgEnum("credential_status", CREDENTIAL_STATUSES);
export const importRunStatusEnum = pgEnum("import_run_status", ["running", "applied", "rejected", "failed"]);
export const changeKindEnum = pgEnum("credential_change_kind", ["import", "api", "person", "system"]);

/** Where inventory comes from: one export format or API client, named by whoever set it up. */
export const sources = pgTable("sources", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  format: text("format").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  lastImportAt: timestamp("last_import_at", { withTimezone: true }),
});

export type RowErrorJson = { line: number; item?: number; field?: string; reason: string };

export const importRuns = pgTable(
  "import_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sourceId: uuid("source_id")
      .notNull()
      .references(() => sources.id),
    format: text("format").notNull(),
    fileName: text("file_name").notNull(),
    fileSha256: text("file_sha256"),
    fileBytes: integer("file_bytes"),
    status: importRunStatusEnum("status").notNull().default("running"),
    applyValid: boolean("apply_valid").notNull(),
    fullSync: boolean("full_sync").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    rowsRead: integer("rows_read").notNull().default(0),
    created: integer("created").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    unchanged: integer("unchanged").notNull().default(0),
    rejected: integer("rejected").notNull().default(0),
    markedMissing: integer("marked_missing").notNull().default(0),
    /** The first rejected rows (line, field, reason), capped; `rejected` counts them all. */
    errors: jsonb("errors").$type<RowErrorJson[]>().notNull().default([]),
    failure: text("failure"),
    requestedBy: text("requested_by").notNull(),
    requestedByUserId: uuid("requested_by_user_id").references(() => users.id, { onDelete: "set null" }),
    /** Whether import_run_credentials holds the credentials this run left unchanged or marked missing: older runs do not. */
    outcomesRecorded: boolean("outcomes_recorded").notNull().default(true),
  },
  (t) => [index("import_runs_source_idx").on(t.sourceId, t.startedAt)],
);

/**
 * The current version of each credential. "Not stated" is told apart from a stated null (never expires,
 * unrestricted) by `provenance`: a field is stated exactly when it has a provenance entry.
 */
export const credentials = pgTable(
  "credentials",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sourceId: uuid("source_id")
      .notNull()
      .references(() => sources.id),
    externalId: text("external_id").notNull(),
    /** The owning team as stated (`team`), resolved to a Leash team when one has that name. */
    teamId: uuid("team_id").references(() => teams.id, { onDelete: "set null" }),
    name: text("name"),
    provider: text("provider"),
    kind: credentialKindEnum("kind"),
    principal: text("principal"),
    principalType: principalTypeEnum("principal_type"),
    team: text("team"),
    ownerEmail: text("owner_email"),
    environments: text("environments").array(),
    agentAccessible: boolean("agent_accessible"),
    allowedOperations: text("allowed_operations").array(),
    scopes: text("scopes").array(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }),
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3 }),
    lastRotatedAt: timestamp("last_rotated_at", { withTimezone: true, precision: 3 }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, precision: 3 }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, precision: 3 }),
    status: credentialStatusEnum("status"),
    storage: storageKindEnum("storage"),
    approvalRef: text("approval_ref"),
    lastReviewAt: timestamp("last_review_at", { withTimezone: true, precision: 3 }),
    reviewer: text("reviewer"),
    tags: text("tags").array(),
    fingerprint: text("fingerprint"),
    publicId: text("public_id"),
    account: text("account"),
    provenance: jsonb("provenance").$type<Partial<Record<CredentialFieldName, Provenance>>>().notNull(),
    mappedBy: jsonb("mapped_by").$type<Partial<Record<CredentialFieldName, string>>>().notNull().default({}),
    /** Set when a full re-import of the source no longer lists it; never deleted. */
    missingFromSourceAt: timestamp("missing_from_source_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("credentials_source_external_idx").on(t.sourceId, t.externalId),
    index("credentials_team_idx").on(t.teamId),
    index("credentials_provider_idx").on(t.provider),
    index("credentials_expires_idx").on(t.expiresAt),
    index("credentials_fingerprint_idx").on(t.fingerprint).where(sql`fingerprint is not null`),
    index("credentials_public_id_idx").on(t.publicId).where(sql`public_id is not null`),
  ],
);

/**
 * Every version of every credential (a temporal table): the version valid at instant T is the row with
 * valid_from <= T < valid_to (valid_to null = still current). `data` is the full record as stated then.
 */
export const credentialVersions = pgTable(
  "credential_versions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    credentialId: uuid("credential_id")
      .notNull()
      .references(() => credentials.id),
    version: integer("version").notNull(),
    validFrom: timestamp("valid_from", { withTimezone: true, precision: 3 }).notNull(),
    validTo: timestamp("valid_to", { withTimezone: true, precision: 3 }),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    changedFields: text("changed_fields").array().notNull(),
    changeKind: changeKindEnum("change_kind").notNull(),
    changedBy: text("changed_by").notNull(),
    changedByUserId: uuid("changed_by_user_id").references(() => users.id, { onDelete: "set null" }),
    importRunId: uuid("import_run_id").references(() => importRuns.id),
  },
  (t) => [
    uniqueIndex("credential_versions_version_idx").on(t.credentialId, t.version),
    index("credential_versions_valid_idx").on(t.validFrom, t.validTo),
    // The versions an import run wrote: its drill-down (created/updated by the run), and the re-judging and evaluation after it.
    index("credential_versions_import_run_idx").on(t.importRunId),
  ],
);

export const IMPORT_OUTCOMES = ["unchanged", "marked_missing"] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

/**
 * What an import run did to credentials it wrote no version of: listed them as stored (unchanged), or, in a full
 * import, found them gone from the file (marked missing). Neither leaves a trace in credential_versions, and a later
 * import moves missing_from_source_at on, so without these a run's Unchanged and Marked missing could not be listed.
 * One row per written batch, its credentials in one array: a re-import of an unchanged 100k-row file adds 50 rows,
 * not 100k (a row per credential made such a re-import take twice as long).
 */
export const importRunCredentials = pgTable(
  "import_run_credentials",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => importRuns.id, { onDelete: "cascade" }),
    outcome: text("outcome").$type<ImportOutcome>().notNull(),
    credentialIds: uuid("credential_ids").array().notNull(),
  },
  (t) => [index("import_run_credentials_run_idx").on(t.runId, t.outcome)],
);
