import type { z } from "zod";
import { unstorablePath } from "@/lib/domain/storable-text";
import { issueFields } from "@/lib/domain/zod-issue";

export type AppErrorCode = "unauthenticated" | "not_found" | "forbidden" | "invalid" | "conflict" | "too_large" | "rate_limited" | "unavailable";

export const statusOf: Record<AppErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid: 400,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

/**
 * The one error type the data access layer throws on purpose. Its message is safe to show; anything else that
 * escapes is logged with a request id and answered with a generic message.
 */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Field name → problem, for forms. */
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found`);
/** A body or upload past its limit: 413, so clients can tell "too big" from "malformed". */
export const tooLarge = (message: string) => new AppError("too_large", message);
export const forbidden = (message = "You do not have permission to do this") => new AppError("forbidden", message);

// Connection exceptions (class 08), server shutdown or start-up (57P01-57P03), and the socket errors a restarting
// server leaves a client with.
const UNAVAILABLE_SQLSTATES = /^(08...|57P0[1-3])$/;
const UNAVAILABLE_SOCKET = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH"]);

/**
 * Whether the client hung up while its body was being read (Node's "aborted", code ECONNRESET): nobody is left to
 * answer, and the database is not at fault.
 */
export function isClientAbort(error: unknown): boolean {
  for (let e = error as { name?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.message === "aborted" || e.name === "AbortError") return true;
  }
  return false;
}

/** Whether an error (or its cause) is Postgres refusing a row whose key a unique index already holds. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.code === "23505") return true;
  }
  return false;
}

/** Whether an error (or its cause) says the database could not be reached, rather than that a query was wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (isClientAbort(error)) return false;
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === "string" && (UNAVAILABLE_SQLSTATES.test(e.code) || UNAVAILABLE_SOCKET.has(e.code))) return true;
    if (typeof e.message === "string" && /Connection terminated|connection timeout|Client has encountered a connection error/i.test(e.message)) return true;
  }
  return false;
}

/** Refuses a request body holding a string no column could store (storable-text.ts), naming where it is. */
export function assertStorable(body: unknown): void {
  const unstorable = unstorablePath(body);
  if (unstorable) throw new AppError("invalid", `${unstorable.path || "The body"} ${unstorable.reason}`, { [unstorable.path || "body"]: unstorable.reason });
}

/**
 * A caller's input (a body, a query string, a form's values) checked against its schema, or an "invalid" AppError
 * naming each field: "is required" for one left out or empty where it cannot be, the allowed values of an enum
 * ("must be one of …") sent wrong or optional and empty, zod's message for any other wrong value. Only this knows
 * both the schema and the input, which telling a missing field from a wrong one needs.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, message = "Invalid input"): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("invalid", message, issueFields(parsed.error, { schema, input }));
  return parsed.data;
}
