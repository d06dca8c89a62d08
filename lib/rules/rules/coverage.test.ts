import { describe, expect, test } from "vitest";
import { evaluateRule } from "../registry";
import { NOW } from "../test-fixtures";
import type { CorpusSubject } from "../types";
import { R21, R22 } from "./coverage";

const docs: CorpusSubject = { id: "workspace-docs", agentReadable: true, lastScannedAt: "2026-11-22T12:00:00.000Z", unresolvedFindings: 0 };
const r21 = (c: CorpusSubject) => evaluateRule(R21, c, { now: NOW });

describe("R21 scan-coverage — prevents the PocketOS workspace docs going unscanned while an agent read them", () => {
  test("passes a scan 3 days old", () => {
    expect(r21(docs)).toEqual({ result: "pass", reason: "last scanned at 2026-11-22T12:00:00.000Z: 3 days ago" });
  });
  test("fails never scanned and 10 days old", () => {
    expect(r21({ ...docs, lastScannedAt: null })).toEqual({ result: "fail", reason: "never scanned; agent_readable=true" });
    expect(r21({ ...docs, lastScannedAt: "2026-11-15T12:00:00.000Z" }).reason).toBe("last scanned at 2026-11-15T12:00:00.000Z: 10 days > 7");
  });
  test("does not apply to a corpus agents cannot read", () => {
    expect(r21({ ...docs, agentReadable: false, lastScannedAt: null }).result).toBe("not_applicable");
  });
});

describe("R22 audit-integrity — prevents an insider quietly editing the evidence trail after an incident", () => {
  test("passes a chain that verifies", () => {
    expect(evaluateRule(R22, { entries: 12, verdict: { ok: true } }, { now: NOW })).toEqual({ result: "pass", reason: "12 entries verify" });
  });
  test("fails naming the first broken entry", () => {
    const broken = { entries: 12, verdict: { ok: false as const, firstBrokenEntry: 7, reason: "prev_hash mismatch" } };
    expect(evaluateRule(R22, broken, { now: NOW })).toEqual({ result: "fail", reason: "chain broken at entry 7: prev_hash mismatch" });
  });
  test("does not apply to an empty log", () => {
    expect(evaluateRule(R22, { entries: 0, verdict: { ok: true } }, { now: NOW }).result).toBe("not_applicable");
  });
});
