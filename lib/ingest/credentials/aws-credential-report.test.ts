import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { parseAwsCredentialReport } from "./aws-credential-report";
import { bytesOf, collect, errorsOf, recordsOf } from "./test-support";

const fixture = readFileSync(new URL("./fixtures/aws-credential-report.csv", import.meta.url), "utf8");
const [HEADER] = fixture.split("\n");
const parse = async (text: string) => collect(parseAwsCredentialReport(bytesOf(text)));

/** A report row for `user` with the given key-slot cells (defaults: empty slots). */
function row(user: string, arn: string, slots: Partial<Record<string, string>> = {}): string {
  const cells = (HEADER as string).split(",").map((column) => {
    if (column === "user") return user;
    if (column === "arn") return arn;
    if (column in slots) return slots[column] as string;
    return column.endsWith("_active") ? "false" : "N/A";
  });
  return cells.join(",");
}

test("the documented report yields one credential per existing access key", async () => {
  const items = await parse(fixture);
  expect(errorsOf(items)).toEqual([]);
  const records = recordsOf(items);
  expect(records.map((r) => [r.external_id, r.status])).toEqual([
    ["arn:aws:iam::111122223333:root#access_key_1", "active"],
    ["arn:aws:iam::111122223333:user/automation/deploy-agent#access_key_1", "active"],
    ["arn:aws:iam::111122223333:user/automation/deploy-agent#access_key_2", "disabled"],
    ["arn:aws:iam::444455556666:user/svc-backup#access_key_2", "active"],
  ]);
  expect(items.map((i) => i.line)).toEqual([2, 4, 4, 5]);
});

test("every mapped column lands in its field, and the rest stays not stated", async () => {
  const [, deployKey1, deployKey2, backupKey2] = recordsOf(await parse(fixture));
  expect(deployKey1).toEqual({
    external_id: "arn:aws:iam::111122223333:user/automation/deploy-agent#access_key_1",
    provider: "aws",
    kind: "access_key",
    name: "deploy-agent access key 1",
    principal: "deploy-agent",
    account: "111122223333",
    status: "active",
    last_rotated_at: "2024-01-10T14:02:00.000Z",
    last_used_at: "2025-11-24T23:59:01.000Z",
    provenance: {
      provider: "source",
      kind: "source",
      name: "source",
      principal: "source",
      account: "source",
      status: "source",
      last_rotated_at: "source",
      last_used_at: "source",
    },
  });
  expect(deployKey2).toMatchObject({ status: "disabled", last_rotated_at: "2024-06-01T08:00:00.000Z", last_used_at: "2024-07-15T10:20:30.000Z" });
  // N/A in last_used_date: the key exists but was never used.
  expect(backupKey2).toMatchObject({ account: "444455556666", last_used_at: null, name: "svc-backup access key 2" });
  for (const field of ["principal_type", "team", "owner_email", "environments", "agent_accessible", "expires_at", "public_id"]) {
    expect(deployKey1).not.toHaveProperty(field);
  }
});

test("the root account's key is tagged as such", async () => {
  const [root] = recordsOf(await parse(fixture));
  expect(root).toMatchObject({ principal: "<root_account>", tags: ["root-account"], last_rotated_at: "2019-03-01T10:05:00.000Z" });
});

describe("slots", () => {
  const arn = "arn:aws:iam::111122223333:user/bob";
  test.each([
    ["active with a rotation date", { access_key_1_active: "true", access_key_1_last_rotated: "2025-01-01T00:00:00+00:00" }, 1],
    ["active without a rotation date", { access_key_1_active: "TRUE" }, 1],
    ["inactive but rotated (the key still exists)", { access_key_2_last_rotated: "2025-01-01T00:00:00+00:00" }, 1],
    ["inactive and never rotated (no key)", {}, 0],
    ["both keys", { access_key_1_active: "true", access_key_2_active: "true" }, 2],
  ])("%s", async (_label, slots, count) => {
    expect(recordsOf(await parse(`${HEADER}\n${row("bob", arn, slots)}\n`))).toHaveLength(count);
  });
});

describe("row errors", () => {
  const arn = "arn:aws:iam::111122223333:user/bob";
  test.each([
    ["a bad boolean", row("bob", arn, { access_key_1_active: "yes-ish" }), "access_key_1_active", /expected true or false/],
    ["an impossible rotation date", row("bob", arn, { access_key_1_active: "true", access_key_1_last_rotated: "2025-02-30T00:00:00+00:00" }), "access_key_1_last_rotated", /day 30/],
    ["a bad last-used date", row("bob", arn, { access_key_2_active: "true", access_key_2_last_used_date: "yesterday" }), "access_key_2_last_used_date", /not an ISO 8601 date/],
    ["a malformed ARN", row("bob", "arn:aws:s3:::bucket"), "arn", /expected an IAM user or root ARN/],
    ["a user name starting with =", row("=cmd", arn), "user", /formula injection/],
    ["an empty user", row("", arn), "user", /required/],
  ])("%s", async (_label, line, field, reason) => {
    expect(errorsOf(await parse(`${HEADER}\n${line}\n`))).toEqual([{ line: 2, field, reason: expect.stringMatching(reason) }]);
  });

  test("a user listed twice: the later row's keys are duplicates of the first", async () => {
    const line = row("bob", arn, { access_key_1_active: "true" });
    expect(errorsOf(await parse(`${HEADER}\n${line}\n${line}\n`))).toEqual([
      { line: 3, field: "arn", reason: "duplicate id: already used on line 2" },
    ]);
  });

  test("a report missing a key column is rejected at the header", async () => {
    const header = (HEADER as string).replace(",access_key_2_last_used_date", "");
    expect(await parse(`${header}\n`)).toEqual([
      { line: 1, error: { line: 1, field: "access_key_2_last_used_date", reason: expect.stringMatching(/required column missing/) } },
    ]);
  });

  test("extra columns AWS may add later are ignored", async () => {
    const items = await parse(`${HEADER},new_column\n${row("bob", arn, { access_key_1_active: "true" })},x\n`);
    expect(recordsOf(items)).toHaveLength(1);
  });
});

describe("the CLI's output as printed (aws iam get-credential-report)", () => {
  const content = Buffer.from(fixture).toString("base64");
  const response = { Content: content, ReportFormat: "text/csv", GeneratedTime: "2025-11-25T09:00:00+00:00" };
  test.each([
    // The CLI's default output: the API response as JSON, indented by four spaces.
    ["--output json", JSON.stringify(response, null, 4) + "\n"],
    ["--output json with a BOM and CRLF (saved by PowerShell)", `\uFEFF${JSON.stringify(response, null, 4).replaceAll("\n", "\r\n")}\r\n`],
    ["--output text (values tab-separated)", `${content}\t${response.GeneratedTime}\ttext/csv\n`],
    ["--query Content --output text", `${content}\n`],
  ])("%s reads as the decoded report", async (_label, text) => {
    const items = await parse(text);
    expect(items).toEqual(await parse(fixture));
    expect(recordsOf(items)).toHaveLength(4);
  });

  test.each([
    ["not JSON", "{ Content: x }", undefined, /not valid JSON/],
    ["no Content", JSON.stringify({ ReportFormat: "text/csv" }), "Content", /required/],
    ["Content not base64", JSON.stringify({ ...response, Content: "user,arn,x" }), "Content", /expected the report as base64/],
    ["another report format", JSON.stringify({ ...response, ReportFormat: "text/html" }), "ReportFormat", /expected text\/csv/],
    ["a JSON array", JSON.stringify([response]), undefined, /expected the JSON object aws iam get-credential-report prints/],
  ])("%s is one error on line 1", async (_label, text, field, reason) => {
    expect(await parse(text)).toEqual([
      { line: 1, error: { line: 1, ...(field ? { field } : {}), reason: expect.stringMatching(reason) } },
    ]);
  });

  test("--output json redirected by Windows PowerShell 5.1 (UTF-16LE with a BOM)", async () => {
    const bytes = new Uint8Array(Buffer.from(`\uFEFF${JSON.stringify(response, null, 4)}\r\n`, "utf16le"));
    expect(await collect(parseAwsCredentialReport(bytesOf(bytes)))).toEqual(await parse(fixture));
  });

  test("a wrapped report with a bad row names the line of the decoded report", async () => {
    const csv = `${HEADER}\n${row("bob", "arn:aws:iam::111122223333:user/bob", { access_key_1_active: "maybe" })}\n`;
    const text = JSON.stringify({ Content: Buffer.from(csv).toString("base64"), ReportFormat: "text/csv" });
    expect(errorsOf(await parse(text))).toEqual([{ line: 2, field: "access_key_1_active", reason: "expected true or false" }]);
  });
});
