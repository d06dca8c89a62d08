import { visibleText } from "../lib/domain/visible-text";

/**
 * What the CLI prints for a failure: the message, then one line per field at fault. Validation failures (zod) name
 * each field and its problem once, never a JSON dump of issue objects.
 */

type Issue = { path: readonly PropertyKey[]; message: string };

function isValidationError(error: unknown): error is { issues: Issue[] } {
  // By shape, not instanceof: another copy of zod in the dependency tree makes a ZodError of another class.
  const e = error as { name?: unknown; issues?: unknown } | null;
  return typeof e === "object" && e !== null && e.name === "ZodError" && Array.isArray(e.issues);
}

function fieldLines(fields: Iterable<[string, string]>): string {
  const lines = new Set([...fields].map(([field, problem]) => `  ${field || "input"}: ${problem}`));
  return [...lines].join("\n");
}

/** drizzle's wrapper of a failed query: its message is the SQL and its parameters, the database's own reason is its cause. */
function isFailedQuery(error: Error): error is Error & { cause: Error } {
  return "query" in error && "params" in error && error.cause instanceof Error;
}

/** Line by line, so a field name or message quoting input (a JSON key from an imported file) cannot drive the terminal. */
export function errorMessage(error: unknown): string {
  return describe(error).split("\n").map(visibleText).join("\n");
}

function describe(error: unknown): string {
  if (isValidationError(error)) return `invalid input\n${fieldLines(error.issues.map((i) => [i.path.map(String).join("."), i.message]))}`;
  if (!(error instanceof Error)) return String(error);
  // The database's reason, not the statement: a user cannot act on SQL, and parameters may be values not to print.
  if (isFailedQuery(error)) return `database error: ${error.cause.message}`;
  const fields = (error as { fields?: Record<string, string> }).fields;
  return fields && Object.keys(fields).length ? `${error.message}\n${fieldLines(Object.entries(fields))}` : error.message;
}
