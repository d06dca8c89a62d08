import { z } from "zod";
import { credentialEditSchema, credentialListQuerySchema } from "@/lib/domain/credential-query";
import { eventListQuerySchema, eventPageSchema } from "@/lib/domain/activity-query";
import { approvalListQuerySchema, approvalPageSchema, approvalSchema } from "@/lib/domain/approval";
import { mappingRuleSetSchema } from "@/lib/domain/credential-mapping";
import { corpusCreateSchema, corpusUpdateSchema, scanRunQuerySchema, scanUploadSchema, secretFindingQuerySchema } from "@/lib/domain/scan";
import { auditQuerySchema, teamCreateSchema, tokenCreateSchema, userCreateSchema, userListQuerySchema, userUpdateSchema } from "@/lib/domain/identity";
import { environmentRulesSchema } from "@/lib/ingest/events/environment";
import { evidenceListQuerySchema, evidencePageSchema, evidenceRequestSchema } from "@/lib/domain/evidence";
import {
  controlPopulationQuerySchema,
  exceptionDecisionSchema,
  exceptionListQuerySchema,
  exceptionRequestSchema,
  findingBulkUpdateSchema,
  findingListQuerySchema,
  findingUpdateSchema,
  notificationSettingsSchema,
  postureQuerySchema,
  postureTrendQuerySchema,
  ruleParametersInputSchema,
} from "@/lib/domain/posture";
import { jobListQuerySchema } from "@/lib/domain/jobs";
import type { Permission } from "./permissions";

/**
 * Every /api/v1 route: its permission and its request schemas (the same zod schemas the handlers parse with).
 * The OpenAPI document is generated from this table, and a test fails when a route file is missing from it.
 */
export type ApiRoute = {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  path: string;
  summary: string;
  permission: Permission | null;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Non-JSON bodies and responses. */
  requestType?: "multipart/form-data" | "application/json";
  responseType?: "application/json" | "text/csv" | "application/zip";
  /** The success body, where a schema describes it (the same one its DTO type is inferred from). */
  response?: z.ZodType;
  created?: boolean;
  /** Runs as a background job: waits for the result, or answers 202 with the job under `Prefer: respond-async`. */
  job?: boolean;
  /** Answers an import run: 422 with the run and its row errors when it was rejected or failed (importRunStatus). */
  importRun?: boolean;
  /** Answers an ingest report: 422 with the report when every line was rejected (ingestReportStatus). */
  ingestRun?: boolean;
  /** Also takes NDJSON (application/x-ndjson): one of these a line. */
  ndjsonLine?: z.ZodType;
  /** Statuses beyond the usual ones, each with what it answers. */
  answers?: Record<string, string>;
};

const ingestQuery = z.object({
  file: z.string().optional().describe("name of the upload in the run report"),
  format: z.enum(["leash-ndjson", "csv"]).optional(),
  log_line_prefix: z.string().optional(),
  host: z.string().optional(),
  database: z.string().optional(),
});

const multipartImport = z.object({
  format: z.string().describe("importer format name"),
  source: z.string().optional(),
  apply_valid: z.enum(["true", "false"]).optional(),
  full_sync: z.enum(["true", "false"]).optional(),
  file: z.string().describe("the file, sent last, streamed").meta({ format: "binary" }),
});

export const apiRoutes: ApiRoute[] = [
  { method: "GET", path: "/api/v1/health", summary: "Database liveness (no authentication)", permission: null },
  { method: "GET", path: "/api/v1/me", summary: "The caller: user, role, teams, permissions, token", permission: "self:read" },
  { method: "GET", path: "/api/v1/users", summary: "List users (teamId: a team's members)", permission: "user:read", query: userListQuerySchema },
  { method: "POST", path: "/api/v1/users", summary: "Create a user", permission: "user:manage", body: userCreateSchema, created: true },
  { method: "PATCH", path: "/api/v1/users/{id}", summary: "Change a user's name, role, teams or active status", permission: "user:manage", body: userUpdateSchema },
  { method: "GET", path: "/api/v1/teams", summary: "List teams (engineers: their own)", permission: "team:read" },
  { method: "POST", path: "/api/v1/teams", summary: "Create a team", permission: "team:manage", body: teamCreateSchema, created: true },
  { method: "GET", path: "/api/v1/teams/{id}", summary: "A team with its members", permission: "team:read" },
  { method: "GET", path: "/api/v1/tokens", summary: "List API tokens (never their values)", permission: "token:read" },
  { method: "POST", path: "/api/v1/tokens", summary: "Create an API token (its value is returned once)", permission: "token:manage", body: tokenCreateSchema, created: true },
  { method: "DELETE", path: "/api/v1/tokens/{id}", summary: "Revoke an API token", permission: "token:manage" },
  { method: "GET", path: "/api/v1/audit", summary: "Audit log entries, newest first", permission: "audit:read", query: auditQuerySchema },
  { method: "GET", path: "/api/v1/audit/verify", summary: "Verify the audit hash chain", permission: "audit:read" },
  { method: "GET", path: "/api/v1/credentials", summary: "List credentials (filters, sort, cursor pagination)", permission: "credential:read", query: credentialListQuerySchema },
  { method: "POST", path: "/api/v1/credentials", summary: "Bulk upsert credentials (Leash JSON body, streamed)", permission: "credential:import", query: z.object({ source: z.string().optional(), apply_valid: z.enum(["true", "false"]).optional(), full_sync: z.enum(["true", "false"]).optional() }), created: true, job: true, importRun: true },
  { method: "GET", path: "/api/v1/credentials/{id}", summary: "A credential with the origin of each field", permission: "credential:read" },
  { method: "PATCH", path: "/api/v1/credentials/{id}", summary: "Edit a credential (a new version)", permission: "credential:write", body: credentialEditSchema },
  { method: "GET", path: "/api/v1/credentials/{id}/history", summary: "Every version of a credential", permission: "credential:read" },
  { method: "GET", path: "/api/v1/credentials/export.csv", summary: "CSV export of the current filter", permission: "credential:read", query: credentialListQuerySchema, responseType: "text/csv" },
  { method: "GET", path: "/api/v1/credentials/template.csv", summary: "Leash CSV template", permission: "credential:read", responseType: "text/csv" },
  { method: "GET", path: "/api/v1/imports", summary: "Import runs", permission: "credential:read" },
  { method: "POST", path: "/api/v1/imports", summary: "Import a credential file (multipart, streamed)", permission: "credential:import", body: multipartImport, requestType: "multipart/form-data", created: true, job: true, importRun: true },
  { method: "POST", path: "/api/v1/imports/preview", summary: "Preview the first rows of a file as they would be imported", permission: "credential:import", body: multipartImport, requestType: "multipart/form-data" },
  { method: "GET", path: "/api/v1/imports/{id}", summary: "An import run's report", permission: "credential:read" },
  { method: "GET", path: "/api/v1/posture", summary: "Framework score, control statuses and populations, and the agent blast radius (now or as of an instant)", permission: "posture:read", query: postureQuerySchema },
  { method: "GET", path: "/api/v1/posture/trend", summary: "One posture point per UTC day: the last N days or an audit period", permission: "posture:read", query: postureTrendQuerySchema },
  { method: "GET", path: "/api/v1/controls/{framework}/{control}", summary: "A control with its rules' counts and a page of its population, each item with its result and reason", permission: "posture:read", query: controlPopulationQuerySchema },
  { method: "GET", path: "/api/v1/findings", summary: "The findings queue (filters, cursor pagination); engineers see their teams'", permission: "finding:read", query: findingListQuerySchema },
  { method: "GET", path: "/api/v1/findings/summary", summary: "Open findings by severity and age", permission: "finding:read" },
  { method: "POST", path: "/api/v1/findings/bulk", summary: "Assign or set the status of many findings at once (all or nothing)", permission: "finding:write", body: findingBulkUpdateSchema },
  { method: "GET", path: "/api/v1/findings/{id}", summary: "A finding with its latest exception", permission: "finding:read" },
  { method: "PATCH", path: "/api/v1/findings/{id}", summary: "Assign a finding or move it between open and in progress", permission: "finding:write", body: findingUpdateSchema },
  { method: "POST", path: "/api/v1/findings/{id}/verify", summary: "Mark fixed: re-evaluate the subject now and return the verdict", permission: "finding:write" },
  { method: "POST", path: "/api/v1/findings/{id}/exceptions", summary: "Request an exception (justification, expiry at most a year away)", permission: "exception:request", body: exceptionRequestSchema, created: true },
  { method: "GET", path: "/api/v1/exceptions", summary: "Exception requests and decisions", permission: "finding:read", query: exceptionListQuerySchema },
  { method: "POST", path: "/api/v1/exceptions/{id}/decision", summary: "Approve or reject an exception (an admin other than the requester)", permission: "exception:decide", body: exceptionDecisionSchema },
  { method: "GET", path: "/api/v1/evaluations", summary: "Recent evaluation runs (workspace-wide counts: admins and auditors)", permission: "settings:read" },
  { method: "POST", path: "/api/v1/evaluations", summary: "Run a full evaluation now", permission: "evaluation:run", created: true, job: true },
  { method: "GET", path: "/api/v1/settings/rule-parameters", summary: "Rule parameters and finding SLAs, with their version", permission: "settings:read" },
  { method: "PUT", path: "/api/v1/settings/rule-parameters", summary: "Set rule parameters, finding SLAs and agent runtimes (a new, audited version), then re-evaluate everything", permission: "settings:manage", body: ruleParametersInputSchema },
  { method: "GET", path: "/api/v1/settings/notifications", summary: "Where new findings are announced (webhook URL redacted unless settings:manage)", permission: "settings:read" },
  { method: "PUT", path: "/api/v1/settings/notifications", summary: "Set the Slack-compatible webhook for new findings", permission: "settings:manage", body: notificationSettingsSchema },
  { method: "GET", path: "/api/v1/evidence", summary: "Built evidence packages (who, when, scope, SHA-256), newest first (cursor)", permission: "evidence:read", query: evidenceListQuerySchema, response: evidencePageSchema },
  { method: "POST", path: "/api/v1/evidence", summary: "Build a signed evidence package for a framework, as of an instant or for a period", permission: "evidence:build", body: evidenceRequestSchema, created: true, job: true },
  { method: "GET", path: "/api/v1/evidence/{id}/download", summary: "Download a package's stored bytes (a zip)", permission: "evidence:read", responseType: "application/zip" },
  { method: "GET", path: "/api/v1/evidence/public-key", summary: "The instance's evidence signing public keys, current and retired (no authentication)", permission: null },
  { method: "GET", path: "/api/v1/settings/mapping-rules", summary: "Credential mapping rules", permission: "settings:read" },
  { method: "PUT", path: "/api/v1/settings/mapping-rules", summary: "Replace the credential mapping rules", permission: "settings:manage", body: mappingRuleSetSchema },
  { method: "GET", path: "/api/v1/settings/environment-rules", summary: "Resource → environment patterns applied at ingest", permission: "settings:read" },
  { method: "PUT", path: "/api/v1/settings/environment-rules", summary: "Replace the resource → environment patterns (first match wins)", permission: "settings:manage", body: z.object({ rules: environmentRulesSchema }) },
  { method: "GET", path: "/api/v1/events", summary: "Activity events, newest first (filters, cursor)", permission: "activity:read", query: eventListQuerySchema, response: eventPageSchema },
  { method: "POST", path: "/api/v1/events", summary: "Ingest Leash NDJSON (gzip accepted, streamed); ?format=csv for CSV", permission: "activity:ingest", query: ingestQuery, job: true, ingestRun: true },
  { method: "POST", path: "/api/v1/events/cloudtrail", summary: "Ingest AWS CloudTrail records (gzip accepted, streamed)", permission: "activity:ingest", query: ingestQuery, job: true, ingestRun: true },
  { method: "POST", path: "/api/v1/events/pgaudit", summary: "Ingest a PostgreSQL log with pgaudit lines", permission: "activity:ingest", query: ingestQuery, job: true, ingestRun: true },
  { method: "GET", path: "/api/v1/events/summary", summary: "Operations per day by actor type", permission: "activity:read", query: z.object({ days: z.coerce.number().int().min(1).max(365).optional() }) },
  { method: "GET", path: "/api/v1/events/{id}", summary: "One event with its attribution reason, flags and raw payload", permission: "activity:read" },
  { method: "GET", path: "/api/v1/approvals", summary: "Out-of-band approvals, newest first (cursor)", permission: "activity:read", query: approvalListQuerySchema, response: approvalPageSchema },
  {
    method: "POST",
    path: "/api/v1/approvals",
    summary: "Record an approval (a JSON object), or a batch: a JSON array, or NDJSON (Content-Type: application/x-ndjson)",
    permission: "approval:write",
    body: z.union([approvalSchema, z.array(approvalSchema)]),
    ndjsonLine: approvalSchema,
    created: true,
    ingestRun: true,
    answers: {
      "200":
        "An approval is stored once by its ingest key: the Idempotency-Key header when given (the single form only), else a hash of what it states. The single form: the approval was held already and is answered as held, with `duplicate: true` (201 answers one recorded now, `duplicate: false`). A batch: the ingest report `{accepted, duplicate, rejected, errors: [{line, item?, field?, reason}]}`, its bad lines rejected and the rest stored in one transaction",
      "409": "The Idempotency-Key was used for a different approval, or another approval has the id sent",
    },
  },
  { method: "POST", path: "/api/v1/approvals/webhook", summary: "Slack-style signed approval (X-Slack-Signature, X-Slack-Request-Timestamp)", permission: null, created: true },
  { method: "GET", path: "/api/v1/schemas/event.json", summary: "JSON Schema of one Leash NDJSON event line", permission: null },
  { method: "GET", path: "/api/v1/corpora", summary: "Scanned corpora (wikis, chat exports, repos) with open exposures", permission: "scan:read" },
  { method: "POST", path: "/api/v1/corpora", summary: "Register a corpus", permission: "scan:write", body: corpusCreateSchema, created: true },
  { method: "GET", path: "/api/v1/corpora/{id}", summary: "A corpus (id or name)", permission: "scan:read" },
  { method: "PATCH", path: "/api/v1/corpora/{id}", summary: "Change a corpus", permission: "scan:write", body: corpusUpdateSchema },
  { method: "POST", path: "/api/v1/corpora/{id}/scans", summary: "Scan an uploaded export (zip or file; raw body, streamed)", permission: "scan:write", query: z.object({ file: z.string().optional() }), created: true, job: true },
  { method: "POST", path: "/api/v1/corpora/{id}/scan-results", summary: "Record results of `leash scan --upload`", permission: "scan:write", body: scanUploadSchema, created: true },
  { method: "GET", path: "/api/v1/scans", summary: "Scan runs", permission: "scan:read", query: scanRunQuerySchema },
  { method: "GET", path: "/api/v1/scans/key-check", summary: "Check value of this instance's fingerprint key", permission: "scan:write" },
  { method: "GET", path: "/api/v1/secret-findings", summary: "Exposed secrets (one per secret and corpus) with locations", permission: "scan:read", query: secretFindingQuerySchema },
  { method: "GET", path: "/api/v1/secret-findings/{id}", summary: "One exposed secret with its locations", permission: "scan:read" },
  { method: "GET", path: "/api/v1/jobs", summary: "Background jobs, newest first (engineers: their own)", permission: "job:read", query: jobListQuerySchema },
  { method: "GET", path: "/api/v1/jobs/{id}", summary: "A job's status and progress, and its result or error once finished", permission: "job:read" },
  { method: "GET", path: "/api/v1/openapi.json", summary: "This document", permission: null },
];
