import { z } from "zod";
import { boolParam, listParam } from "./query-params";
import {
  CREDENTIAL_STATUSES,
  credentialFieldSchemas,
  credentialKindSchema,
  environmentSchema,
  principalTypeSchema,
  storageSchema,
  type CredentialFieldName,
  type Provenance,
} from "./credential";


export const CREDENTIAL_SORTS = ["name", "provider", "expires_at", "last_used_at", "last_rotated_at", "created_at", "updated_at"] as const;

export const credentialListQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  provider: listParam(z.string().max(64)).optional(),
  kind: listParam(credentialKindSchema).optional(),
  environment: listParam(z.union([environmentSchema, z.literal("untagged")])).optional(),
  agentAccessible: z.enum(["true", "false", "unknown"]).optional(),
  principalType: listParam(z.union([principalTypeSchema, z.literal("unknown")])).optional(),
  teamId: listParam(z.uuid()).optional(),
  storage: listParam(storageSchema).optional(),
  status: listParam(z.enum([...CREDENTIAL_STATUSES, "unknown"])).optional(),
  expiringWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
  noExpiry: boolParam.optional(),
  missingFromSource: boolParam.optional(),
  sourceId: z.uuid().optional(),
  /** Credentials an import run created (their version 1 is that run's) or updated (a later version is). */
  createdByImport: z.uuid().optional(),
  updatedByImport: z.uuid().optional(),
  /** …left unchanged, marked missing (a full import), or either created, updated or left unchanged: listed in its file. */
  unchangedByImport: z.uuid().optional(),
  markedMissingByImport: z.uuid().optional(),
  listedByImport: z.uuid().optional(),
  sort: z.enum(CREDENTIAL_SORTS).default("name"),
  order: z.enum(["asc", "desc"]).default("asc"),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** Opaque cursor from the previous page's `nextCursor`. */
  cursor: z.string().max(500).optional(),
});
export type CredentialListQuery = z.input<typeof credentialListQuerySchema>;
export type CredentialListFilters = z.output<typeof credentialListQuerySchema>;

/** What a person may change on a credential (DESIGN §2); every edit is a new version and an audit entry. */
export const credentialEditSchema = z
  .strictObject({
    environments: credentialFieldSchemas.environments.optional(),
    agent_accessible: credentialFieldSchemas.agent_accessible.optional(),
    allowed_operations: credentialFieldSchemas.allowed_operations.optional(),
    team: credentialFieldSchemas.team.optional(),
    owner_email: credentialFieldSchemas.owner_email.optional(),
    expires_at: credentialFieldSchemas.expires_at.optional(),
    storage: credentialFieldSchemas.storage.optional(),
    principal_type: credentialFieldSchemas.principal_type.optional(),
    /** Review sign-off: records the reviewer (the signed-in user) and now. */
    review: z.literal(true).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "nothing to change" });
export type CredentialEdit = z.input<typeof credentialEditSchema>;

export type FieldOrigin = { provenance: Provenance; mappedBy?: string };

export type CredentialDto = {
  id: string;
  source: { id: string; name: string };
  externalId: string;
  team: { id: string; name: string } | null;
  /** Every stated field, in the record's own (snake_case) names; an absent key means "not stated". */
  fields: Partial<Record<CredentialFieldName, unknown>>;
  origins: Partial<Record<CredentialFieldName, FieldOrigin>>;
  /** Fields only the source sets (a Leash API token's dates, scopes and owner): an edit of one is refused. */
  lockedFields: CredentialFieldName[];
  missingFromSourceAt: string | null;
  version: number;
  updatedAt: string;
  /** Whether the asking viewer may sign off this credential's review, as the server judges it, and why not. */
  reviewSignOff: { allowed: true } | { allowed: false; reason: string };
};

export type CredentialRowDto = {
  id: string;
  name: string | null;
  provider: string | null;
  kind: string | null;
  principal: string | null;
  principalType: string | null;
  team: { id: string; name: string } | null;
  teamLabel: string | null;
  environments: string[] | null;
  agentAccessible: boolean | null;
  storage: string | null;
  /** What the credential is now (effectiveStatus): an expiry or revocation past outranks a source still saying active. */
  status: string | null;
  expiresAt: string | null;
  /** True when the source stated "never expires" (as opposed to not saying). */
  neverExpires: boolean;
  lastUsedAt: string | null;
  lastRotatedAt: string | null;
  missingFromSource: boolean;
  source: string;
};

export type CredentialPage = { items: CredentialRowDto[]; nextCursor: string | null; total: number };

export type CredentialVersionDto = {
  version: number;
  validFrom: string;
  validTo: string | null;
  changedFields: string[];
  changeKind: "import" | "api" | "person" | "system";
  changedBy: string;
  importRunId: string | null;
  data: Record<string, unknown>;
};

export type ImportRunDto = {
  id: string;
  source: { id: string; name: string };
  format: string;
  fileName: string;
  fileSha256: string | null;
  fileBytes: number | null;
  status: "running" | "applied" | "rejected" | "failed";
  applyValid: boolean;
  fullSync: boolean;
  startedAt: string;
  finishedAt: string | null;
  counts: { read: number; created: number; updated: number; unchanged: number; rejected: number; markedMissing: number };
  errors: { line: number; item?: number; field?: string; reason: string }[];
  failure: string | null;
  requestedBy: string;
  /**
   * On a single run (not in lists): team names the run's source states that are no Leash team, with how many of its
   * credentials state each. Those credentials have no team (no engineer sees them) until the team is created.
   */
  unknownTeams?: { name: string; credentials: number }[];
  /** Whether its unchanged and marked-missing credentials were recorded: runs from before they were are not listable. */
  outcomesRecorded: boolean;
};
