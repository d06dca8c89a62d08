import type { z } from "zod";
import { ApiError } from "./api";

export type FieldErrors = Record<string, string>;

/** Zod issues keyed by their top-level field, first message wins: the shape forms render next to inputs. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}

/** Field errors the server sent back (400 with `fields`), so server-side checks show where client ones do. */
export function serverFieldErrors(error: unknown): FieldErrors {
  return error instanceof ApiError ? error.fields : {};
}
