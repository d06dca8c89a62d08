export type AppErrorCode = "unauthenticated" | "not_found" | "forbidden" | "invalid" | "conflict" | "too_large" | "rate_limited";

export const statusOf: Record<AppErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid: 400,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
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
