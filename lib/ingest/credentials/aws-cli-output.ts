import type { RowError } from "../row-error";
import { readWholeText, sniffHead } from "./input-sniff";

/**
 * `aws iam get-credential-report` does not print the CSV: it prints the API response, whose `Content` is the
 * report base64-encoded — as JSON (`{"Content": "dXNl…", "ReportFormat": "text/csv", …}`, the default output),
 * or bare with `--output text` (`dXNl…<TAB>2025-…<TAB>text/csv`) and `--query Content --output text`.
 * Users paste exactly that, so it is unwrapped here; the decoded CSV (or a CSV given as is) streams on.
 * Row errors then count lines of the decoded report, which is what the user sees after `base64 -d`.
 */

/** Every report starts with the header `user,arn,…`; base64 of that prefix is how a bare blob is recognised. */
const HEADER_BASE64 = Buffer.from("user,arn,").toString("base64");
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** IAM allows 5,000 users per account: a report of that size is ~3 MB of base64. */
const MAX_WRAPPED_CHARS = 64 * 1024 * 1024;

export type ReportSource = { csv: AsyncIterable<Uint8Array> } | { error: RowError };

export async function credentialReportCsv(src: AsyncIterable<Uint8Array>): Promise<ReportSource> {
  const { head, input } = await sniffHead(src);
  const json = head.startsWith("{") || head.startsWith("[");
  if (!json && !head.startsWith(HEADER_BASE64)) return { csv: input };
  const whole = await readWholeText(input, MAX_WRAPPED_CHARS, "CLI output larger than 64 MiB: decode it first (base64 -d)");
  if (!whole.ok) return { error: { line: whole.line, reason: whole.reason } };
  const content = json ? contentOfJson(whole.text) : { ok: true as const, value: whole.text.trim().split(/\s+/)[0] ?? "" };
  if (!content.ok) return { error: { line: 1, field: content.field, reason: content.reason } };
  if (content.value.length % 4 !== 0 || !BASE64.test(content.value)) {
    return { error: { line: 1, field: "Content", reason: "expected the report as base64, as the AWS CLI prints it" } };
  }
  const csv = Buffer.from(content.value, "base64");
  return { csv: (async function* () { yield new Uint8Array(csv); })() };
}

type Content = { ok: true; value: string } | { ok: false; field?: string; reason: string };

function contentOfJson(text: string): Content {
  let response: unknown;
  try {
    response = JSON.parse(text);
  } catch {
    // The engine's message quotes the input; the report is not secret, but the habit is kept everywhere.
    return { ok: false, reason: "not valid JSON (expected the output of aws iam get-credential-report)" };
  }
  if (typeof response !== "object" || response === null || Array.isArray(response)) {
    return { ok: false, reason: "expected the JSON object aws iam get-credential-report prints" };
  }
  const { Content: content, ReportFormat: format } = response as Record<string, unknown>;
  if (format !== undefined && format !== "text/csv") {
    return { ok: false, field: "ReportFormat", reason: "expected text/csv, the only format AWS documents" };
  }
  if (typeof content !== "string" || content === "") {
    return { ok: false, field: "Content", reason: "required: the base64 report the CLI prints" };
  }
  return { ok: true, value: content.replace(/\s+/g, "") };
}
