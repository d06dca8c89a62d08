import { describe, expect, test } from "vitest";
import { evaluateSubject, prepareRules } from "./evaluate";
import { NO_EXPOSURE, NOW, goodCredential } from "./test-fixtures";

describe("evaluateSubject — the path every server run takes judges credentials as they stood at its instant", () => {
  test("a revocation and a use after the instant do not count at it", () => {
    const c = goodCredential({ status: "revoked", revoked_at: "2026-11-26T00:00:00.000Z", last_used_at: "2026-11-28T12:00:00.000Z" });
    const verdicts = evaluateSubject(prepareRules(), "credential", c, { exposures: NO_EXPOSURE, agentEventCount: 0 }, NOW);
    expect(verdicts.R20).toEqual({ result: "pass", reason: "storage=vault" });
    expect(verdicts.R07).toEqual({
      result: "not_applicable",
      reason: "last_used_at=2026-11-28T12:00:00.000Z is after the evaluation instant, so not known then: usage unknown",
    });
  });
});
