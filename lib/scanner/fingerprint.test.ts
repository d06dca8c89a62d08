import { expect, test } from "vitest";
import { fingerprintSecret } from "./fingerprint";

test("fingerprint is a keyed HMAC: same secret and key agree, another key differs", () => {
  const secret = ["value", "under", "test"].join("-");
  const a = fingerprintSecret(secret, "key-one");
  expect(a).toMatch(/^[0-9a-f]{64}$/);
  expect(fingerprintSecret(secret, "key-one")).toBe(a);
  expect(fingerprintSecret(secret, "key-two")).not.toBe(a);
  expect(a).not.toContain(secret);
});
