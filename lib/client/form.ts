import type { z } from "zod";
import { type Checked, issueReason } from "@/lib/domain/zod-issue";
import { ApiError } from "./api";

export type FieldErrors = Record<string, string>;

/**
 * A form's values checked against the schema the server checks them with, and on failure `fields`: each field's
 * first error, worded as the server's answer to the same values (zod-issue.ts) — "is required" for one left empty,
 * "must be one of …" for a wrong choice — so a dialog never words a mistake differently from the API.
 */
export function checkForm<S extends z.ZodType>(schema: S, input: unknown): z.ZodSafeParseSuccess<z.output<S>> | (z.ZodSafeParseError<z.output<S>> & { fields: FieldErrors }) {
  const parsed = schema.safeParse(input);
  return parsed.success ? parsed : { ...parsed, fields: zodFieldErrors(parsed.error, { schema, input }) };
}

/**
 * Zod issues keyed by their top-level field, first reason wins: the shape forms render next to inputs. A nested
 * issue is also keyed by its dotted path ("auditScope.from"), the key the server sends, for a fieldset whose inputs
 * each show their own.
 */
function zodFieldErrors(error: z.ZodError, checked: Checked): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const reason = issueReason(issue, checked);
    out[String(issue.path[0] ?? "form")] ??= reason;
    if (issue.path.length > 1) out[issue.path.join(".")] ??= reason;
  }
  return out;
}

/** Field errors the server sent back (400 with `fields`), so server-side checks show where client ones do. */
export function serverFieldErrors(error: unknown): FieldErrors {
  return error instanceof ApiError ? error.fields : {};
}
