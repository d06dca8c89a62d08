import {
  CREDENTIAL_KINDS,
  CREDENTIAL_STATUSES,
  type CredentialFieldName,
  ENVIRONMENTS,
  KNOWN_OPERATIONS,
  KNOWN_PROVIDERS,
  PRINCIPAL_TYPES,
  STORAGE_KINDS,
} from "@/lib/domain/credential";

/**
 * The documented columns of the Leash CSV and JSON formats: one source of truth for the parser, the
 * template download and the docs page. An empty CSV cell (or an absent/null JSON field) means "not stated";
 * CSV lists are `;`-separated, JSON lists are arrays.
 */

export type LeashColumnType =
  | "text" | "email" | "enum" | "enum_list" | "list" | "operations" | "boolean" | "date" | "date_or_never" | "hex"
  | "secret";

export type LeashColumn = {
  name: string;
  /** The record field the column fills (`secret` fills `fingerprint`, and is never stored). */
  field: CredentialFieldName | "external_id";
  required: boolean;
  type: LeashColumnType;
  /** For enums: the only values accepted. For `provider` and operations: the known values (others allowed). */
  allowed?: readonly string[];
  description: string;
  example: string;
};

const col = (c: Omit<LeashColumn, "required"> & { required?: boolean }): LeashColumn => ({ required: false, ...c });

export const LEASH_COLUMNS: readonly LeashColumn[] = [
  col({ name: "external_id", field: "external_id", required: true, type: "text", description: "Your stable id for this credential; re-importing the same id updates it.", example: "inv-0001" }),
  col({ name: "name", field: "name", type: "text", description: "Human-readable label.", example: "Deploy token for the billing service" }),
  col({ name: "provider", field: "provider", required: true, type: "text", allowed: KNOWN_PROVIDERS, description: "Who issued it, lowercase; any name is accepted, these are known.", example: "railway" }),
  col({ name: "kind", field: "kind", required: true, type: "enum", allowed: CREDENTIAL_KINDS, description: "What sort of secret it is.", example: "api_token" }),
  col({ name: "principal", field: "principal", type: "text", description: "The identity the credential authenticates as.", example: "billing-deploy-agent" }),
  col({ name: "principal_type", field: "principal_type", type: "enum", allowed: PRINCIPAL_TYPES, description: "Whether that identity is a person, a service or an AI agent.", example: "agent" }),
  col({ name: "team", field: "team", type: "text", description: "Owning team.", example: "payments" }),
  col({ name: "owner_email", field: "owner_email", type: "email", description: "Accountable person.", example: "owner@example.com" }),
  col({ name: "environments", field: "environments", type: "enum_list", allowed: ENVIRONMENTS, description: "Where it works; `*` = everywhere.", example: "staging" }),
  col({ name: "agent_accessible", field: "agent_accessible", type: "boolean", description: "Can an AI agent read or use it: true or false.", example: "true" }),
  col({ name: "allowed_operations", field: "allowed_operations", type: "operations", allowed: KNOWN_OPERATIONS, description: "Operations it may perform; `*` = unrestricted, `none` = no operations.", example: "read;deploy" }),
  col({ name: "scopes", field: "scopes", type: "list", description: "Provider scopes or permissions.", example: "project:read;deployment:write" }),
  col({ name: "created_at", field: "created_at", type: "date", description: "When it was issued (ISO 8601 with timezone, or a date).", example: "2026-01-05T09:00:00Z" }),
  col({ name: "expires_at", field: "expires_at", type: "date_or_never", description: "When it stops working; `never` if it does not expire.", example: "2026-01-06T09:00:00Z" }),
  col({ name: "last_rotated_at", field: "last_rotated_at", type: "date", description: "When the secret value last changed.", example: "2026-01-05T09:00:00Z" }),
  col({ name: "last_used_at", field: "last_used_at", type: "date_or_never", description: "Last authentication; `never` if never used.", example: "2026-01-05T12:30:00Z" }),
  col({ name: "revoked_at", field: "revoked_at", type: "date_or_never", description: "When it was revoked; `never` if it is not revoked.", example: "never" }),
  col({ name: "status", field: "status", type: "enum", allowed: CREDENTIAL_STATUSES, description: "Provider-side state.", example: "active" }),
  col({ name: "storage", field: "storage", type: "enum", allowed: STORAGE_KINDS, description: "Where the secret value is kept.", example: "vault" }),
  col({ name: "approval_ref", field: "approval_ref", type: "text", description: "Ticket or approval that granted it.", example: "SEC-1234" }),
  col({ name: "last_review_at", field: "last_review_at", type: "date", description: "When access was last reviewed.", example: "2026-01-05" }),
  col({ name: "reviewer", field: "reviewer", type: "text", description: "Who reviewed it (must not be the owner).", example: "reviewer@example.com" }),
  col({ name: "tags", field: "tags", type: "list", description: "Free tags.", example: "billing;tier-1" }),
  col({ name: "fingerprint", field: "fingerprint", type: "hex", description: "HMAC-SHA-256 of the secret under this instance's key (from `leash scan`).", example: "" }),
  col({ name: "secret", field: "fingerprint", type: "secret", description: "The secret value, used only to compute the fingerprint and then discarded; leave empty if unsure.", example: "" }),
  col({ name: "public_id", field: "public_id", type: "text", description: "Identifier shown by the provider that is not secret (e.g. an AWS access key id).", example: "" }),
  col({ name: "account", field: "account", type: "text", description: "Provider account, project, organization or namespace.", example: "billing-prod" }),
];

export const LEASH_COLUMN_NAMES = LEASH_COLUMNS.map((c) => c.name);
export const LEASH_REQUIRED_COLUMNS = LEASH_COLUMNS.filter((c) => c.required).map((c) => c.name);

/** Quotes a cell only when it needs it (RFC 4180). */
function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The template download: the documented header and one example row, CRLF-terminated as RFC 4180 says. */
export function leashCsvTemplate(): string {
  const header = LEASH_COLUMNS.map((c) => c.name).join(",");
  const example = LEASH_COLUMNS.map((c) => csvCell(c.example)).join(",");
  return `${header}\r\n${example}\r\n`;
}
