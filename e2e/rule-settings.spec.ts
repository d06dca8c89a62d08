import { expect, test } from "@playwright/test";
import { storageStatePath } from "./support/accounts";

// Rule parameters are instance-wide: this journey changes only the low-severity SLA, which no other spec reads.
test.describe.configure({ mode: "serial" });

test.describe("rule parameters as the admin", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("a bad value is named next to its input; a good one becomes a new version and is audited", async ({ page }) => {
    await page.goto("/settings/rules");
    const low = page.getByRole("group", { name: /Finding SLAs/ }).getByLabel("Low");
    const before = Number(await low.inputValue());
    await low.fill("400");
    await page.getByRole("button", { name: "Save parameters" }).click();
    await expect(page.getByRole("group", { name: /Finding SLAs/ })).toContainText(/365/);
    await low.fill(String(before === 90 ? 91 : 90));
    await page.getByRole("button", { name: "Save parameters" }).click();
    await expect(page.getByText(/Parameters saved as version \d+/)).toBeVisible();
    await page.goto("/settings/audit");
    await expect(page.getByText("settings.rule_parameters").first()).toBeVisible();
  });

  test("the agent-runtime list can replace the built-in one, and a bad line is named", async ({ page }) => {
    await page.goto("/settings/rules");
    const runtimes = page.getByRole("group", { name: /Agent runtimes/ });
    await runtimes.getByLabel("Replace the built-in list").check();
    const text = runtimes.getByLabel(/Runtimes, one per line/);
    await text.fill(`${await text.inputValue()}\nacme-bot | Acme Bot | robot`);
    await page.getByRole("button", { name: "Save parameters" }).click();
    await expect(runtimes).toContainText(/kind must be one of/);
    await runtimes.getByLabel("Replace the built-in list").uncheck();
    await page.getByRole("button", { name: "Discard changes" }).click();
  });
});

test.describe("rule parameters as the auditor", () => {
  test.use({ storageState: storageStatePath("auditor") });

  test("reads every parameter and the evaluation runs, changes nothing", async ({ page }) => {
    await page.goto("/settings/rules");
    await expect(page.getByText("R04").first()).toBeVisible();
    // The default critical SLA is one day, and reads so.
    const slas = page.getByRole("group", { name: /Finding SLAs/ });
    await expect(slas.getByText("1 day", { exact: true })).toBeVisible();
    await expect(slas.getByText("1 days", { exact: true })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Save parameters" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Run full evaluation" })).toHaveCount(0);
    // The latest runs with their scope (the seed's own has left the list of 20 once the suite's imports, ingests and
    // scans have each been evaluated).
    await expect(page.getByTestId(/^evaluation-run-/).first()).toContainText(/full|incremental/);
  });
});
