import { z } from "zod";
import { isCanonicalInstant } from "./credential-date";
import { safeName } from "./safe-name";

/**
 * The importable credential record (DESIGN §2): what an importer, the API or a form hands to the inventory.
 *
 * "Not stated" is an absent key, for every field. It is distinct from the stated values that mean "none":
 * `expires_at: null` = never expires, `last_used_at: null` = never used, `revoked_at: null` = not revoked,
 * `allowed_operations: null` = unrestricted, `environments: []` = stated untagged. Rules such as R03 fail on
 * "not stated", so an importer must leave a field out rather than guess it.
 *
 * Every stated field names where its value came from in `provenance`: the `source` file, a `mapping_rule`
 * (its id in `mapped_by`), or a `person` who edited it.
 */

export const KNOWN_PROVIDERS = [
  "aws", "gcp", "azure", "github", "gitlab", "railway", "vercel", "openai", "anthropic", "stripe", "slack",
  "datadog", "cloudflare", "vault", "kubernetes", "postgres", "mysql", "npm", "docker",
] as const;

export const CREDENTIAL_KINDS = [
  "access_key", "pat", "api_token", "service_account_key", "db_password", "oauth_client_secret", "ssh_key",
  "webhook_secret", "other",
] as const;
export const PRINCIPAL_TYPES = ["human", "service", "agent"] as const;
/** `*` = works in every environment; R08 treats it like several environments. */
export const ENVIRONMENTS = ["production", "staging", "development", "*"] as const;
export const STORAGE_KINDS = ["vault", "ci_secret", "env_file", "plaintext", "unknown"] as const;
/** Provider-side state: `disabled` can be re-enabled (AWS Inactive, GCP disabled key), `revoked` cannot. */
export const CREDENTIAL_STATUSES = ["active", "disabled", "expired", "revoked"] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];

/**
 * The status a credential has now: a source that still says `active` about a key whose expiry or revocation time
 * has passed is out of date, and the key can no longer authenticate — the rules treat it so, and so do the lists and
 * counts people read. null: not stated and nothing says otherwise. `effectiveStatusSql` (lib/server) is the same
 * rule for filtering in the database.
 */
export function effectiveStatus(c: { status: string | null; expiresAt: Date | null; revokedAt: Date | null }, now: Date): string | null {
  if (c.status && c.status !== "active") return c.status;
  if (c.revokedAt && c.revokedAt <= now) return "revoked";
  if (c.expiresAt && c.expiresAt <= now) return "expired";
  return c.status;
}
/** Normalized operation vocabulary shared with activity events; other lowercase slugs are allowed too. */
export const KNOWN_OPERATIONS = ["read", "write", "delete", "drop", "truncate", "admin", "deploy"] as const;
export const PROVENANCES = ["source", "mapping_rule", "person"] as const;

export const providerSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, "provider must be a lowercase slug (e.g. aws, github, railway)");
export const credentialKindSchema = z.enum(CREDENTIAL_KINDS);
export const principalTypeSchema = z.enum(PRINCIPAL_TYPES);
export const environmentSchema = z.enum(ENVIRONMENTS);
export const storageSchema = z.enum(STORAGE_KINDS);
export const credentialStatusSchema = z.enum(CREDENTIAL_STATUSES);
export const provenanceSchema = z.enum(PROVENANCES);
export const operationSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_.:-]{0,63}$/, "operation must be a lowercase slug (e.g. read, write, delete)")
  // In a CSV cell "none" alone is the empty list; beside other operations it would be stored as one named "none".
  .refine((op) => op !== "none", "'none' means no operation at all; list it alone (an empty list in JSON)");
export const instantSchema = z
  .string()
  .refine(isCanonicalInstant, "must be a UTC instant in the form YYYY-MM-DDTHH:mm:ss.sssZ");

const label = (max: number) => safeName(z.string().min(1).max(max));

export const environmentsSchema = z.array(environmentSchema).superRefine((envs, ctx) => {
  if (new Set(envs).size !== envs.length) ctx.addIssue({ code: "custom", message: "environment listed twice" });
  if (envs.includes("*") && envs.length > 1) {
    ctx.addIssue({ code: "custom", message: "'*' already means every environment; list it alone" });
  }
});

/** One schema per stated field, so importers and forms can validate a single value with the same rules. */
export const credentialFieldSchemas = {
  name: label(256),
  provider: providerSchema,
  kind: credentialKindSchema,
  principal: label(512),
  principal_type: principalTypeSchema,
  team: label(128),
  owner_email: z.email().max(320),
  environments: environmentsSchema,
  agent_accessible: z.boolean(),
  allowed_operations: z.array(operationSchema).nullable(),
  scopes: z.array(label(256)),
  created_at: instantSchema,
  expires_at: instantSchema.nullable(),
  last_rotated_at: instantSchema,
  last_used_at: instantSchema.nullable(),
  revoked_at: instantSchema.nullable(),
  status: credentialStatusSchema,
  storage: storageSchema,
  approval_ref: label(512),
  last_review_at: instantSchema,
  reviewer: label(320),
  tags: z.array(label(128)),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/, "fingerprint must be 64 lowercase hex characters (HMAC-SHA-256)"),
  /** Identifier the provider shows without revealing the secret: AWS access key id, GCP key id, Vault accessor. */
  public_id: label(256),
  /** Provider-side container: AWS account id, GCP project, GitHub organization, Kubernetes namespace. */
  account: label(256),
} as const;

export type CredentialFieldName = keyof typeof credentialFieldSchemas;
export const CREDENTIAL_FIELDS = Object.keys(credentialFieldSchemas) as CredentialFieldName[];
export const credentialFieldNameSchema = z.enum(CREDENTIAL_FIELDS as [CredentialFieldName, ...CredentialFieldName[]]);

export type CredentialFields = { [K in CredentialFieldName]: z.infer<(typeof credentialFieldSchemas)[K]> };
export type Provenance = z.infer<typeof provenanceSchema>;

const optionalFields = Object.fromEntries(
  CREDENTIAL_FIELDS.map((f) => [f, credentialFieldSchemas[f].optional()]),
) as { [K in CredentialFieldName]: z.ZodOptional<(typeof credentialFieldSchemas)[K]> };

export const credentialRecordSchema = z
  .strictObject({
    /** Identity within its source: re-importing the same export updates this record instead of adding one. */
    external_id: z.string().min(1).max(512),
    ...optionalFields,
    provenance: z.partialRecord(credentialFieldNameSchema, provenanceSchema),
    /** For values with provenance `mapping_rule`: the id of the rule that set them. */
    mapped_by: z.partialRecord(credentialFieldNameSchema, z.string().min(1)).optional(),
  })
  .superRefine((record, ctx) => {
    for (const field of CREDENTIAL_FIELDS) {
      const stated = record[field] !== undefined;
      const origin = record.provenance[field];
      if (stated && origin === undefined) {
        ctx.addIssue({ code: "custom", path: ["provenance", field], message: `${field} is stated without provenance` });
      }
      if (!stated && origin !== undefined) {
        ctx.addIssue({ code: "custom", path: ["provenance", field], message: `${field} has provenance but no value` });
      }
      if (origin === "mapping_rule" && record.mapped_by?.[field] === undefined) {
        ctx.addIssue({ code: "custom", path: ["mapped_by", field], message: `${field} names no mapping rule` });
      }
    }
  });

export type CredentialRecord = z.infer<typeof credentialRecordSchema>;

export function isKnownProvider(provider: string): boolean {
  return (KNOWN_PROVIDERS as readonly string[]).includes(provider);
}

/** True when the record states `field` (a stated `null` counts: it means "never"/"unrestricted"/"none"). */
export function isStated(record: CredentialRecord, field: CredentialFieldName): boolean {
  return record[field] !== undefined;
}
