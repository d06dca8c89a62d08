import type { z } from "zod";

/**
 * A zod issue as a reason people can act on. zod reports a missing field as one of the wrong type ("Invalid input:
 * expected string, received undefined"): it is missing. Its other messages never echo the value.
 */
export function issueReason(issue: z.core.$ZodIssue): string {
  return issue.code === "invalid_type" && / received undefined$/.test(issue.message) ? "is required" : issue.message;
}
