import { expect, test, type Page } from "@playwright/test";
import { accounts, storageStatePath, uniqueSuffix } from "./support/accounts";
import { demoIds } from "./support/demo-ids";

// One journey across roles: the admin's import creates the credentials the engineer and auditor then use.
// The demo seed adds hundreds of credentials, so every assertion targets rows named with this run's suffix.
test.describe.configure({ mode: "serial" });

const suffix = uniqueSuffix();
const platformName = `e2e-platform-${suffix}`;
const paymentsName = `e2e-payments-${suffix}`;
// Unique to this run but not containing the suffix, whose search the auditor below counts two credentials of.
const apart = [...suffix].reverse().join("");
// The admin's import run, whose counts the engineer's shared link below narrows to.
let importRunId = "";

const HEADER = "external_id,name,provider,kind,principal,principal_type,team,owner_email,environments,agent_accessible,expires_at,storage,status";

function csv(rows: string[]): Buffer {
  return Buffer.from(`${HEADER}\r\n${rows.join("\r\n")}\r\n`);
}

const goodFile = csv([
  `${suffix}-1,${platformName},railway,api_token,deploy-agent,agent,Platform,${accounts.engineer.email},production,true,never,vault,active`,
  `${suffix}-2,${paymentsName},stripe,api_token,billing-svc,service,Payments,owner@example.com,staging,false,2030-01-01T00:00:00Z,ci_secret,active`,
]);

// Line 1 is the header, so the bad row (unknown kind) is line 3.
const badFile = csv([
  `${suffix}-bad-1,e2e-never-imported-${suffix},github,pat,ci,service,Platform,owner@example.com,staging,false,never,vault,active`,
  `${suffix}-bad-2,e2e-broken-${suffix},github,not_a_kind,ci,service,Platform,owner@example.com,staging,false,never,vault,active`,
]);

async function chooseFile(page: Page, name: string, buffer: Buffer, source: string) {
  await page.goto("/credentials/import");
  await page.getByLabel("Format").selectOption("leash-csv");
  await page.getByLabel("Source name").fill(source);
  await page.getByLabel("File", { exact: true }).setInputFiles({ name, mimeType: "text/csv", buffer });
  await page.getByRole("button", { name: "Preview" }).click();
}

async function search(page: Page, text: string) {
  await page.goto("/credentials");
  await page.getByLabel("Search").fill(text);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${text}`));
}

test.describe("admin imports credentials", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("previews and imports a Leash CSV, then sees the run report", async ({ page }) => {
    await chooseFile(page, `inventory-${suffix}.csv`, goodFile, `e2e-${suffix}`);
    await expect(page.getByTestId("preview-row")).toHaveCount(2);
    await expect(page.getByTestId("preview-error")).toHaveCount(0);
    await expect(page.getByRole("table", { name: "Import preview" })).toContainText(platformName);

    await page.getByRole("button", { name: "Import", exact: true }).click();
    const report = page.getByTestId("run-report");
    await expect(report).toContainText("applied");
    await expect(page.getByTestId("count-read")).toContainText("2");
    await expect(page.getByTestId("count-created")).toContainText("2");
    await expect(page.getByTestId("count-rejected")).toContainText("0");

    await page.getByRole("link", { name: "Permanent link to this report" }).click();
    await expect(page.getByRole("heading", { name: `Import of inventory-${suffix}.csv` })).toBeVisible();
    await expect(page.getByTestId("count-created")).toContainText("2");
    importRunId = page.url().split("/").at(-1)!;
  });

  test("an import naming a team Leash does not have says so; creating the team gives it the credential", async ({ page }) => {
    const team = `E2E Data ${apart}`;
    const file = csv([`${apart}-team-1,e2e-teamless-${apart},railway,api_token,etl,service,${team},owner@example.com,staging,false,never,vault,active`]);
    await chooseFile(page, `teamless-${apart}.csv`, file, `e2e-teamless-${apart}`);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(page.getByTestId("unknown-teams")).toContainText(`Teams Leash does not have: ${team} (1)`);
    await page.getByRole("link", { name: "Permanent link to this report" }).click();
    await expect(page).toHaveURL(/\/credentials\/imports\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("unknown-teams")).toContainText(team);
    const runPage = page.url();

    await page.getByTestId("unknown-teams").getByRole("link", { name: "Settings → Teams" }).click();
    await page.getByRole("button", { name: "Create team" }).click();
    const dialog = page.getByRole("dialog", { name: "Create team" });
    await dialog.getByLabel("Team name").fill(team);
    await dialog.getByRole("button", { name: "Create team" }).click();
    await expect(dialog).toBeHidden();

    await page.goto(runPage);
    await expect(page.getByTestId("run-report")).toContainText("applied");
    await expect(page.getByTestId("unknown-teams")).toHaveCount(0);
    await search(page, `e2e-teamless-${apart}`);
    await expect(page.getByRole("row").filter({ hasText: `e2e-teamless-${apart}` })).toContainText(team);
  });

  test("the run's Created count opens the credentials it created, a filter Apply keeps and Remove filter drops", async ({ page }) => {
    await page.goto(`/credentials/imports/${importRunId}`);
    await page.getByRole("link", { name: "2 created" }).click();
    await expect(page).toHaveURL(new RegExp(`createdByImport=${importRunId}`));
    await expect(page.getByTestId("linked-filter-createdByImport")).toContainText("Only the credentials created by an import run");
    await expect(page.getByTestId("credential-total")).toContainText("of 2 credentials");
    await expect(page.getByTestId("credential-row")).toHaveText([new RegExp(paymentsName), new RegExp(platformName)]);

    await page.getByRole("search", { name: "Filter credentials" }).getByLabel("Provider").selectOption("stripe");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/provider=stripe/);
    expect(new URL(page.url()).searchParams.get("createdByImport")).toBe(importRunId);
    await expect(page.getByTestId("credential-row")).toHaveText([new RegExp(paymentsName)]);

    await page.getByTestId("linked-filter-createdByImport").getByRole("button", { name: "Remove filter" }).click();
    await expect(page).not.toHaveURL(/createdByImport/);
    await expect(page.getByTestId("linked-filter-createdByImport")).toHaveCount(0);
  });

  test("a full re-import's Rows read, Unchanged and Marked missing open the credentials it listed, kept and missed", async ({ page }) => {
    const source = `e2e-sync-${apart}`;
    const kept = `${apart}-keep,e2e-kept-${apart},github,pat,ci,service,Platform,owner@example.com,staging,false,never,vault,active`;
    const dropped = `${apart}-drop,e2e-dropped-${apart},github,pat,ci,service,Platform,owner@example.com,staging,false,never,vault,active`;
    await chooseFile(page, `sync-1-${apart}.csv`, csv([kept, dropped]), source);
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(page.getByTestId("count-created")).toContainText("2");
    await chooseFile(page, `sync-2-${apart}.csv`, csv([kept]), source);
    await page.getByLabel("Full import (mark credentials missing from this file)").check();
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(page.getByTestId("count-markedMissing")).toContainText("1");
    await page.getByRole("link", { name: "Permanent link to this report" }).click();
    await expect(page).toHaveURL(/\/credentials\/imports\/[0-9a-f-]{36}$/);
    const runUrl = page.url();

    const opens = async (count: string, filter: string, name: string) => {
      await page.goto(runUrl);
      await page.getByRole("link", { name: count }).click();
      await expect(page.getByTestId(`linked-filter-${filter}`)).toBeVisible();
      await expect(page.getByTestId("credential-row")).toHaveText([new RegExp(name)]);
    };
    await opens("1 rows read", "listedByImport", `e2e-kept-${apart}`);
    await opens("1 unchanged", "unchangedByImport", `e2e-kept-${apart}`);
    await opens("1 marked missing", "markedMissingByImport", `e2e-dropped-${apart}`);
  });

  test("a file with a bad row is rejected whole, naming the line and field", async ({ page }) => {
    await chooseFile(page, `bad-${suffix}.csv`, badFile, `e2e-${suffix}`);
    await expect(page.getByTestId("preview-row")).toHaveCount(1);
    await expect(page.getByTestId("preview-error")).toContainText("kind");

    await page.getByRole("button", { name: "Import", exact: true }).click();
    const report = page.getByTestId("run-report");
    await expect(report).toContainText("rejected");
    await expect(report).toContainText("Nothing was imported");
    const rejected = page.getByTestId("rejected-row");
    await expect(rejected).toHaveCount(1);
    await expect(rejected.locator("td").nth(0)).toHaveText("3");
    await expect(rejected.locator("td").nth(1)).toHaveText("kind");
    await expect(page.getByTestId("count-created")).toContainText("0");

    // The valid row of the rejected file was not imported either.
    await search(page, `e2e-never-imported-${suffix}`);
    await expect(page.getByTestId("credential-total")).toHaveText("No credentials");
  });
});

test.describe("engineer works on their team's credential", () => {
  test.use({ storageState: storageStatePath("engineer") });

  test("a shared link to the admin's run's created credentials lists only their team's", async ({ page }) => {
    await page.goto(`/credentials?createdByImport=${importRunId}`);
    await expect(page.getByTestId("credential-total")).toHaveText("1 credential");
    await expect(page.getByTestId("credential-row")).toHaveText([new RegExp(platformName)]);
  });

  test("filters, opens, edits environments and sees the new version", async ({ page }) => {
    await search(page, `e2e-`);
    await page.getByLabel("Search").fill(suffix);
    await page.getByLabel("Environment", { exact: true }).selectOption("production");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/environment=production/);
    // The Payments credential of the same import is another team's: not listed.
    const rows = page.getByTestId("credential-row");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(platformName);
    await expect(rows.first()).toContainText("agent: yes");
    await expect(rows.first()).toContainText("never");

    await rows.first().getByRole("link", { name: platformName }).click();
    await expect(page.getByRole("heading", { level: 1, name: platformName })).toBeVisible();
    await expect(page.getByTestId("ttl")).toContainText("Never expires");
    await expect(page.getByTestId("stated-fields")).toContainText(`source: e2e-${suffix}`);
    await expect(page.getByTestId("history-version")).toHaveCount(1);

    await page.getByRole("button", { name: "Edit" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit credential" });
    await dialog.getByRole("checkbox", { name: "staging" }).check();
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await expect(dialog).toBeHidden();

    const envRow = page.locator('[data-field="environments"]');
    await expect(envRow).toContainText("staging");
    await expect(envRow).toContainText("set by a person");
    const versions = page.getByTestId("history-version");
    await expect(versions).toHaveCount(2);
    await expect(versions.first()).toContainText("Version 2");
    await expect(versions.first()).toContainText(accounts.engineer.email);
    await expect(versions.first().getByTestId("changed-fields")).toHaveText("Changed: Environments");

    // The engineer owns this credential and the server would refuse their sign-off: no button, the reason instead.
    await expect(page.getByTestId("review-sign-off-refused")).toContainText("Someone other than the owner signs off");
    await expect(page.getByRole("button", { name: "Sign off review" })).toHaveCount(0);
  });
});

test.describe("auditor reads without mutation controls", () => {
  test.use({ storageState: storageStatePath("auditor") });

  test("sees the table and the detail, but no Import or Edit", async ({ page }) => {
    await search(page, suffix);
    await expect(page.getByTestId("credential-row")).toHaveCount(2);
    await expect(page.getByRole("link", { name: "Export CSV" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Import", exact: true })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /import/i })).toHaveCount(0);

    await page.getByRole("link", { name: paymentsName }).click();
    await expect(page.getByRole("heading", { level: 1, name: paymentsName })).toBeVisible();
    await expect(page.getByTestId("history-version")).toHaveCount(1);
    await expect(page.getByRole("button", { name: /edit|sign off|save/i })).toHaveCount(0);

    const response = await page.goto("/credentials/import");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Back to Credentials" })).toBeVisible();
    // The tab names the not-found page, not the import page that gave up.
    await expect(page).toHaveTitle("Not found · Leash");
  });
});

test.describe("engineer of another team", () => {
  test.use({ storageState: storageStatePath("engineerPayments") });

  test("a Platform credential's page is not found, with the way back to the inventory", async ({ page, baseURL }) => {
    const { credential } = await demoIds(baseURL!);
    const response = await page.goto(`/credentials/${credential}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await page.getByRole("link", { name: "Back to Credentials" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Credentials" })).toBeVisible();
  });
});
