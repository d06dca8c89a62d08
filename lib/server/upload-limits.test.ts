import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { awsPair } from "@/bench/scanner/fakes";
import { Rng } from "@/bench/scanner/prng";
import { buildZip } from "@/bench/scanner/zip-writer";
import { MAX_JSON_BYTES } from "./api";
import { apiRoutes } from "./api-routes";
import { createCorpus } from "./corpora";
import { db } from "./db";
import { resetEnvForTests } from "./env";
import { listImportRuns } from "./imports";
import { listScanRuns } from "./scans";
import { listSecretFindings } from "./secret-findings";
import { callRoute, type RouteCall } from "./testing/routes";
import { seedIdentity, type IdentityFixture } from "./testing/fixtures";
import { describeEachEngine } from "./testing/test-db";
import { createToken } from "./tokens";
import { listJobs } from "./jobs/store";

// Upload limits (LEASH_MAX_UPLOAD_MB, LEASH_MAX_EVENT_UPLOAD_MB, the JSON and webhook caps) answer 413 with an error
// naming the limit, whether the body declares its length or streams without one, and nothing is stored. Zip
// archives are scanned in memory, so hostile entry names are refused and nothing is written anywhere.
// (Zip bombs inside the scanner: lib/scanner/zip.test.ts; gzip bombs at ingest: lib/ingest/events/line-splitter.test.ts.)

const MB = 1_048_576;
const route = (method: string, path: string) => apiRoutes.find((r) => r.method === method && r.path === path)!;

/** `size` bytes of `fill` after `head`, as one buffer (declared length) or as a stream of 64 KB chunks (none). */
function body(size: number, head = "", fill = 0x20): { declared: Uint8Array<ArrayBuffer>; streamed: () => ReadableStream<Uint8Array> } {
  const bytes = Buffer.alloc(size, fill);
  bytes.write(head);
  return {
    declared: new Uint8Array(bytes),
    streamed: () =>
      new ReadableStream({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 65_536) controller.enqueue(new Uint8Array(bytes.subarray(i, i + 65_536)));
          controller.close();
        },
      }),
  };
}

async function count(table: string): Promise<number> {
  const result = (await db().execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as { rows: { n: number }[] };
  return Number(result.rows[0]!.n);
}

describeEachEngine("upload limits and hostile archives", () => {
  let f: IdentityFixture;
  let token = "";
  let corpusId = "";
  beforeAll(async () => {
    process.env.LEASH_MAX_UPLOAD_MB = "1";
    process.env.LEASH_MAX_EVENT_UPLOAD_MB = "1";
    process.env.LEASH_APPROVAL_WEBHOOK_SECRET = "upload-limit-webhook-value";
    resetEnvForTests();
    f = await seedIdentity();
    token = (await createToken(f.admin, { name: "uploads", scopes: ["admin"], expiresInDays: 1 })).token;
    corpusId = (await createCorpus(f.admin, { name: "Uploads", kind: "chat_export", agentReadable: true })).id;
  });
  afterAll(() => {
    for (const name of ["LEASH_MAX_UPLOAD_MB", "LEASH_MAX_EVENT_UPLOAD_MB", "LEASH_APPROVAL_WEBHOOK_SECRET"]) delete process.env[name];
    resetEnvForTests();
  });

  async function send(method: string, path: string, call: RouteCall) {
    const response = await callRoute(route(method, path), { ...call, headers: { authorization: `Bearer ${token}`, ...call.headers } });
    return { status: response.status, json: await response.json() };
  }

  async function expectRefused(result: { status: number; json: { error?: { code: string; message: string } } }, limit: RegExp) {
    expect(result.status, JSON.stringify(result.json)).toBe(413);
    expect(result.json.error).toMatchObject({ code: "too_large", message: expect.stringMatching(limit) });
  }

  const stored = async () => ({ credentials: await count("credentials"), events: await count("activity_events"), scans: await count("scan_runs"), teams: await count("teams") });

  test("raw uploads past LEASH_MAX_UPLOAD_MB: credentials and scans are 413, declared or streamed, and nothing is stored", async () => {
    const before = await stored();
    // A valid JSON array start, then padding: the importer would accept the bytes if the limit let them through.
    const big = body(MB + 10, '[{"external_id":"big-1","provider":"aws","kind":"access_key"}');
    const declared = { "content-length": String(big.declared.length), "content-type": "application/json" };
    await expectRefused(await send("POST", "/api/v1/credentials", { body: big.declared, headers: declared }), /upload limit of 1 MB/);
    await expectRefused(await send("POST", "/api/v1/credentials", { body: big.streamed() }), /upload limit of 1 MB/);
    const scans = { params: { id: corpusId }, search: "file=export.txt" };
    await expectRefused(await send("POST", "/api/v1/corpora/{id}/scans", { ...scans, body: big.declared, headers: { "content-length": String(big.declared.length) } }), /upload limit of 1 MB/);
    await expectRefused(await send("POST", "/api/v1/corpora/{id}/scans", { ...scans, body: big.streamed() }), /upload limit of 1 MB/);
    expect(await stored()).toEqual(before);
    // The upload is refused while it is spooled for its job, so neither a job nor an import run is left behind. (The
    // token's first use of the day queues its own credential's evaluation, tokens.ts.)
    expect(await listImportRuns(f.admin)).toEqual([]);
    expect((await listJobs(f.admin)).filter((j) => j.kind !== "evaluation")).toEqual([]);
  });

  test("multipart imports and previews past the limit are 413; nothing is stored", async () => {
    const before = await stored();
    const form = () => {
      const data = new FormData();
      data.append("format", "leash-csv");
      data.append("file", new Blob([`external_id,provider,kind\nbig-2,aws,access_key\n${"#".repeat(MB + 10)}`]), "big.csv");
      return data;
    };
    await expectRefused(await send("POST", "/api/v1/imports", { body: form() }), /upload limit of 1 MB/);
    await expectRefused(await send("POST", "/api/v1/imports/preview", { body: form() }), /upload limit of 1 MB/);
    expect(await stored()).toEqual(before);
  });

  test("event uploads past LEASH_MAX_EVENT_UPLOAD_MB are 413; a declared length is refused before anything is stored", async () => {
    const line = `${JSON.stringify({ occurred_at: "2026-01-01T00:00:00Z", operation: "GetObject", outcome: "success", actor_type: "service", resource: "r".repeat(2000) })}\n`;
    const big = body(MB + line.length, line.repeat(Math.ceil((MB + line.length) / line.length)));
    for (const path of ["/api/v1/events", "/api/v1/events/cloudtrail", "/api/v1/events/pgaudit"]) {
      await expectRefused(await send("POST", path, { body: big.declared, headers: { "content-length": String(big.declared.length) } }), /upload limit of 1 MB/);
    }
    expect(await count("activity_events")).toBe(0);
    // Streamed without a length, the meter stops it; batches committed before the limit are kept (re-sending completes).
    await expectRefused(await send("POST", "/api/v1/events", { body: big.streamed() }), /upload limit of 1 MB/);
  });

  test("JSON bodies past 1 MB and webhook bodies past 64 KB are 413, declared or streamed", async () => {
    const before = await stored();
    const team = body(MAX_JSON_BYTES + 1, '{"name":"Too big","pad":"');
    await expectRefused(await send("POST", "/api/v1/teams", { body: team.declared, headers: { "content-length": String(team.declared.length), "content-type": "application/json" } }), /Body larger than 1000000 bytes/);
    await expectRefused(await send("POST", "/api/v1/teams", { body: team.streamed(), headers: { "content-type": "application/json" } }), /Body larger than 1000000 bytes/);
    const hook = body(64_001, '{"approver":"');
    await expectRefused(await send("POST", "/api/v1/approvals/webhook", { body: hook.streamed() }), /Body larger than 64000 bytes/);
    expect(await stored()).toEqual(before);
  });

  test("a zip with traversal, absolute and drive-letter entry names and a bomb: scanned in memory, only the safe entry counts, nothing written", async () => {
    const aws = awsPair(new Rng(1313));
    const secret = `AWS_ACCESS_KEY_ID=${aws.id}\nAWS_SECRET_ACCESS_KEY=${aws.secret}\n`;
    const marker = `leash-escape-${process.pid}-${Date.now()}`;
    const hostile = [`../../${marker}.env`, `..\\..\\${marker}.env`, `/tmp/${marker}.env`, `C:\\${marker}.env`, `ok/../../${marker}.env`];
    const zip = buildZip([
      { name: "docs/runbook.env", data: secret },
      ...hostile.map((name) => ({ name, data: secret.replace(aws.id, awsPair(new Rng(name.length)).id) })),
      { name: "bomb.txt", data: Buffer.alloc(8 * MB) }, // ~8 KB packed: refused by its compression ratio, never inflated
    ]);
    expect(zip.length).toBeLessThan(64 * 1024);
    const result = await send("POST", "/api/v1/corpora/{id}/scans", { params: { id: corpusId }, search: `file=${encodeURIComponent(`../../${marker}.zip`)}`, body: new Uint8Array(zip) });
    expect(result.status, JSON.stringify(result.json)).toBe(201);
    expect(result.json).toMatchObject({ status: "completed", findings: 1 });
    const [finding, ...others] = await listSecretFindings(f.admin, { corpusId });
    expect(others).toEqual([]);
    expect(finding).toMatchObject({ publicId: aws.id, locations: [{ file: `../../${marker}.zip!docs/runbook.env` }] });
    for (const dir of [tmpdir(), path.resolve(tmpdir(), ".."), path.resolve(tmpdir(), "../.."), "/tmp", process.cwd(), path.resolve(process.cwd(), "..")]) {
      expect(existsSync(path.join(dir, `${marker}.env`)), dir).toBe(false);
      expect(existsSync(path.join(dir, `${marker}.zip`)), dir).toBe(false);
    }
    expect((await listScanRuns(f.admin, corpusId)).length).toBe(1);
  });
});
