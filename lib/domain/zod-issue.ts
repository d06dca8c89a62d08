import { z } from "zod";

/** The schema a value was checked against, and that value: what tells a missing field from a wrong one. */
export type Checked = { schema: z.ZodType; input: unknown };

/**
 * A zod issue as a reason people can act on. zod reports a missing field as one of the wrong type ("Invalid input:
 * expected string, received undefined"), and a missing enum or literal as a wrong option ("Invalid option: expected
 * one of …"): it is missing. Given what was checked, a field sent blank or null that may be neither left out nor
 * null is missing too, whatever check it failed: a length ("Too small: expected string to have >=1 characters"), a
 * format, or a check of the whole object comparing it with another (an approver who is the requester, both empty).
 * An enum or literal present but wrong, or optional and sent empty, names the values it allows ("must be one of
 * open, in_progress"), as does a union of them (an enum plus a word such as "untagged"), whose options zod reports
 * one by one. Its other messages never echo the value.
 */
export function issueReason(issue: z.core.$ZodIssue, checked?: Checked): string {
  if (issue.code === "invalid_type" && / received undefined$/.test(issue.message)) return "is required";
  if (checked && isMissing(checked, issue)) return "is required";
  const allowed = allowedValues(issue);
  if (allowed) return allowed.length === 1 ? `must be ${allowed[0]}` : `must be one of ${allowed.join(", ")}`;
  return issue.message;
}

/**
 * Every issue's reason keyed by its dotted path (`whole` for the value itself): the fields an invalid answer names.
 * Given what was checked, a field left out or empty reads "is required" (issueReason).
 */
export function issueFields(error: z.ZodError, checked?: Checked, whole = "body"): Record<string, string> {
  return Object.fromEntries(error.issues.map((issue) => [issue.path.join(".") || whole, issueReason(issue, checked)]));
}

function isMissing({ schema, input }: Checked, issue: z.core.$ZodIssue): boolean {
  let value = input;
  for (const key of issue.path) value = typeof value === "object" && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  // zod's "Invalid option" for an enum left out, wherever it is (an element of a list too).
  if (value === undefined && issue.code === "invalid_value") return true;
  if (value !== undefined && value !== null && !(typeof value === "string" && value.trim() === "")) return false;
  // A field is missing; an empty element of a list is a wrong one, answered with what it may be.
  if (typeof issue.path.at(-1) !== "string") return false;
  const field = schemaAt(schema, issue.path);
  return field !== undefined && [undefined, null, value].every((empty) => !field.safeParse(empty).success);
}

/**
 * The schema of the field at `path` of an object schema, through optional, nullable and default wrappers and the
 * elements of lists (an agent runtime in the rule parameters' list).
 */
function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let at: z.ZodType | undefined = schema;
  for (const key of path) {
    while (at instanceof z.ZodOptional || at instanceof z.ZodNullable || at instanceof z.ZodDefault) at = at.unwrap() as z.ZodType;
    if (at instanceof z.ZodObject && typeof key === "string") at = at.shape[key] as z.ZodType | undefined;
    else if (at instanceof z.ZodArray && typeof key === "number") at = at.element as z.ZodType;
    else return undefined;
  }
  return at;
}

// zod's own wording for a value outside an enum or literal (or a union of them); a schema's own message is kept.
const ZOD_WRONG_VALUE = /^Invalid (option|input)(:|$)/;

/** The values an enum, a literal or a union of only those allows, when the issue is zod's "not one of them". */
function allowedValues(issue: z.core.$ZodIssue): string[] | undefined {
  if (!ZOD_WRONG_VALUE.test(issue.message)) return undefined;
  if (issue.code === "invalid_value") return issue.values.map(String);
  if (issue.code !== "invalid_union" || issue.errors.length === 0) return undefined;
  const allowed = new Set<string>();
  for (const [only, ...more] of issue.errors) {
    const values = only && more.length === 0 && only.path.length === 0 ? allowedValues(only) : undefined;
    if (!values) return undefined;
    for (const value of values) allowed.add(value);
  }
  return [...allowed];
}
