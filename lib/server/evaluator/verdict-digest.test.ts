import { expect, test } from "vitest";
import type { SubjectVerdicts } from "@/lib/rules";
import { verdictDigest } from "./store";

const verdicts = (over: SubjectVerdicts = {}): SubjectVerdicts => ({
  R15: { result: "pass", reason: "the credential is valid in production" },
  R16: { result: "fail", reason: "an agent ran destructive volumeDelete on volume/prod-db in production" },
  R17: { result: "not_applicable", reason: "outcome=denied" },
  ...over,
});

test("the digest moves with everything a verdict row and its findings are written from", () => {
  const base = verdictDigest("team-a", "volumeDelete on volume/prod-db", verdicts());
  expect(verdictDigest("team-a", "volumeDelete on volume/prod-db", verdicts())).toBe(base);
  // Team (tallies and finding scope), any result, a failure's reason, the label of a failing subject.
  expect(verdictDigest("team-b", "volumeDelete on volume/prod-db", verdicts())).not.toBe(base);
  expect(verdictDigest(null, "volumeDelete on volume/prod-db", verdicts())).not.toBe(base);
  expect(verdictDigest("team-a", "volumeDelete on volume/prod-db", verdicts({ R17: { result: "pass", reason: "outcome=denied" } }))).not.toBe(base);
  expect(verdictDigest("team-a", "volumeDelete on volume/prod-db", verdicts({ R16: { result: "fail", reason: "another reason" } }))).not.toBe(base);
  expect(verdictDigest("team-a", "volumeDelete on volume/other", verdicts())).not.toBe(base);
});

test("what no stored row keeps does not move it: reasons of passes, labels of subjects that fail nothing", () => {
  const passing = verdicts({ R16: { result: "pass", reason: "approved" } });
  const base = verdictDigest("team-a", "label one", passing);
  expect(verdictDigest("team-a", "label two", passing)).toBe(base);
  expect(verdictDigest("team-a", "label one", { ...passing, R15: { result: "pass", reason: "reworded" } })).toBe(base);
});
