import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, request as playwrightRequest, test, type APIRequestContext, type APIResponse, type Page } from "@playwright/test";
import { awsPair } from "@/bench/scanner/fakes";
import { Rng } from "@/bench/scanner/prng";
import { buildZip } from "@/bench/scanner/zip-writer";
import type { CredentialPage, ImportRunDto } from "@/lib/domain/credential-query";
import type { AuditEntryDto } from "@/lib/domain/identity";
import type { FindingPage } from "@/lib/domain/posture";
import type { CorpusDto, ScanRunDto, SecretFindingDto } from "@/lib/domain/scan";
import { accounts, DEMO_PASSWORD, storageStatePath, uniqueSuffix } from "./support/accounts";
import { apiAs, expectJson } from "./support/api";

// Stored markup renders as text: a credential's name and principal (and so the R11 finding's reason, which quotes
// the principal) and a Slack message around an exposed secret, each on the pages that show them. Then CSRF on
// server actions: Next.js runs one only when its Origin matches the Host, shown by sign-in and sign-out.
test.describe.configure({ mode: "serial" });

const IMG = `<img src=x onerror="window.__xss=1">`;
const SCRIPT = "<script>window.__xss=1</script>";
const suffix = uniqueSuffix();
const tag = `xss-${suffix}`;
const seed = Date.now() % 1_000_000;
const aws = awsPair(new Rng(seed));
const chatAws = awsPair(new Rng(seed + 1));
const ids = { credential: "", finding: "", corpus: "", secretFinding: "", uploadedCorpus: "", uploadedFinding: "" };

test.describe("stored markup", () => {
  test.use({ storageState: storageStatePath("admin") });

  test.beforeAll(async ({ baseURL }) => {
    const admin = await apiAs("admin", baseURL!);
    const record = {
      external_id: tag,
      name: `${tag} ${IMG}${SCRIPT}`,
      provider: "aws",
      kind: "access_key",
      public_id: aws.id,
      principal: `${IMG}${SCRIPT}`,
      principal_type: "human",
      agent_accessible: true,
      environments: ["production"],
      expires_at: "never",
      team: "Platform",
    };
    const run = await expectJson<ImportRunDto>(await admin.post(`/api/v1/credentials?source=${tag}`, { data: [record] }), 201);
    expect(run.counts.created).toBe(1);
    ids.credential = (await expectJson<CredentialPage>(await admin.get(`/api/v1/credentials?q=${tag}`), 200)).items[0]!.id;
    // The import re-evaluates the credential before answering: R11 quotes the principal in its reason.
    const findings = await expectJson<FindingPage>(await admin.get(`/api/v1/findings?subjectId=${ids.credential}&rule=R11`), 200);
    expect(findings.items[0]!.reason).toContain(IMG);
    ids.finding = findings.items[0]!.id;

    const corpus = await expectJson<CorpusDto>(await admin.post("/api/v1/corpora", { data: { name: `${tag} ${IMG}`, kind: "chat_export", agentReadable: true } }), 201);
    ids.corpus = corpus.id;
    const message = { type: "message", user: `${IMG}${SCRIPT}`, ts: "1767571200.000100", text: `${IMG}${SCRIPT} creds AWS_ACCESS_KEY_ID=${chatAws.id} AWS_SECRET_ACCESS_KEY=${chatAws.secret}` };
    const zip = buildZip([
      { name: "channels.json", data: JSON.stringify([{ id: "C01", name: "deploys" }]) },
      { name: "deploys/2026-01-05.json", data: JSON.stringify([message]) },
    ]);
    const scan = await expectJson<ScanRunDto>(await admin.post(`/api/v1/corpora/${corpus.id}/scans?file=slack-export.zip`, { data: zip, headers: { "Content-Type": "application/zip" } }), 201);
    expect(scan.findings).toBe(1);
    const secrets = await expectJson<{ findings: SecretFindingDto[] }>(await admin.get(`/api/v1/secret-findings?corpusId=${corpus.id}`), 200);
    ids.secretFinding = secrets.findings[0]!.id;

    // `leash scan --upload` from CI: the preview and the reader's context are whatever the uploader sent.
    const uploaded = await expectJson<CorpusDto>(await admin.post("/api/v1/corpora", { data: { name: `${tag} uploads`, kind: "chat_export", agentReadable: true } }), 201);
    ids.uploadedCorpus = uploaded.id;
    const { keyCheck } = await expectJson<{ keyCheck: string }>(await admin.get("/api/v1/scans/key-check"), 200);
    const finding = {
      file: "slack-export.zip!deploys/2026-01-06.json", line: 1, column: 1, detector: "aws-access-key", kind: "access_key", provider: "aws",
      title: `AWS access key ${IMG}`, confidence: "high", severity: "critical", entropy: 4.5, preview: `${IMG}…${SCRIPT}`,
      fingerprint: createHash("sha256").update(tag).digest("hex"), context: { channel: "deploys", messageTs: "1767657600.000200", user: SCRIPT, text: `${IMG} see above` },
    };
    const results = { scannerVersion: "e2e", keyCheck, startedAt: new Date().toISOString(), stats: { files: 1, bytes: 100 }, findings: [finding] };
    expect((await expectJson<ScanRunDto>(await admin.post(`/api/v1/corpora/${uploaded.id}/scan-results`, { data: results }), 201)).findings).toBe(1);
    ids.uploadedFinding = (await expectJson<{ findings: SecretFindingDto[] }>(await admin.get(`/api/v1/secret-findings?corpusId=${uploaded.id}`), 200)).findings[0]!.id;
    await admin.dispose();
  });

  /** The markup is on the page as text, nothing ran, no element it describes exists, and the CSP saw no attempt. */
  async function expectInert(page: Page, path: string, visible: string[]) {
    const violations: string[] = [];
    page.on("console", (m) => void (/Content Security Policy/i.test(m.text()) && violations.push(m.text())));
    page.on("dialog", (d) => void d.dismiss());
    await page.goto(path);
    for (const text of visible) await expect(page.locator("main")).toContainText(text);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    await expect(page.locator("[onerror]")).toHaveCount(0);
    expect(await page.locator("script").evaluateAll((scripts) => scripts.filter((s) => (s.textContent ?? "").trim() === "window.__xss=1").length)).toBe(0);
    expect(violations).toEqual([]);
  }

  test("a credential's name and principal, in the inventory and on its page", async ({ page }) => {
    await expectInert(page, `/credentials?q=${tag}`, [`${tag} ${IMG}${SCRIPT}`]);
    await expectInert(page, `/credentials/${ids.credential}`, [`${tag} ${IMG}${SCRIPT}`, `${IMG}${SCRIPT}`]);
  });

  test("a finding's reason and subject, in the queue and on the finding", async ({ page }) => {
    await expectInert(page, `/findings?q=${tag}&rule=R11`, [`${tag} ${IMG}${SCRIPT}`]);
    await expectInert(page, `/findings/${ids.finding}`, [`principal_type=human (${IMG}${SCRIPT})`]);
    await expect(page.getByTestId("finding-reason")).toContainText(IMG);
  });

  test("a Slack message's author around an exposed secret, and the corpus name", async ({ page }) => {
    await expectInert(page, `/scans/corpora/${ids.corpus}`, [`${tag} ${IMG}`]);
    await expectInert(page, `/scans/findings/${ids.secretFinding}`, [`${tag} ${IMG}`]);
    await expect(page.getByTestId("location-row")).toContainText(`#deploys`);
    await expect(page.getByTestId("location-row")).toContainText(`${IMG}${SCRIPT}`);
    expect(await page.content()).not.toContain(chatAws.secret.slice(0, -4));
  });

  test("an uploaded finding's preview, title and Slack context", async ({ page }) => {
    await expectInert(page, `/scans/corpora/${ids.uploadedCorpus}`, [`${IMG}…${SCRIPT}`]);
    await expectInert(page, `/scans/findings/${ids.uploadedFinding}`, [`AWS access key ${IMG}`, `${IMG}…${SCRIPT}`, `${IMG} see above`]);
    await expect(page.getByTestId("finding-preview")).toContainText(`${IMG}…${SCRIPT}`);
    await expect(page.getByTestId("location-row")).toContainText(SCRIPT);
  });

  test("a corpus named with markup and a \"%\" is found by its name in the URL and its page renders it as text", async ({ page, baseURL }) => {
    const admin = await apiAs("admin", baseURL!);
    const name = `${tag} 100%${IMG}`;
    const created = await expectJson<CorpusDto>(await admin.post("/api/v1/corpora", { data: { name, kind: "file_tree", agentReadable: false } }), 201);
    // Next decodes the segment once; decoding it again turned the "%" into a 500.
    expect(await expectJson<CorpusDto>(await admin.get(`/api/v1/corpora/${encodeURIComponent(name)}`), 200)).toMatchObject({ id: created.id, name });
    await admin.dispose();
    await expectInert(page, `/scans/corpora/${encodeURIComponent(name)}`, [name]);
  });

  test("the checks above would notice an injection, and the CSP would still stop it running", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (m) => void (/Content Security Policy/i.test(m.text()) && violations.push(m.text())));
    await page.goto(`/credentials/${ids.credential}`);
    await expect(page.locator("main")).toContainText(tag);
    // Inserted again if a render still in flight (hydration, a query settling) replaced main's children meanwhile.
    await expect(async () => {
      await page.evaluate((html) => void (document.querySelector('img[src="x"]') ?? document.querySelector("main")!.insertAdjacentHTML("beforeend", html)), IMG);
      await expect(page.locator('img[src="x"]')).toHaveCount(1, { timeout: 1000 });
      await expect(page.locator("[onerror]")).toHaveCount(1, { timeout: 1000 });
    }).toPass();
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  });
});

/** A server action's id, from the build's manifest, as the page's own JavaScript would send it. */
function actionId(filename: string, exportedName: string): string {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as { node: Record<string, { filename?: string; exportedName?: string }> };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.filename === filename && entry.exportedName === exportedName);
  if (!found) throw new Error(`no server action ${exportedName} in ${filename}: build first`);
  return found[0];
}

const FOREIGN = "https://evil.example";
const sessionCookie = (response: APIResponse) =>
  response
    .headersArray()
    .filter((h) => h.name.toLowerCase() === "set-cookie" && /^(__Secure-)?authjs\.session-token=/.test(h.value))
    .map((h) => h.value);

test.describe("server actions refuse another origin", () => {
  // signInAction(prevState, formData) encoded as the sign-in form's React sends it: the form's fields as part "_1_",
  // then part 0, the argument list referring to it (last: the server resolves it as the body streams in).
  const signIn = (api: APIRequestContext, origin: string) => {
    const form = new FormData();
    form.append("_1_email", accounts.auditor.email);
    form.append("_1_password", DEMO_PASSWORD);
    form.append("_1_callbackUrl", "/overview");
    form.append("0", '["$undefined","$K1"]');
    return api.post("/signin", {
      headers: { "Next-Action": actionId("app/(auth)/signin/actions.ts", "signInAction"), Origin: origin, Accept: "text/x-component" },
      multipart: form,
      maxRedirects: 0,
    });
  };
  const signOut = (api: APIRequestContext, origin: string) =>
    api.post("/overview", {
      headers: { "Next-Action": actionId("app/(dashboard)/actions.ts", "signOutAction"), Origin: origin, Accept: "text/x-component", "Content-Type": "text/plain;charset=UTF-8" },
      data: "[]",
      maxRedirects: 0,
    });
  const signOuts = async (admin: APIRequestContext, since: string) =>
    (await expectJson<{ entries: AuditEntryDto[] }>(await admin.get(`/api/v1/audit?action=auth.sign_out&actor=${encodeURIComponent(accounts.auditor.email)}&from=${encodeURIComponent(since)}`), 200)).entries;

  test("sign-in with the right password from another origin sets no session; from our own origin it does", async ({ baseURL }) => {
    const foreign = await playwrightRequest.newContext({ baseURL });
    const refused = await signIn(foreign, FOREIGN);
    expect(refused.status()).toBeGreaterThanOrEqual(400);
    expect(sessionCookie(refused)).toEqual([]);
    expect((await foreign.get("/api/v1/me")).status()).toBe(401);
    await foreign.dispose();

    const own = await playwrightRequest.newContext({ baseURL });
    const accepted = await signIn(own, new URL(baseURL!).origin);
    expect(accepted.status(), await accepted.text()).toBeLessThan(400);
    expect(sessionCookie(accepted)).toHaveLength(1);
    expect(await expectJson<{ email: string }>(await own.get("/api/v1/me"), 200)).toMatchObject({ email: accounts.auditor.email });
    await own.dispose();
  });

  test("sign-out from another origin is refused and not recorded; from our own origin it clears the session", async ({ baseURL }) => {
    const origin = new URL(baseURL!).origin;
    const admin = await apiAs("admin", baseURL!);
    const session = await playwrightRequest.newContext({ baseURL });
    expect(sessionCookie(await signIn(session, origin))).toHaveLength(1);
    const since = new Date(Date.now() - 1000).toISOString();

    const refused = await signOut(session, FOREIGN);
    expect(refused.status()).toBeGreaterThanOrEqual(400);
    expect(sessionCookie(refused)).toEqual([]);
    expect((await session.get("/api/v1/me")).status()).toBe(200);
    expect(await signOuts(admin, since)).toEqual([]);

    const accepted = await signOut(session, origin);
    expect(accepted.status(), await accepted.text()).toBeLessThan(400);
    expect(sessionCookie(accepted).join("\n")).toMatch(/authjs\.session-token=;|Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expect((await session.get("/api/v1/me")).status()).toBe(401);
    await expect.poll(async () => (await signOuts(admin, since)).length).toBe(1);
    await session.dispose();
    await admin.dispose();
  });
});
