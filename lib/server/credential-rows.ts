import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { credentials } from "@/db/schema";
import { CREDENTIAL_FIELDS, type CredentialFieldName, type CredentialRecord } from "@/lib/domain/credential";
import { canonicalJson } from "./canonical-json";

type Row = typeof credentials.$inferSelect;
type Insert = typeof credentials.$inferInsert;

/** Record fields that are instants: ISO strings in records, timestamptz in the table. */
const INSTANT_FIELDS = new Set<CredentialFieldName>(["created_at", "expires_at", "last_rotated_at", "last_used_at", "revoked_at", "last_review_at"]);

/** snake_case record field → the drizzle column property that stores it. */
export const COLUMN_OF: Record<CredentialFieldName, keyof Row> = {
  name: "name",
  provider: "provider",
  kind: "kind",
  principal: "principal",
  principal_type: "principalType",
  team: "team",
  owner_email: "ownerEmail",
  environments: "environments",
  agent_accessible: "agentAccessible",
  allowed_operations: "allowedOperations",
  scopes: "scopes",
  created_at: "createdAt",
  expires_at: "expiresAt",
  last_rotated_at: "lastRotatedAt",
  last_used_at: "lastUsedAt",
  revoked_at: "revokedAt",
  status: "status",
  storage: "storage",
  approval_ref: "approvalRef",
  last_review_at: "lastReviewAt",
  reviewer: "reviewer",
  tags: "tags",
  fingerprint: "fingerprint",
  public_id: "publicId",
  account: "account",
};

/** Column values for a record: stated fields get their value, unstated ones null (provenance tells them apart). */
export function rowValues(record: CredentialRecord): Omit<Insert, "sourceId" | "externalId"> {
  const values: Record<string, unknown> = {};
  for (const field of CREDENTIAL_FIELDS) {
    const value = record[field];
    values[COLUMN_OF[field]] = value === undefined || value === null ? null : INSTANT_FIELDS.has(field) ? new Date(value as string) : value;
  }
  return { ...values, provenance: record.provenance, mappedBy: record.mapped_by ?? {} } as Omit<Insert, "sourceId" | "externalId">;
}

/** The record a row holds: exactly its stated fields, with instants as ISO strings. */
export function recordOf(row: Row): CredentialRecord {
  const record: Record<string, unknown> = { external_id: row.externalId, provenance: row.provenance };
  if (Object.keys(row.mappedBy).length) record.mapped_by = row.mappedBy;
  for (const field of CREDENTIAL_FIELDS) {
    if (!(field in row.provenance)) continue;
    const value = row[COLUMN_OF[field]];
    record[field] = value instanceof Date ? value.toISOString() : value;
  }
  return record as CredentialRecord;
}

/** Fields whose stated value or origin differs: the change a new version records. */
export function changedFields(before: CredentialRecord, after: CredentialRecord): CredentialFieldName[] {
  return CREDENTIAL_FIELDS.filter(
    (field) =>
      canonicalJson(before[field] ?? "∅") !== canonicalJson(after[field] ?? "∅") ||
      before.provenance[field] !== after.provenance[field] ||
      before.mapped_by?.[field] !== after.mapped_by?.[field],
  );
}

/**
 * What a re-import produces: the source's stated values win; values a person set stay where the source is silent
 * (a person knows context a provider export lacks). Mapping rules then fill what is still unstated.
 */
export function mergeOverPersonEdits(previous: CredentialRecord | null, incoming: CredentialRecord): CredentialRecord {
  if (!previous) return incoming;
  const merged: Record<string, unknown> = { ...incoming, provenance: { ...incoming.provenance } };
  const provenance = merged.provenance as Record<string, string>;
  for (const field of CREDENTIAL_FIELDS) {
    if (incoming[field] === undefined && previous.provenance[field] === "person") {
      merged[field] = previous[field];
      provenance[field] = "person";
    }
  }
  return merged as CredentialRecord;
}

/**
 * The row of a temporal table (credential_versions, corpus_versions, secret_finding_states) in force at an instant,
 * for a query naming it `alias`: valid from (inclusive) until valid_to (exclusive), or still valid.
 */
export function versionValidAt(alias: string, at: Date | string): SQL {
  const v = sql.identifier(alias);
  const instant = typeof at === "string" ? at : at.toISOString();
  return sql`${v}.valid_from <= ${instant}::timestamptz and (${v}.valid_to is null or ${v}.valid_to > ${instant}::timestamptz)`;
}
