import { approvalSchema, type Approval } from "../domain/approval";
import { unstorablePath } from "../domain/storable-text";
import { readJsonObjects } from "./credentials/json-elements";
import { canonicalJson, sha256Hex } from "./events/canonical";
import { splitLines } from "./events/line-splitter";
import { jsonOfLine, zodProblems } from "./events/row-checks";
import { locationOf, rejectedRow, rowProblem, type FieldProblem, type RowError, type RowLocation } from "./row-error";

/** A batch of approvals: a JSON array (each element has a line and an item), or NDJSON (one approval a line). */
export type ApprovalBatchForm = "json-array" | "ndjson";

/** One approval of a batch, checked: the approval, or why its line is rejected. */
export type ApprovalLine = RowLocation & ({ approval: Approval } | { error: RowError });

/**
 * The approvals of a batch, each checked with the approval schema (the single form's), in order. A bad line is
 * rejected naming every bad field, as an event's line is; the rest of the batch reads on.
 */
export async function* readApprovalBatch(input: AsyncIterable<Uint8Array>, form: ApprovalBatchForm, maxLineBytes: number): AsyncGenerator<ApprovalLine> {
  if (form === "json-array") {
    for await (const element of readJsonObjects(input, { maxElementChars: maxLineBytes })) {
      yield "error" in element ? element : checkApproval(locationOf(element), element.value);
    }
    return;
  }
  for await (const item of splitLines(input, maxLineBytes)) {
    if ("error" in item) yield { line: item.line, error: item.error };
    else if (item.text.trim() !== "") {
      const parsed = jsonOfLine(item.line, item.text);
      yield "error" in parsed ? { line: item.line, error: parsed.error } : checkApproval({ line: item.line }, parsed.value);
    }
  }
}

const APPROVAL_FIELDS = Object.keys(approvalSchema.shape);

/** One value checked as an approval; a string no column can store is named like any other bad field. */
export function checkApproval(at: RowLocation, value: unknown): ApprovalLine {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return rejectedRow(at, { reason: "an approval must be a JSON object" });
  const parsed = approvalSchema.safeParse(value);
  const problems: FieldProblem[] = parsed.success ? [] : zodProblems(parsed.error, { schema: approvalSchema, input: value });
  const fields = Object.fromEntries(APPROVAL_FIELDS.map((field) => [field, (value as Record<string, unknown>)[field]]));
  const unstorable = unstorablePath(fields);
  if (unstorable && !problems.some((p) => p.field === unstorable.path)) problems.push({ field: unstorable.path, reason: unstorable.reason });
  if (problems.length > 0 || !parsed.success) return rejectedRow(at, rowProblem(problems));
  return { ...at, approval: parsed.data };
}

/**
 * The ingest key of an approval sent without an Idempotency-Key: a hash of what it states (its instants as UTC ISO
 * text, so `…Z` and `…+00:00` are the same approval), so sending it again records nothing new. Stored in the unique
 * `ingest_key`, so this text must never change. A client's id is no part of it: the same approval under another id
 * is still the same approval.
 */
export function approvalContentKey(a: Approval): string {
  const content = {
    approver: a.approver,
    requester: a.requester,
    operation: a.operation,
    resource: a.resource,
    environment: a.environment,
    approved_at: new Date(a.approvedAt).toISOString(),
    expires_at: new Date(a.expiresAt).toISOString(),
    reference: a.reference,
    channel: a.channel,
  };
  return `content:${sha256Hex(canonicalJson(content))}`;
}
