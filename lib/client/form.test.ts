import { expect, test } from "vitest";
import { approvalSchema } from "@/lib/domain/approval";
import { teamCreateSchema, userCreateSchema } from "@/lib/domain/identity";
import { notificationSettingsSchema } from "@/lib/domain/posture";
import { issueFields } from "@/lib/domain/zod-issue";
import { checkForm } from "./form";

// A form's field errors read as the server's answer to the same values would (parseInput): a dialog and the API
// must not word one mistake two ways.

const emptyApproval = { approver: "", requester: "", operation: "", resource: "", environment: "prod", approvedAt: "", expiresAt: "", reference: "", channel: "" };

test.each<[string, Parameters<typeof checkForm>[0], Record<string, unknown>, Record<string, string>]>([
  [
    "an approval left empty",
    approvalSchema,
    emptyApproval,
    {
      approver: "is required",
      requester: "is required",
      operation: "is required",
      resource: "is required",
      environment: "must be one of production, staging, development, *",
      approvedAt: "is required",
      expiresAt: "is required",
      reference: "is required",
      channel: "is required",
    },
  ],
  ["a team without a name", teamCreateSchema, { name: " " }, { name: "is required" }],
  ["a wrong severity", notificationSettingsSchema, { webhookUrl: null, minSeverity: "low" }, { minSeverity: "must be one of critical, high" }],
])("%s: each field's error is the server's", (_, schema, input, fields) => {
  const checked = checkForm(schema, input);
  expect(checked.success ? null : checked.fields).toEqual(fields);
  expect(issueFields(schema.safeParse(input).error!, { schema, input })).toEqual(fields);
});

test("a nested field's error is also under its dotted path, the key the server sends, for the input that shows it", () => {
  const input = { email: "a@x.test", name: "Ann", role: "auditor", teamIds: [], auditScope: { framework: "soc2", from: "", to: "2026-01-31" } };
  const checked = checkForm(userCreateSchema, input);
  expect(checked.success ? null : checked.fields).toEqual({ auditScope: "is required", "auditScope.from": "is required" });
  expect(issueFields(userCreateSchema.safeParse(input).error!, { schema: userCreateSchema, input })).toEqual({ "auditScope.from": "is required" });
});

test("values the schema takes come back parsed", () => {
  expect(checkForm(teamCreateSchema, { name: "  Payments " })).toEqual({ success: true, data: { name: "Payments" } });
});
