import { expect, test, type Page } from "@playwright/test";
import { awsPair } from "@/bench/scanner/fakes";
import { Rng } from "@/bench/scanner/prng";
import { buildZip } from "@/bench/scanner/zip-writer";
import type { CorpusDto, SecretFindingDto } from "@/lib/domain/scan";
import { storageStatePath, uniqueSuffix } from "./support/accounts";
import { apiAs, expectJson } from "./support/api";

// One journey: the admin registers an agent-readable corpus, scans an export with a secret in it, then a clean one;
// the auditor reads the result. Fake secrets are generated per run from a seeded generator, never committed.
test.describe.configure({ mode: "serial" });

const suffix = uniqueSuffix();
const corpusName = `e2e-wiki-${suffix}`;
const chatName = `e2e-slack-${suffix}`;
const seed = Date.now() % 1_000_000;
const aws = awsPair(new Rng(seed));
const chatAws = awsPair(new Rng(seed + 1));
const MARKUP = "<img src=x onerror=alert(1)>";

const runbook = Buffer.from(`# deploy runbook\nAWS_ACCESS_KEY_ID=${aws.id}\nAWS_SECRET_ACCESS_KEY=${aws.secret}\n`);
const cleanRunbook = Buffer.from("# deploy runbook\nAWS credentials now come from the vault: see go/vault.\n");
const slackExport = buildZip([
  { name: "channels.json", data: JSON.stringify([{ id: "C01", name: "deploys" }]) },
  {
    name: "deploys/2026-01-05.json",
    data: JSON.stringify([
      { type: "message", user: MARKUP, ts: "1767571200.000100", text: `${MARKUP} creds AWS_ACCESS_KEY_ID=${chatAws.id} AWS_SECRET_ACCESS_KEY=${chatAws.secret}` },
    ]),
  },
]);

/** Everything but the preview's last four characters: none of it may reach the page, its HTML or its data. */
async function expectNoSecret(page: Page, secret: string) {
  const hidden = secret.slice(0, -4);
  expect(await page.locator("body").innerText()).not.toContain(hidden);
  expect(await page.content()).not.toContain(hidden);
}

async function upload(page: Page, name: string, buffer: Buffer, mimeType = "text/plain") {
  await page.getByLabel("Export file").setInputFiles({ name, mimeType, buffer });
  await page.getByRole("button", { name: "Upload and scan" }).click();
  await expect(page.getByTestId("scan-run-report")).toBeVisible({ timeout: 30_000 });
}

test.describe("admin", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("creates an agent-readable corpus, uploads a file with an AWS key and sees one redacted exposure", async ({ page }) => {
    await page.goto("/scans");
    await page.getByRole("button", { name: "New corpus" }).click();
    const dialog = page.getByRole("dialog", { name: "New corpus" });
    await dialog.getByLabel("Name", { exact: true }).fill(corpusName);
    await dialog.getByLabel("Kind", { exact: true }).selectOption("docs_export");
    await dialog.getByRole("checkbox", { name: /Agents can read this corpus/ }).check();
    await dialog.getByLabel("Readers").fill("Claude Code, Glean");
    await dialog.getByRole("button", { name: "Create corpus" }).click();

    await expect(page).toHaveURL(/\/scans\/corpora\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name: corpusName, level: 1 })).toBeVisible();
    await expect(page.getByText("Agents read this", { exact: true })).toBeVisible();
    await expect(page.getByText("Readers: Claude Code, Glean")).toBeVisible();
    await expect(page.getByTestId("coverage-warning")).toContainText("never scanned");
    // Nothing found because nothing was read: the empty list must not read as a clean corpus.
    await expect(page.getByTestId("corpus-exposures-empty")).toHaveText(/^Not scanned yet/);
    await expect(page.getByText("No secrets found in this corpus")).toHaveCount(0);
    await expect(page.getByTestId("cli-command")).toContainText(`--corpus "${corpusName}"`);

    await upload(page, "runbook.env", runbook);
    await expect(page.getByTestId("scan-count-secrets")).toContainText("1");
    await expect(page.getByTestId("scan-count-opened")).toContainText("1");
    await expect(page.getByTestId("scan-count-resolved")).toContainText("0");
    await expect(page.getByTestId("scan-count-files")).toContainText("1");
    await expect(page.getByTestId("coverage-warning")).toHaveCount(0);
    const row = page.getByTestId("exposure-row");
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId("exposure-preview")).toContainText("…");
    await expect(row.getByTestId("exposure-preview")).toContainText(aws.secret.slice(-4));
    await expect(row).toContainText("open");
    await expectNoSecret(page, aws.secret);

    // The Scans page lists it, filtered to this corpus through the URL.
    await page.goto("/scans");
    const corpusRow = page.getByTestId("corpus-row").filter({ hasText: corpusName });
    await expect(corpusRow).toContainText("1");
    // The count opens the exposures behind it.
    await expect(corpusRow.getByRole("link", { name: `1 open exposures in ${corpusName}` })).toHaveAttribute("href", /^\/scans\?corpusId=[0-9a-f-]{36}#exposures$/);
    await page.getByLabel("Corpus", { exact: true }).selectOption({ label: corpusName });
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/corpusId=[0-9a-f-]{36}/);
    await expect(page).toHaveURL(/status=open/);
    const listed = page.getByTestId("exposure-row");
    await expect(listed).toHaveCount(1);
    await expect(listed).toContainText(corpusName);
    await expect(listed).toContainText("Agents read this");
    await expectNoSecret(page, aws.secret);

    await listed.getByRole("link", { name: /AWS/ }).click();
    await expect(page).toHaveURL(/\/scans\/findings\/[0-9a-f-]{36}$/);
    await expect(page.getByText("Agents can read this secret")).toBeVisible();
    await expect(page.getByTestId("location-row")).toHaveCount(1);
    await expect(page.getByTestId("location-row")).toContainText("runbook.env:3:");
    await expect(page.getByTestId("location-row")).toContainText("AWS_SECRET_ACCESS_KEY");
    await expect(page.getByTestId("finding-preview")).toContainText("…");
    await expectNoSecret(page, aws.secret);
  });

  test("uploading a clean file resolves the exposure", async ({ page }) => {
    await page.goto("/scans");
    await page.getByRole("link", { name: corpusName }).first().click();
    await upload(page, "runbook.env", cleanRunbook);
    await expect(page.getByTestId("scan-count-secrets")).toContainText("0");
    await expect(page.getByTestId("scan-count-resolved")).toContainText("1");
    await expect(page.getByTestId("scan-count-opened")).toContainText("0");
    await expect(page.getByTestId("exposure-row")).toContainText("resolved");
    await expect(page.getByTestId("corpus-open-count")).toHaveText("0");
    await expect(page.getByTestId("scan-run-row")).toHaveCount(2);

    await page.goto("/scans");
    await page.getByLabel("Corpus", { exact: true }).selectOption({ label: corpusName });
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByTestId("exposure-total")).toHaveText("No open exposures match these filters.");
    await page.getByLabel("Status", { exact: true }).selectOption("resolved");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/status=resolved/);
    await expect(page.getByTestId("exposure-row")).toHaveCount(1);
    await expect(page.getByTestId("exposure-row")).toContainText("resolved");
  });

  test("a run's counts open the exposures it saw, opened and resolved, after later runs too", async ({ page }) => {
    // The corpus page lists its runs newest first: the clean upload, then the first one, which saw and opened the key.
    const openCorpus = async () => {
      await page.goto("/scans");
      await page.getByRole("link", { name: corpusName }).first().click();
      await expect(page.getByTestId("scan-run-row")).toHaveCount(2);
    };
    const runs = page.getByTestId("scan-run-row");
    await openCorpus();
    await runs.nth(0).getByRole("link", { name: "1 secret this scan resolved" }).click();
    await expect(page).toHaveURL(/resolvedByScan=[0-9a-f-]{36}&status=all#exposures$/);
    await expect(page.getByTestId("linked-filter-resolvedByScan")).toContainText(`Only the exposures the scan of ${corpusName} started`);
    await expect(page.getByTestId("exposure-row")).toHaveCount(1);
    await expect(page.getByTestId("exposure-row")).toContainText("resolved");

    await openCorpus();
    await runs.nth(1).getByRole("link", { name: "1 secret this scan saw" }).click();
    await expect(page).toHaveURL(/seenByScan=[0-9a-f-]{36}&status=all#exposures$/);
    // What the first run saw is resolved now, and still listed under it.
    await expect(page.getByTestId("exposure-row")).toHaveCount(1);
    await expect(page.getByTestId("exposure-row")).toContainText(corpusName);
    await page.getByTestId("linked-filter-seenByScan").getByRole("button", { name: "Remove filter" }).click();
    await expect(page).not.toHaveURL(/seenByScan/);
    await expect(page).toHaveURL(/status=all/);
  });

  test("markup in a Slack export renders as inert text next to the redacted secret", async ({ page, baseURL }) => {
    const admin = await apiAs("admin", baseURL!);
    const chat = await expectJson<CorpusDto>(
      await admin.post("/api/v1/corpora", { data: { name: chatName, kind: "chat_export", agentReadable: true, readers: ["Slack AI"] } }),
      201,
    );
    await admin.dispose();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });

    await page.goto(`/scans/corpora/${chat.id}`);
    await upload(page, "slack-export.zip", slackExport, "application/zip");
    await expect(page.getByTestId("scan-count-secrets")).toContainText("1");
    await page.getByTestId("exposure-row").getByRole("link", { name: /AWS/ }).click();
    const location = page.getByTestId("location-row");
    await expect(location).toContainText("slack-export.zip!deploys/2026-01-05.json");
    await expect(location).toContainText("#deploys");
    await expect(location).toContainText("2026-01-05 00:00:00 UTC");
    await expect(location).toContainText(MARKUP);
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    await expectNoSecret(page, chatAws.secret);
    expect(dialogs).toEqual([]);
  });
});

test.describe("auditor", () => {
  test.use({ storageState: storageStatePath("auditor") });

  test("sees corpora, runs and exposures but no create, edit or upload controls", async ({ page, baseURL }) => {
    await page.goto("/scans");
    await expect(page.getByRole("heading", { name: "Scans", level: 1 })).toBeVisible();
    await expect(page.getByTestId("corpus-row").filter({ hasText: corpusName })).toBeVisible();
    await expect(page.getByRole("button", { name: "New corpus" })).toHaveCount(0);

    await page.getByRole("link", { name: corpusName }).first().click();
    await expect(page.getByRole("heading", { name: corpusName, level: 1 })).toBeVisible();
    await expect(page.getByTestId("exposure-row")).toContainText("resolved");
    await expect(page.getByTestId("scan-run-row")).toHaveCount(2);
    await expect(page.getByRole("button", { name: "Edit corpus" })).toHaveCount(0);
    await expect(page.getByText("Upload an export to scan")).toHaveCount(0);
    await expect(page.locator('input[type="file"]')).toHaveCount(0);
    await expectNoSecret(page, aws.secret);

    // The server refuses the auditor too; hiding the controls is not the check.
    const auditor = await apiAs("auditor", baseURL!);
    const refused = await auditor.post("/api/v1/corpora", { data: { name: `e2e-auditor-${suffix}`, kind: "file_tree", agentReadable: false } });
    expect(refused.status()).toBe(403);
    await auditor.dispose();
  });
});

test.describe("Payments engineer", () => {
  test.use({ storageState: storageStatePath("engineerPayments") });

  test("a corpus their team does not own says what they cannot see, not that it is clean", async ({ page }) => {
    await page.goto("/scans");
    await page.getByRole("link", { name: "Platform runbooks (Notion export)" }).first().click();
    await expect(page.getByRole("heading", { name: "Platform runbooks (Notion export)", level: 1 })).toBeVisible();
    // The runbook scan found the Railway token (Platform's): the scan run counts it, the engineer may not see it.
    await expect(page.getByText("No exposure here that your teams can see")).toBeVisible();
    await expect(page.getByText("No secrets found in this corpus")).toHaveCount(0);
    await expect(page.getByText("No finding of this corpus is in your teams' queue")).toBeVisible();
    await expect(page.getByText("No rule fails here.")).toHaveCount(0);
  });

  test("the Platform runbook's exposure is not found, with the way back to Scans", async ({ page, baseURL }) => {
    const admin = await apiAs("admin", baseURL!);
    const { findings } = await expectJson<{ findings: SecretFindingDto[] }>(await admin.get("/api/v1/secret-findings?status=all"), 200);
    await admin.dispose();
    const railway = findings.find((f) => f.corpus.name === "Platform runbooks (Notion export)" && f.provider === "railway");
    expect(railway, "the demo seed's runbook exposure").toBeDefined();
    const response = await page.goto(`/scans/findings/${railway!.id}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Back to Scans" })).toBeVisible();
  });
});
