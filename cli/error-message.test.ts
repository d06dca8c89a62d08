import { expect, test } from "vitest";
import { z } from "zod";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { AppError } from "@/lib/server/errors";
import { errorMessage } from "./error-message";

test("a validation failure names each field and its problem once, not a JSON dump", () => {
  const parsed = z.object({ actorType: z.array(z.enum(["human", "agent"])) }).safeParse({ actorType: ["robot"] });
  // Two checks can fail the same way on one field: it is said once.
  const twice = { code: "custom" as const, path: ["to"], message: "from and to go together", input: "x" };
  const error = new z.ZodError([...parsed.error!.issues, twice, twice]);
  const text = errorMessage(error);
  expect(text.split("\n")).toEqual(["invalid input", expect.stringMatching(/^ {2}actorType\.0: .*"human"/), "  to: from and to go together"]);
  expect(text).not.toContain("{");
});

test("an application error lists its fields under its message; others are their message", () => {
  expect(errorMessage(new AppError("invalid", "Invalid exception request", { expiresAt: "at most one year away" }))).toBe("Invalid exception request\n  expiresAt: at most one year away");
  expect(errorMessage(new AppError("not_found", "Finding not found"))).toBe("Finding not found");
  expect(errorMessage("plain")).toBe("plain");
});

test("a failed query is the database's reason, never the statement or its parameters", () => {
  const failed = new DrizzleQueryError("select * from credentials where owner_email = $1", ["someone@example.test"], new Error('relation "credentials" does not exist'));
  expect(errorMessage(failed)).toBe('database error: relation "credentials" does not exist');
});

test("a field or message quoting input is printed with its control characters escaped, line by line", () => {
  const error = new AppError("invalid", "The body\u001b]0;pwned\u0007 contains a NUL character", { "tags.\u001b[2J": "contains a NUL character" });
  expect(errorMessage(error)).toBe("The body\\x1b]0;pwned\\x07 contains a NUL character\n  tags.\\x1b[2J: contains a NUL character");
});
