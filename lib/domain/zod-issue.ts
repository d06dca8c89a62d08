import { z } from "zod";

/** The schema a value was checked against, and that value: what tells a missing field from a wrong one. */
export type Checked = { schema: z.ZodType; input: unknown };

/**
 * A zod issue as a reason people can act on. zod reports a missing field as one of the wrong type ("Invalid input:
 * expected string, received undefined"), and a missing enum or literal as a wrong option ("Invalid option: expected
 * one of …"): it is missing. Given what was checked, an enum left empty ("" or null) where the field cannot be left
 * out is missing too; a value present but wrong keeps zod's message, which lists the allowed ones. Its other messages
 * never echo the value.
 */
export function issueReason(issue: z.core.$ZodIssue, checked?: Checked): string {
  if (issue.code === "invalid_type" && / received undefined$/.test(issue.message)) return "is required";
  if (issue.code === "invalid_value" && checked && isMissing(checked, issue.path)) return "is required";
  return issue.message;
}

/**
 * Every issue's reason keyed by its dotted path (`whole` for the value itself): the fields an invalid answer names.
 * Given what was checked, a field left out or empty reads "is required" (issueReason).
 */
export function issueFields(error: z.ZodError, checked?: Checked, whole = "body"): Record<string, string> {
  return Object.fromEntries(error.issues.map((issue) => [issue.path.join(".") || whole, issueReason(issue, checked)]));
}

function isMissing({ schema, input }: Checked, path: readonly PropertyKey[]): boolean {
  let value = input;
  for (const key of path) value = typeof value === "object" && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  if (value === undefined) return true;
  if (value !== "" && value !== null) return false;
  const field = schemaAt(schema, path);
  return field !== undefined && !field.safeParse(undefined).success;
}

/** The schema of the field at `path` of an object schema, through optional, nullable and default wrappers. */
function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let at: z.ZodType | undefined = schema;
  for (const key of path) {
    while (at instanceof z.ZodOptional || at instanceof z.ZodNullable || at instanceof z.ZodDefault) at = at.unwrap() as z.ZodType;
    if (!(at instanceof z.ZodObject) || typeof key !== "string") return undefined;
    at = at.shape[key] as z.ZodType | undefined;
  }
  return at;
}
