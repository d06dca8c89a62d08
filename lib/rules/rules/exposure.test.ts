import { describe, expect, test } from "vitest";
import { evaluateRule } from "../registry";
import { NOW, goodCredential, pocketOsToken, runCredential } from "../test-fixtures";
import type { CorpusSubject } from "../types";
import { R12, R13, R14 } from "./exposure";

const exposed = { unresolved: 2, inAgentReadableCorpora: 1, firstDetectedAt: "2026-11-25T10:00:00.000Z" };

describe("R12 exposed-active — prevents the PocketOS token found in workspace docs from still working", () => {
  test("fails an exposed, still-active credential", () => {
    expect(runCredential(R12, pocketOsToken(), { exposures: exposed })).toEqual({
      result: "fail",
      reason: "2 unresolved finding(s), 1 in agent-readable corpora; still active (revoked_at=null; status=active)",
    });
  });
  test("a revocation after the evaluation instant leaves it active then (posture as of a past date)", () => {
    const revokedLater = goodCredential({ status: "revoked", revoked_at: "2026-11-26T00:00:00.000Z" });
    expect(runCredential(R12, revokedLater, { exposures: exposed })).toEqual({
      result: "fail",
      reason: "2 unresolved finding(s), 1 in agent-readable corpora; still active (revoked_at=2026-11-26T00:00:00.000Z is after "
        + "the evaluation instant, so not revoked then; status=revoked dates from after the evaluation instant)",
    });
  });
  test("passes once the exposed credential is revoked", () => {
    const revoked = goodCredential({ revoked_at: "2026-11-25T11:00:00.000Z" });
    expect(runCredential(R12, revoked, { exposures: exposed }).result).toBe("pass");
  });
  test("does not apply without an exposure", () => {
    expect(runCredential(R12, pocketOsToken()).result).toBe("not_applicable");
  });
});

const corpus = (over: Partial<CorpusSubject> = {}): CorpusSubject => ({
  id: "workspace-docs",
  agentReadable: true,
  lastScannedAt: "2026-11-24T00:00:00.000Z",
  unresolvedFindings: 0,
  ...over,
});
const r13 = (c: CorpusSubject) => evaluateRule(R13, c, { now: NOW });

describe("R13 secret-in-agent-corpus — prevents an agent reading the PocketOS token out of workspace documentation", () => {
  test("fails an agent-readable corpus holding the token", () => {
    expect(r13(corpus({ unresolvedFindings: 1 }))).toEqual({ result: "fail", reason: "1 unresolved secret finding(s); agent_readable=true" });
  });
  test("passes a clean scan", () => {
    expect(r13(corpus()).result).toBe("pass");
  });
  test("does not apply to a corpus agents cannot read", () => {
    expect(r13(corpus({ agentReadable: false, unresolvedFindings: 4 }))).toEqual({ result: "not_applicable", reason: "agent_readable=false" });
  });
});

describe("R14 exposure-sla — prevents a found secret lingering for days (the 2022 Toyota key public for five years)", () => {
  test("passes within 24 h of detection, and when rotated inside the SLA", () => {
    expect(runCredential(R14, pocketOsToken(), { exposures: exposed }).reason).toBe(
      "first detected at 2026-11-25T10:00:00.000Z, SLA 24 h; 2 h elapsed, still within the SLA",
    );
    const old = { ...exposed, firstDetectedAt: "2026-11-20T00:00:00.000Z" };
    const rotated = goodCredential({ last_rotated_at: "2026-11-20T06:00:00.000Z" });
    expect(runCredential(R14, rotated, { exposures: old }).result).toBe("pass");
  });
  test("fails when neither revoked nor rotated after 24 h, and when revoked late", () => {
    const old = { ...exposed, firstDetectedAt: "2026-11-23T12:00:00.000Z" };
    expect(runCredential(R14, pocketOsToken(), { exposures: old })).toEqual({
      result: "fail",
      reason: "first detected at 2026-11-23T12:00:00.000Z, SLA 24 h; neither revoked nor rotated after 48 h",
    });
    const late = goodCredential({ revoked_at: "2026-11-25T00:00:00.000Z" });
    expect(runCredential(R14, late, { exposures: old }).result).toBe("fail");
  });
  const foundOn23rd = { ...exposed, firstDetectedAt: "2026-11-23T12:00:00.000Z" };
  const expiring = (createdAt: string, expiresAt: string) => goodCredential({ created_at: createdAt, expires_at: expiresAt, last_rotated_at: createdAt });
  test.each([
    ["revoked before it was found", goodCredential({ status: "revoked", revoked_at: "2026-10-01T00:00:00.000Z" }), "pass", "could no longer authenticate when found (revoked_at=2026-10-01T00:00:00.000Z)"],
    ["expired before it was found", expiring("2026-11-22T00:00:00.000Z", "2026-11-22T20:00:00.000Z"), "pass", "could no longer authenticate when found (expired at 2026-11-22T20:00:00.000Z)"],
    ["short-lived, expiring inside the SLA", expiring("2026-11-23T00:00:00.000Z", "2026-11-23T20:00:00.000Z"), "pass", "expired at 2026-11-23T20:00:00.000Z"],
    ["expiring after the SLA", expiring("2026-11-23T00:00:00.000Z", "2026-11-25T06:00:00.000Z"), "fail", "expired late, at 2026-11-25T06:00:00.000Z"],
  ] as const)("a revocation or an expiry that has come is a fix, or leaves nothing to fix: %s", (_, credential, result, why) => {
    expect(runCredential(R14, credential, { exposures: foundOn23rd })).toEqual({ result, reason: `first detected at 2026-11-23T12:00:00.000Z, SLA 24 h; ${why}` });
  });
  test("a status of revoked with no time cannot show the SLA was met, and the reason does not claim it was never revoked", () => {
    const revokedSometime = { ...pocketOsToken(), status: "revoked" as const, revoked_at: undefined };
    expect(runCredential(R14, revokedSometime, { exposures: foundOn23rd })).toEqual({
      result: "fail",
      reason: "first detected at 2026-11-23T12:00:00.000Z, SLA 24 h; status=revoked, but not since when, so not shown to be within the SLA",
    });
  });
  test("a rotation after the evaluation instant is no fix at that instant", () => {
    const old = { ...exposed, firstDetectedAt: "2026-11-23T12:00:00.000Z" };
    const rotatedLater = { ...pocketOsToken(), last_rotated_at: "2026-11-26T00:00:00.000Z" };
    expect(runCredential(R14, rotatedLater, { exposures: old }).reason).toBe(
      "first detected at 2026-11-23T12:00:00.000Z, SLA 24 h; neither revoked nor rotated after 48 h",
    );
  });
  test("does not apply without an unresolved exposure", () => {
    expect(runCredential(R14, pocketOsToken()).result).toBe("not_applicable");
  });
});
