import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { awsPair } from "@/bench/scanner/fakes";
import { Rng } from "@/bench/scanner/prng";
import type { CreatedTokenDto } from "@/lib/domain/identity";
import type { SecretFindingDto } from "@/lib/domain/scan";
import { apiAs, expectJson } from "./support/api";
import { uniqueSuffix } from "./support/accounts";

// The embedded database belongs to the running server, so the CLI goes through its API with a token.
const run = promisify(execFile);
const DATA_DIR = ".leash-e2e"; // the e2e server's (playwright.config.ts)

async function leash(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["cli/leash.mjs", ...args], { env: { ...process.env, CI: "true", LEASH_DATA_DIR: DATA_DIR }, timeout: 90_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

test.describe("the CLI against a running server", () => {
  test.setTimeout(180_000);

  test("a locked embedded database sends the CLI to the API; import, scan --upload and the exposure in the UI", async ({ baseURL }) => {
    const direct = await leash(["credentials", "list"]);
    expect(direct.code).toBe(2);
    expect(direct.stderr).toMatch(/in use by leash server/);

    const admin = await apiAs("admin", baseURL!);
    const token = await expectJson<CreatedTokenDto>(await admin.post("/api/v1/tokens", { data: { name: `ci-${uniqueSuffix()}`, scopes: ["ingest", "read"], expiresInDays: 1 } }), 201);
    const corpus = `CI docs ${uniqueSuffix()}`;
    await expectJson(await admin.post("/api/v1/corpora", { data: { name: corpus, kind: "docs_export", agentReadable: true, readers: ["Claude Code"] } }), 201);

    const dir = mkdtempSync(path.join(tmpdir(), "leash-e2e-cli-"));
    const aws = awsPair(new Rng(Date.now() % 100_000));
    writeFileSync(path.join(dir, "inventory.csv"), `external_id,name,provider,kind,team,public_id\ncli-aws-1,CI key ${corpus},aws,access_key,Platform,${aws.id}\n`);
    const imported = await leash(["import", "leash-csv", path.join(dir, "inventory.csv"), "--source", "ci", "--json", "--server", baseURL!, "--token", token.token]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ status: "applied", created: 1 });

    const docs = path.join(dir, "docs");
    writeFileSync(path.join(dir, "key"), "not-the-instance-key-at-all");
    const wrongKey = await leash(["scan", dir, "--upload", "--server", baseURL!, "--token", token.token, "--corpus", corpus, "--fingerprint-key", path.join(dir, "key")]);
    expect(wrongKey.code).toBe(2);
    expect(wrongKey.stderr).toMatch(/not this Leash instance's fingerprint key/);

    mkdirSync(docs);
    writeFileSync(path.join(docs, "runbook.md"), `# Deploy\n\nexport AWS_ACCESS_KEY_ID=${aws.id}\nexport AWS_SECRET_ACCESS_KEY=${aws.secret}\n`);
    const uploaded = await leash(["scan", docs, "--upload", "--server", baseURL!, "--token", token.token, "--corpus", corpus, "--fingerprint-key", `${DATA_DIR}/secrets/fingerprint-key`]);
    expect(uploaded.code, uploaded.stderr).toBe(1); // findings exist: the CI gate fails
    expect(uploaded.stderr).toMatch(/1 secret\(s\), 1 newly open/);
    expect(uploaded.stdout).not.toContain(aws.secret);

    const { findings } = await expectJson<{ findings: SecretFindingDto[] }>(await admin.get(`/api/v1/secret-findings?matched=true`), 200);
    const mine = findings.find((f) => f.corpus.name === corpus)!;
    expect(mine).toMatchObject({ publicId: aws.id, credential: { name: `CI key ${corpus}` }, locations: [{ file: "runbook.md", line: 4 }] });
    await admin.dispose();
  });
});
