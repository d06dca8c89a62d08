import type { z } from "zod";
import type { RowError } from "../row-error";
import { checkNotFuture, parseZonedTimestamp } from "./timestamps";

/** The first zod issue as a row error naming the field (dotted path); zod messages never echo the value. */
export function zodRowError(line: number, error: z.ZodError, fieldPrefix = ""): RowError {
  const issue = error.issues[0];
  const path = issue?.path.map((p) => (typeof p === "number" ? `[${p}]` : String(p))).join(".").replace(/\.\[/g, "[") ?? "";
  const field = `${fieldPrefix}${path}` || undefined;
  const reason = issue?.message ?? "invalid value";
  return field === undefined ? { line, reason } : { line, field, reason };
}

/** A zoned, not-far-future timestamp in UTC ISO form, or the row error naming `field`. */
export function checkedTimestamp(
  line: number,
  field: string,
  value: unknown,
  now: Date,
  maxSkewMs: number,
): { iso: string } | { error: RowError } {
  if (typeof value !== "string") return { error: { line, field, reason: "timestamp must be a string" } };
  const parsed = parseZonedTimestamp(value);
  if (!parsed.ok) return { error: { line, field, reason: parsed.reason } };
  const future = checkNotFuture(parsed.iso, now, maxSkewMs);
  if (future) return { error: { line, field, reason: future } };
  return { iso: parsed.iso };
}
