import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { count, eq } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { GET as getJobRoute } from "@/app/api/v1/jobs/[id]/route";
import { GET as listJobsRoute } from "@/app/api/v1/jobs/route";
import { POST as uploadRoute } from "@/app/api/v1/imports/route";
import { POST as evidenceRoute } from "@/app/api/v1/evidence/route";
import { credentialVersions, evidencePackages, importRuns, jobs } from "@/db/schema";
import type { JobDto } from "@/lib/domain/jobs";
import { db } from "../db";
import { buildEvidencePackage } from "../evidence";
import { importCredentials } from "../imports";
import { bearerToken, idParams, noParams as none } from "../testing/api-client";
import { seedIdentity, type IdentityFixture } from "../testing/fixtures";
import { BASE } from "../testing/routes";
import { describeEachEngine } from "../testing/test-db";
import { createToken, revokeToken } from "../tokens";
import { RetryableJobError, runJobAttempt } from "./runner";
import { createJob, getJob, listJobs, pruneFinishedJobs } from "./store";
import { submitJob } from "./submit";
import { folderSpool, type UploadSpool } from "./uploads";


function csv(rows: number, prefix: string): string {
  const lines = Array.from({ length: rows }, (_, i) => `${prefix}-${i},Key ${i},aws,access_key,Team A,production,false`);
  return ["external_id,name,provider,kind,team,environments,agent_accessible", ...lines].join("\n") + "\n";
}

async function* bytesOf(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

function importForm(text: string, name = "inv.csv"): FormData {
  const form = new FormData();
  form.append("format", "leash-csv");
  form.append("source", "jobs");
  form.append("file", new Blob([text]), name);
  return form;
}

async function until(id: string, viewerToken: string, done: (job: JobDto) => boolean): Promise<JobDto> {
  for (;;) {
    const job = (await (await getJobRoute(new NextRequest(`${BASE}/api/v1/jobs/${id}`, { headers: { authorization: `Bearer ${viewerToken}` } }), idParams(id))).json()) as JobDto;
    if (done(job)) return job;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A spool whose reads break partway through the first `failures` times, as a worker dying mid-file would. */
function flakySpool(inner: UploadSpool, failures: number): UploadSpool {
  let left = failures;
  return {
    ...inner,
    async *read(jobId, onBytes) {
      const failing = left-- > 0;
      for await (const chunk of inner.read(jobId, onBytes)) {
        yield chunk.subarray(0, failing ? Math.floor(chunk.byteLength / 2) : chunk.byteLength);
        if (failing) throw new Error("connection reset while reading the upload");
      }
    },
  };
}

describeEachEngine("background jobs", () => {
  let f: IdentityFixture;
  const tokens = { admin: "", engineerA: "", engineerB: "", auditor: "" };
  let spool: UploadSpool;
  let spoolFolder = "";
  beforeAll(async () => {
    f = await seedIdentity();
    tokens.admin = await bearerToken(f, ["admin"]);
    tokens.engineerA = await bearerToken(f, ["admin"], f.engineerA);
    tokens.engineerB = await bearerToken(f, ["read"], f.engineerB);
    tokens.auditor = await bearerToken(f, ["read"], f.auditor);
    spoolFolder = await mkdtemp(path.join(tmpdir(), "leash-jobs-test-"));
    spool = folderSpool(spoolFolder);
  });

  test("Prefer: respond-async answers 202 with the job; the job ends with the import run and its byte progress", async () => {
    const text = csv(40, "async");
    const response = await uploadRoute(
      new NextRequest(`${BASE}/api/v1/imports`, { method: "POST", headers: { authorization: `Bearer ${tokens.engineerA}`, prefer: "respond-async" }, body: importForm(text) }),
      none,
    );
    expect(response.status).toBe(202);
    const accepted = (await response.json()) as JobDto;
    expect(response.headers.get("location")).toBe(`/api/v1/jobs/${accepted.id}`);
    expect(accepted).toMatchObject({ kind: "import", input: { format: "leash-csv", fileName: "inv.csv" } });
    const job = await until(accepted.id, tokens.engineerA, (j) => j.status === "succeeded" || j.status === "failed");
    expect(job).toMatchObject({ status: "succeeded", attempts: 1, result: { id: accepted.id, status: "applied", counts: { created: 40 } } });
    expect(job.finishedAt).not.toBeNull();
  });

  test("engineers follow only their own jobs; admins and auditors see every job", async () => {
    const mine = await listJobs(f.engineerA);
    expect(mine.length).toBeGreaterThan(0);
    expect(await listJobs(f.engineerB)).toEqual([]);
    const other = await getJobRoute(new NextRequest(`${BASE}/api/v1/jobs/${mine[0]!.id}`, { headers: { authorization: `Bearer ${tokens.engineerB}` } }), idParams(mine[0]!.id));
    expect(other.status).toBe(404);
    const malformed = await getJobRoute(new NextRequest(`${BASE}/api/v1/jobs/..%2f1`, { headers: { authorization: `Bearer ${tokens.admin}` } }), idParams("../1"));
    expect(malformed.status).toBe(404);
    const all = (await (await listJobsRoute(new NextRequest(`${BASE}/api/v1/jobs?kind=import`, { headers: { authorization: `Bearer ${tokens.auditor}` } }), none)).json()) as { jobs: JobDto[] };
    expect(all.jobs.map((j) => j.id)).toContain(mine[0]!.id);
    const bad = await listJobsRoute(new NextRequest(`${BASE}/api/v1/jobs?status=exploded`, { headers: { authorization: `Bearer ${tokens.admin}` } }), none);
    expect(bad.status).toBe(400);
  });

  test("a waiting request gets the job's failure as its own status; the failed job keeps the reason", async () => {
    const form = importForm("x");
    form.set("format", "no-such-format");
    const response = await uploadRoute(new NextRequest(`${BASE}/api/v1/imports`, { method: "POST", headers: { authorization: `Bearer ${tokens.admin}` }, body: form }), none);
    expect(response.status).toBe(400);
    expect((await response.json()).error.fields).toEqual({ format: "unknown format" });
    const [failed] = await listJobs(f.admin, { status: "failed" });
    expect(failed).toMatchObject({ kind: "import", attempts: 1, error: { code: "invalid", fields: { format: "unknown format" } } });
  });

  test("an upload over the limit is refused before any job exists, and leaves no spooled bytes", async () => {
    const before = (await db().select({ n: count() }).from(jobs))[0]!.n;
    const big = new Uint8Array(2048).fill(65);
    async function* stream() {
      yield big;
      yield big;
    }
    await expect(createJob(f.admin, { kind: "import", input: {}, upload: { stream: stream(), maxBytes: 3000 } }, spool)).rejects.toThrow(/upload limit/);
    expect((await db().select({ n: count() }).from(jobs))[0]!.n).toBe(before);
  });

  test("an attempt that breaks mid-file writes nothing; the retry imports every row exactly once", async () => {
    const flaky = flakySpool(spool, 1);
    const id = (await createJob(f.admin, { kind: "import", input: { format: "leash-csv", source: "flaky", fileName: "f.csv" }, upload: { stream: bytesOf(csv(25, "flaky")), maxBytes: 1e6 } }, flaky))!;
    await expect(runJobAttempt(id, "test", false, flaky)).rejects.toBeInstanceOf(RetryableJobError);
    expect(await getJob(f.admin, id)).toMatchObject({ status: "retrying", error: { code: "internal" } });
    expect((await db().select({ n: count() }).from(credentialVersions).innerJoin(importRuns, eq(importRuns.id, credentialVersions.importRunId)).where(eq(importRuns.id, id)))[0]!.n).toBe(0);
    await runJobAttempt(id, "test", false, flaky);
    const done = await getJob(f.admin, id);
    expect(done).toMatchObject({ status: "succeeded", attempts: 2, error: null, result: { id, counts: { created: 25 } } });
    expect((await db().select({ n: count() }).from(importRuns).where(eq(importRuns.id, id)))[0]!.n).toBe(1);
    expect(await readdir(spoolFolder)).not.toContain(`${id}.upload`);
  });

  test("the last attempt fails the job for good with a message that hides the cause", async () => {
    const broken = flakySpool(spool, 99);
    const id = (await createJob(f.admin, { kind: "import", input: { format: "leash-csv", source: "broken", fileName: "b.csv" }, upload: { stream: bytesOf(csv(3, "broken")), maxBytes: 1e6 } }, broken))!;
    await runJobAttempt(id, "test", true, broken);
    const job = await getJob(f.admin, id);
    expect(job.status).toBe("failed");
    expect(job.error!.message).toMatch(/failed unexpectedly after 1 attempts/);
    expect(job.error!.message).not.toMatch(/connection reset/);
  });

  test("a job whose effect was committed before its worker died finds it instead of doing it twice", async () => {
    const text = csv(5, "twice");
    const importId = (await createJob(f.admin, { kind: "import", input: { format: "leash-csv", source: "twice", fileName: "t.csv" }, upload: { stream: bytesOf(text), maxBytes: 1e6 } }, spool))!;
    const committed = await importCredentials(f.admin, { format: "leash-csv", source: "twice", fileName: "t.csv", input: bytesOf(text), runId: importId });
    await runJobAttempt(importId, "test", false, spool);
    expect((await getJob(f.admin, importId)).result).toEqual(committed);
    expect((await db().select({ n: count() }).from(importRuns).where(eq(importRuns.id, importId)))[0]!.n).toBe(1);

    const evidenceId = (await createJob(f.admin, { kind: "evidence", input: { framework: "soc2" } }, spool))!;
    const built = await buildEvidencePackage(f.admin, { framework: "soc2" }, evidenceId);
    await runJobAttempt(evidenceId, "test", false, spool);
    expect((await getJob(f.admin, evidenceId)).result).toEqual(built);
    expect((await db().select({ n: count() }).from(evidencePackages).where(eq(evidencePackages.id, evidenceId)))[0]!.n).toBe(1);
    // A queue delivering a finished job again changes nothing.
    await runJobAttempt(evidenceId, "test", false, spool);
    expect((await getJob(f.admin, evidenceId)).attempts).toBe(1);
  });

  test("a job asked for with a token revoked before it ran does not run", async () => {
    const created = await createToken(f.admin, { name: "soon revoked", scopes: ["evidence"], expiresInDays: 1 });
    const response = await evidenceRoute(
      new NextRequest(`${BASE}/api/v1/evidence`, { method: "POST", headers: { authorization: `Bearer ${created.token}`, prefer: "respond-async", "content-type": "application/json" }, body: JSON.stringify({ framework: "nope" }) }),
      none,
    );
    expect(response.status).toBe(400); // the request body is checked before a job exists
    const id = (await createJob({ ...f.admin, via: "token", token: { id: created.id, name: "soon revoked", scopes: ["evidence"], expiresAt: new Date(Date.now() + 3_600_000) } }, { kind: "evidence", input: { framework: "soc2" } }, spool))!;
    await revokeToken(f.admin, created.id);
    await runJobAttempt(id, "test", false, spool);
    expect(await getJob(f.admin, id)).toMatchObject({ status: "failed", error: { code: "unauthenticated" } });
    expect((await db().select({ n: count() }).from(evidencePackages).where(eq(evidencePackages.id, id)))[0]!.n).toBe(0);
  });

  test("a dedupe key lets one job through however often it is submitted; submitting needs the kind's permission", async () => {
    const first = await submitJob(f.admin, { kind: "evaluation", input: { trigger: "scheduled" }, dedupeKey: "scheduled-evaluation:test" });
    const second = await submitJob(f.admin, { kind: "evaluation", input: { trigger: "scheduled" }, dedupeKey: "scheduled-evaluation:test" });
    expect(first).not.toBeNull();
    expect(second).toBeNull();
    await expect(submitJob(f.auditor, { kind: "evaluation", input: { trigger: "manual" } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(submitJob(f.engineerA, { kind: "evidence", input: { framework: "soc2" } })).rejects.toMatchObject({ code: "forbidden" });
  });

  test("finished jobs past the retention are pruned; recent and unfinished ones stay", async () => {
    const now = new Date();
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
    const job = async (status: "succeeded" | "failed" | "running", finishedDaysAgo: number | null) => {
      const id = (await createJob(f.admin, { kind: "evaluation", input: { trigger: "manual" } }, spool))!;
      await db().update(jobs).set({ status, finishedAt: finishedDaysAgo === null ? null : daysAgo(finishedDaysAgo), createdAt: daysAgo(45) }).where(eq(jobs.id, id));
      return id;
    };
    const old = [await job("succeeded", 40), await job("failed", 31)];
    const kept = [await job("succeeded", 29), await job("running", null)];
    expect(await pruneFinishedJobs(30, now)).toBe(2);
    const left = new Set((await db().select({ id: jobs.id }).from(jobs)).map((r) => r.id));
    for (const id of old) expect(left.has(id)).toBe(false);
    for (const id of kept) expect(left.has(id)).toBe(true);
  });
});
