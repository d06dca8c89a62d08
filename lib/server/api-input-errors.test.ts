import { randomUUID } from "node:crypto";
import { beforeAll, expect, test } from "vitest";
import { POST as postApproval } from "@/app/api/v1/approvals/route";
import { GET as listExceptions } from "@/app/api/v1/exceptions/route";
import { POST as decideException } from "@/app/api/v1/exceptions/[id]/decision/route";
import { PATCH as patchFinding } from "@/app/api/v1/findings/[id]/route";
import { POST as postToken } from "@/app/api/v1/tokens/route";
import { apiRequest, bearerToken, idParams, noParams } from "./testing/api-client";
import { seedIdentity } from "./testing/fixtures";
import { describeEachEngine } from "./testing/test-db";

// A field left out, or a required one sent empty (blank or null), reads "is required"; an enum sent wrong, or an optional one sent
// empty, names the allowed values. Every body and query string of the API is checked through parseInput.

const CHANNELS = "must be one of slack, pagerduty, ticket, other";
// People move a finding between these two; resolved and risk accepted are Leash's to set.
const STATUSES = "must be one of open, in_progress";

const approval = {
  approver: "lead@x.test",
  requester: "dev@x.test",
  operation: "DeleteDBInstance",
  resource: "orders",
  environment: "production",
  approvedAt: "2026-11-20T10:00:00Z",
  expiresAt: "2026-11-20T12:00:00Z",
  reference: "C123/1",
  channel: "slack",
};

describeEachEngine("/api/v1 input errors", () => {
  let token = "";
  beforeAll(async () => {
    const f = await seedIdentity();
    token = await bearerToken(f, ["admin", "read"]);
  });

  const request = (method: string, path: string, body?: unknown) => apiRequest(method, path, token, body);
  const fieldsOf = async (response: Response) => [response.status, (await response.json()).error.fields];

  test("an approval without its channel, or with it empty, names channel as required; a wrong one lists the channels", async () => {
    const { channel: _, ...noChannel } = approval;
    expect(await fieldsOf(await postApproval(request("POST", "/api/v1/approvals", noChannel), noParams))).toEqual([400, { channel: "is required" }]);
    expect(await fieldsOf(await postApproval(request("POST", "/api/v1/approvals", { ...approval, channel: "" }), noParams))).toEqual([400, { channel: "is required" }]);
    expect(await fieldsOf(await postApproval(request("POST", "/api/v1/approvals", { ...approval, channel: "fax", environment: null }), noParams))).toEqual([
      400,
      { channel: CHANNELS, environment: "is required" },
    ]);
  });

  test("an approval's text and times sent empty are required, not too short, badly formatted or out of order", async () => {
    const empty = { ...approval, approver: "", requester: "", approvedAt: "", expiresAt: "" };
    expect(await fieldsOf(await postApproval(request("POST", "/api/v1/approvals", empty), noParams))).toEqual([
      400,
      { approver: "is required", requester: "is required", approvedAt: "is required", expiresAt: "is required" },
    ]);
  });

  test("a finding's status, which a change may leave out, lists the statuses when sent empty or wrong", async () => {
    const id = randomUUID(); // the body is checked before the finding is looked up
    expect(await fieldsOf(await patchFinding(request("PATCH", `/api/v1/findings/${id}`, { status: "" }), idParams(id)))).toEqual([400, { status: STATUSES }]);
    expect(await fieldsOf(await patchFinding(request("PATCH", `/api/v1/findings/${id}`, { status: "done" }), idParams(id)))).toEqual([400, { status: STATUSES }]);
    expect(await fieldsOf(await patchFinding(request("PATCH", `/api/v1/findings/${id}`, { status: "resolved" }), idParams(id)))).toEqual([400, { status: STATUSES }]);
  });

  test("an exception decision left out or empty is required; a wrong one lists the decisions", async () => {
    const id = randomUUID();
    const decide = async (body: unknown) => fieldsOf(await decideException(request("POST", `/api/v1/exceptions/${id}/decision`, body), idParams(id)));
    expect(await decide({ note: "ok" })).toEqual([400, { decision: "is required" }]);
    expect(await decide({ decision: "" })).toEqual([400, { decision: "is required" }]);
    expect(await decide({ decision: "maybe" })).toEqual([400, { decision: "must be one of approve, reject" }]);
  });

  test("an element of a list and a query-string value that are wrong list the allowed values", async () => {
    const token = await fieldsOf(await postToken(request("POST", "/api/v1/tokens", { name: "t", scopes: ["root"], expiresInDays: 1 }), noParams));
    expect(token).toEqual([400, { "scopes.0": "must be one of read, ingest, evidence, admin" }]);
    const exceptions = await fieldsOf(await listExceptions(request("GET", "/api/v1/exceptions?status=bogus"), noParams));
    expect(exceptions).toEqual([400, { status: "must be one of pending, approved, rejected, expired, all" }]);
  });
});
