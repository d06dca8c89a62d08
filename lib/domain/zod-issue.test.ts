import { expect, test } from "vitest";
import { z } from "zod";
import { eventListQuerySchema } from "./activity-query";
import { approvalSchema } from "./approval";
import { credentialEditSchema, credentialListQuerySchema } from "./credential-query";
import { auditQuerySchema, teamCreateSchema } from "./identity";
import { jobListQuerySchema } from "./jobs";
import {
  controlPopulationQuerySchema,
  exceptionListQuerySchema,
  exceptionRequestSchema,
  findingBulkUpdateSchema,
  findingListQuerySchema,
  findingUpdateSchema,
  notificationSettingsSchema,
  ruleParametersInputSchema,
} from "./posture";
import { secretFindingQuerySchema } from "./scan";
import { issueFields, issueReason } from "./zod-issue";

const schema = z.object({
  kind: z.enum(["a", "b"]),
  version: z.literal(1),
  label: z.enum(["x", "y"]).optional(),
  nested: z.object({ mode: z.enum(["on", "off"]) }).optional(),
});

const approval = { operation: "delete", resource: "*", environment: "production", reference: "T-1", channel: "ticket" };

const reasons = (input: unknown) => schema.safeParse(input).error?.issues.map((i) => [i.path.join("."), issueReason(i, { schema, input })]);

test("a required enum or literal left out or empty is required, wherever it is", () => {
  expect(reasons({ kind: "", version: null, nested: {} })).toEqual([
    ["kind", "is required"],
    ["version", "is required"],
    ["nested.mode", "is required"],
  ]);
  expect(reasons({ version: 1, nested: { mode: null } })).toEqual([
    ["kind", "is required"],
    ["nested.mode", "is required"],
  ]);
});

// A field that cannot be left out, be null or be blank, sent blank or null, is required whatever check it failed: a
// length, a format, a schema's own message, or a check of the whole object that compares it with another field.
test.each<[string, z.ZodType, Record<string, unknown>, Record<string, string>]>([
  [
    "approval",
    approvalSchema,
    { ...approval, approver: "", requester: "", reference: null, approvedAt: "", expiresAt: "" },
    { approver: "is required", requester: "is required", reference: "is required", approvedAt: "is required", expiresAt: "is required" },
  ],
  ["exception request", exceptionRequestSchema, { justification: "", expiresAt: "2026-12-01T00:00:00Z" }, { justification: "is required" }],
  [
    "an element of a list",
    ruleParametersInputSchema,
    { agentRuntimes: [{ token: "acme", name: "Acme", kind: "automation" }, { token: "", name: null, kind: "" }] },
    { "agentRuntimes.1.token": "is required", "agentRuntimes.1.name": "is required", "agentRuntimes.1.kind": "is required" },
  ],
  ["team, blank", teamCreateSchema, { name: "  " }, { name: "is required" }],
  ["team, too short", teamCreateSchema, { name: "x" }, { name: "must be at least 2 characters" }],
  // Null turns notifications off, so an empty URL is a wrong one, not a missing one; so is an empty optional id.
  ["notification settings", notificationSettingsSchema, { webhookUrl: "", minSeverity: "high" }, { webhookUrl: "must be an http(s) URL" }],
  ["finding change", findingUpdateSchema, { assigneeId: "" }, { assigneeId: "must be a user's id, or null for nobody" }],
  // Not empty, but too short: the schema's own message.
  ["exception request, too short", exceptionRequestSchema, { justification: "risky", expiresAt: "2026-12-01T00:00:00Z" }, { justification: "explain the risk and why it is acceptable (at least 20 characters)" }],
])("%s: a required field sent blank or null is required", (_, checkedSchema, input, fields) => {
  const parsed = checkedSchema.safeParse(input);
  expect(parsed.success).toBe(false);
  expect(issueFields(parsed.error!, { schema: checkedSchema, input })).toEqual(fields);
});

test("a value present but wrong, or an optional enum left empty, names the allowed values", () => {
  expect(reasons({ kind: "c", version: 2, label: "", nested: { mode: 1 } })).toEqual([
    ["kind", "must be one of a, b"],
    ["version", "must be 1"],
    ["label", "must be one of x, y"],
    ["nested.mode", "must be one of on, off"],
  ]);
});

test("without the schema (an error that escaped a route), a wrong value still names the allowed ones", () => {
  const error = z.object({ mode: z.enum(["on", "off"]) }).safeParse({ mode: "dim" }).error!;
  expect(issueFields(error)).toEqual({ mode: "must be one of on, off" });
});

test("a message a schema gives its enum is kept", () => {
  const own = z.object({ mode: z.enum(["on", "off"], { error: "say on or off" }) });
  const input = { mode: "dim" };
  expect(issueFields(own.safeParse(input).error!, { schema: own, input })).toEqual({ mode: "say on or off" });
});

// Every optional (or defaulted) enum of the API's bodies and query strings, sent empty or wrong: what a caller reads.
test.each<[string, z.ZodType, Record<string, unknown>, Record<string, string>]>([
  ["finding change: people set only open or in progress", findingUpdateSchema, { status: "" }, { status: "must be one of open, in_progress" }],
  ["finding change, a status Leash sets", findingUpdateSchema, { status: "resolved" }, { status: "must be one of open, in_progress" }],
  ["bulk finding change", findingBulkUpdateSchema, { ids: [crypto.randomUUID()], status: "" }, { status: "must be one of open, in_progress" }],
  ["bulk finding change, an assignee by name", findingBulkUpdateSchema, { ids: [crypto.randomUUID()], assigneeId: "maya" }, { assigneeId: "must be a user's id, or null for nobody" }],
  [
    "finding list",
    findingListQuerySchema,
    { status: "", severity: "", subjectKind: "x", overdue: "", age: "old", assignee: "bob" },
    {
      status: "must be one of open, in_progress, resolved, risk_accepted, active, all",
      assignee: "must be a user's id, me or none",
      severity: "must be one of critical, high, medium, low",
      subjectKind: "must be one of credential, event, corpus, audit_log",
      overdue: "must be one of true, false",
      age: "must be one of under7, from7to30, from30to90, over90",
    },
  ],
  ["control population", controlPopulationQuerySchema, { result: "" }, { result: "must be one of pass, fail, excepted, not_applicable" }],
  ["exception list", exceptionListQuerySchema, { status: "" }, { status: "must be one of pending, approved, rejected, expired, all" }],
  ["notification settings", notificationSettingsSchema, { webhookUrl: null, minSeverity: "" }, { minSeverity: "must be one of critical, high" }],
  ["audit log", auditQuerySchema, { outcome: "" }, { outcome: "must be one of success, failure, denied" }],
  [
    "jobs",
    jobListQuerySchema,
    { kind: "", status: "" },
    { kind: "must be one of import, scan, ingest, evaluation, evidence", status: "must be one of queued, running, retrying, succeeded, failed" },
  ],
  ["secret findings", secretFindingQuerySchema, { agentReadable: "", status: "" }, { agentReadable: "must be one of true, false", status: "must be one of open, resolved, all" }],
  [
    "credential list",
    credentialListQuerySchema,
    { agentAccessible: "", sort: "", order: "" },
    {
      agentAccessible: "must be one of true, false, unknown",
      sort: "must be one of name, provider, expires_at, last_used_at, last_rotated_at, created_at, updated_at",
      order: "must be one of asc, desc",
    },
  ],
  // A list filter whose items are an enum or one more word: the word is among the allowed values.
  ["credential list, an environment", credentialListQuerySchema, { environment: "production,prod" }, { "environment.1": "must be one of production, staging, development, *, untagged" }],
  ["event list, an environment", eventListQuerySchema, { environment: "prod" }, { "environment.0": "must be one of production, staging, development, unknown" }],
  [
    "credential edit",
    credentialEditSchema,
    { storage: "", principal_type: "", environments: [""], review: "yes" },
    {
      storage: "must be one of vault, ci_secret, env_file, plaintext, unknown",
      principal_type: "must be one of human, service, agent",
      "environments.0": "must be one of production, staging, development, *",
      review: "must be true",
    },
  ],
])("%s: an optional enum sent empty or wrong names its allowed values", (_, checkedSchema, input, fields) => {
  const parsed = checkedSchema.safeParse(input);
  expect(parsed.success).toBe(false);
  expect(issueFields(parsed.error!, { schema: checkedSchema, input })).toEqual(fields);
});
