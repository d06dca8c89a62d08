import { expect, test } from "vitest";
import { toErrorResponse } from "./api";
import { isDatabaseUnavailable, isUniqueViolation } from "./errors";

test("a database that went away is told apart from a bad query, also when wrapped as a cause", () => {
  const shutdown = Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" });
  const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
  expect(isDatabaseUnavailable(shutdown)).toBe(true);
  expect(isDatabaseUnavailable(new Error("Failed query: select 1", { cause: refused }))).toBe(true);
  expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
  expect(isDatabaseUnavailable(Object.assign(new Error("syntax error"), { code: "42601" }))).toBe(false);
  expect(isDatabaseUnavailable(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(false);
  expect(isDatabaseUnavailable("nope")).toBe(false);
  // A client that hung up mid-upload resets its own socket, not the database's.
  expect(isDatabaseUnavailable(Object.assign(new Error("aborted"), { code: "ECONNRESET" }))).toBe(false);
});

test("a duplicate key is recognised, also when wrapped as a cause; other refusals are not", () => {
  const duplicate = Object.assign(new Error("duplicate key value violates unique constraint"), { code: "23505" });
  expect(isUniqueViolation(duplicate)).toBe(true);
  expect(isUniqueViolation(new Error("Failed query: copy", { cause: duplicate }))).toBe(true);
  expect(isUniqueViolation(Object.assign(new Error("foreign key"), { code: "23503" }))).toBe(false);
  expect(isUniqueViolation(null)).toBe(false);
});

test("a client that hung up mid-body is answered as its own doing, not as an outage or an internal error", async () => {
  const response = toErrorResponse(new Error("Failed to read the upload", { cause: Object.assign(new Error("aborted"), { code: "ECONNRESET" }) }), "req-3");
  expect(response.status).toBe(400);
  expect((await response.json()).error).toMatchObject({ code: "invalid", message: expect.stringMatching(/ended before its body was complete/) });
});

test("the API answers an unreachable database with 503, Retry-After and a message that says to retry", async () => {
  const response = toErrorResponse(new Error("Failed query", { cause: Object.assign(new Error("x"), { code: "08006" }) }), "req-1");
  expect(response.status).toBe(503);
  expect(response.headers.get("retry-after")).toBe("5");
  expect((await response.json()).error).toMatchObject({ code: "unavailable", message: expect.stringMatching(/Retry the request/), requestId: "req-1" });
  expect(toErrorResponse(new Error("boom"), "req-2").status).toBe(500);
});
