import { beforeAll, expect, test } from "vitest";
import { activitySummary } from "./activity";
import { storeNormalizedEvents } from "./activity-ingest";
import { createApproval, listApprovals } from "./approvals";
import { createCorpus, updateCorpus } from "./corpora";
import { randomUUID } from "node:crypto";
import { credentialAsOf, credentialHistory, listCredentialDetails, listCredentials } from "./credentials";
import { listEvaluationRuns, runFullEvaluation } from "./evaluation";
import { listFindings, updateFinding } from "./findings";
import { importCredentials, previewImport } from "./imports";
import { scanUploadedArchive } from "./scan-archive";
import { getEnvironmentRules, getMappingRules, setEnvironmentRules } from "./settings";
import { seedIdentity, type IdentityFixture } from "./testing/fixtures";
import { describeEachEngine } from "./testing/test-db";

// The refusals other suites do not already show: for every data access function, a role or team that must be
// refused is refused (another team's data is not found; an auditor's or engineer's mutation is forbidden).

async function* bytes(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

async function code(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => "allowed",
    (error: { code?: string }) => error.code ?? "error",
  );
}

describeEachEngine("refusals", () => {
  let f: IdentityFixture;
  let teamACredential = "";
  beforeAll(async () => {
    f = await seedIdentity();
    await importCredentials(f.admin, { format: "leash-json", source: "s", fileName: "s.json", input: bytes(JSON.stringify([{ external_id: "a-1", provider: "aws", kind: "access_key", team: "Team A" }])) });
    teamACredential = (await listCredentials(f.admin, {})).items[0]!.id;
  });

  test("another team's credential history and past versions are not found", async () => {
    expect(await code(credentialHistory(f.engineerB, teamACredential))).toBe("not_found");
    expect(await code(credentialAsOf(f.engineerB, teamACredential, new Date()))).toBe("not_found");
    expect(await code(credentialHistory(f.engineerA, teamACredential))).toBe("allowed");
    expect((await listCredentialDetails(f.engineerB, {})).items).toEqual([]);
  });

  test("auditors cannot preview an import, scan an upload, record approvals, change corpora or settings, or store events", async () => {
    const corpus = await createCorpus(f.admin, { name: "wiki", kind: "docs_export", agentReadable: true });
    const approval = { approver: "a@x.test", requester: "b@x.test", operation: "delete", resource: "*", environment: "production", approvedAt: "2026-01-01T00:00:00Z", expiresAt: "2026-01-02T00:00:00Z", reference: "T-1", channel: "ticket" };
    for (const viewer of [f.auditor, f.engineerA]) {
      expect(await code(scanUploadedArchive(viewer, corpus.id, "x.env", bytes("A=1\n")))).toBe("forbidden");
      expect(await code(createApproval(viewer, approval))).toBe("forbidden");
      expect(await code(updateCorpus(viewer, corpus.id, { agentReadable: false }))).toBe("forbidden");
      expect(await code(setEnvironmentRules(viewer, { rules: [] }))).toBe("forbidden");
      expect(await code(storeNormalizedEvents(viewer, [], "x"))).toBe("forbidden");
    }
    expect(await code(previewImport(f.auditor, { format: "leash-csv", input: bytes("external_id,provider,kind\n") }))).toBe("forbidden");
    expect(await code(previewImport(f.engineerA, { format: "leash-csv", input: bytes("external_id,provider,kind\n") }))).toBe("allowed");
  });

  test("engineers cannot read instance settings; everyone with activity:read sees approvals; summaries are team-scoped", async () => {
    expect(await code(getMappingRules(f.engineerA))).toBe("forbidden");
    expect(await code(getEnvironmentRules(f.engineerA))).toBe("forbidden");
    expect(await code(getMappingRules(f.auditor))).toBe("allowed");
    expect(await code(listApprovals(f.engineerA))).toBe("allowed");
    const summary = await activitySummary(f.engineerB, 7);
    expect(summary.days).toHaveLength(7);
    expect(summary.days.every((d) => d.agent + d.human + d.service + d.unknown === 0)).toBe(true);
  });

  test("evaluation runs count every team's subjects and failures: engineers are refused them, admins and auditors are not", async () => {
    await runFullEvaluation(f.admin, "test");
    expect(await code(listEvaluationRuns(f.engineerA))).toBe("forbidden");
    expect(await code(listEvaluationRuns(f.engineerB))).toBe("forbidden");
    expect(await code(listEvaluationRuns(f.auditor))).toBe("allowed");
    expect(await code(listEvaluationRuns(f.admin))).toBe("allowed");
  });

  test("an engineer assigning a finding learns nothing of users outside its team: missing, auditor, admin and other team's engineer answer alike", async () => {
    await runFullEvaluation(f.admin, "test");
    const [finding] = (await listFindings(f.engineerA, { limit: 1 })).items;
    const answers = await Promise.all(
      [randomUUID(), f.auditor.userId, f.admin.userId, f.engineerB.userId].map((assigneeId) =>
        updateFinding(f.engineerA, finding!.id, { assigneeId }).then(
          () => "allowed",
          (error: { code?: string; message?: string; fields?: unknown }) => JSON.stringify([error.code, error.message, error.fields]),
        ),
      ),
    );
    expect(new Set(answers).size).toBe(1);
    expect(JSON.parse(answers[0]!)).toEqual(["invalid", "Engineers assign findings to members of the finding's team", { assigneeId: "not on this finding's team" }]);
    expect((await updateFinding(f.engineerA, finding!.id, { assigneeId: f.engineerA.userId })).assignee).toMatchObject({ id: f.engineerA.userId });
    // Admins, who list users anyway, are still told why.
    await expect(updateFinding(f.admin, finding!.id, { assigneeId: randomUUID() })).rejects.toMatchObject({ message: "The assignee is not an active user" });
    await expect(updateFinding(f.admin, finding!.id, { assigneeId: f.engineerB.userId })).rejects.toMatchObject({ message: expect.stringContaining("another team") });
  });
});
