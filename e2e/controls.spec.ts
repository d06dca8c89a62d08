import { expect, test } from "@playwright/test";
import { storageStatePath } from "./support/accounts";

const BEFORE_THE_DATA = "2020-01-01T00:00";
const BEFORE_THE_DATA_PARAM = /as_of=2020-01-01T00%3A00%3A00\.000Z/;

test.describe("auditor reviews controls", () => {
  test.use({ storageState: storageStatePath("auditor") });

  test("from the SOC 2 card to CC6.1's failing Railway token, then back to an instant before the data existed", async ({ page }) => {
    await page.goto("/overview");
    const soc2Card = page.getByRole("region", { name: "Framework scores" }).getByRole("link", { name: /^SOC 2/ });
    await expect(soc2Card).toContainText(/\d+%/);
    await expect(soc2Card).toContainText(/[1-6] of 6 controls not effective/);
    await soc2Card.click();

    await expect(page).toHaveURL(/\/controls\?framework=soc2$/);
    await expect(page.getByRole("heading", { name: "Controls", level: 1 })).toBeVisible();
    await expect(page.getByText("Rules version:")).toBeVisible();
    await expect(page.getByTestId("framework-score")).toHaveText(/^\d+%$/);
    const cc61 = page.getByTestId("control-row").filter({ has: page.getByRole("link", { name: "CC6.1", exact: true }) });
    await expect(cc61).toContainText("Not effective");
    // The score opens the population it weighs: every applicable item, unfiltered.
    await expect(cc61.getByRole("link", { name: /^\d+% score of CC6\.1$/ })).toHaveAttribute("href", "/controls/soc2/CC6.1");
    await cc61.getByRole("link", { name: "CC6.1", exact: true }).click();

    await expect(page).toHaveURL(/\/controls\/soc2\/CC6\.1$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("CC6.1");
    await expect(page.getByTestId("control-status")).toHaveText("Not effective");
    await expect(page.getByRole("table", { name: "Rules of CC6.1" })).toContainText("R12");

    // The failing items of the exposed-while-active rule: the Railway token pasted in the runbook is one of them.
    const filters = page.getByRole("search", { name: "Filter population" });
    await filters.getByLabel("Result").selectOption("fail");
    await filters.getByLabel("Rule").selectOption("R12");
    await filters.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/result=fail/);
    await expect(page).toHaveURL(/rule=R12/);
    // The header's score drops the filters: the whole population behind it.
    await expect(page.getByTestId("control-score").getByRole("link", { name: /^\d+% score of CC6\.1$/ })).toHaveAttribute("href", "/controls/soc2/CC6.1#population-title");
    const rows = page.getByTestId("population-row");
    await expect(rows.first()).toBeVisible();
    for (const text of await rows.allInnerTexts()) {
      expect(text).toContain("R12");
      expect(text).toContain("Fail");
    }
    const railway = rows.filter({ hasText: "Railway API token" });
    await expect(railway).toHaveCount(1);
    await railway.getByRole("link", { name: /^Railway API token/ }).click();
    await expect(page).toHaveURL(/\/credentials\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Railway API token");

    // Before the demo workspace existed there was nothing to test: the same view is empty.
    await page.goBack();
    await expect(page).toHaveURL(/\/controls\/soc2\/CC6\.1\?.*rule=R12/);
    const asOf = page.getByRole("form", { name: "Posture as of" });
    await asOf.getByLabel("As of (UTC)").fill(BEFORE_THE_DATA);
    await asOf.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(BEFORE_THE_DATA_PARAM);
    await expect(page).toHaveURL(/result=fail/);
    await expect(page.getByTestId("control-status")).toHaveText("Not tested");
    await expect(page.getByTestId("population-total")).toHaveText("No items (fail, R12)");
    await expect(page.getByTestId("population-row")).toHaveCount(0);

    // Resetting the filters keeps the instant.
    await filters.getByRole("button", { name: "Reset" }).click();
    await expect(page).not.toHaveURL(/rule=R12/);
    await expect(page).toHaveURL(BEFORE_THE_DATA_PARAM);
    await expect(page.getByTestId("population-total")).toHaveText("No items");

    await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link").click();
    await expect(page).toHaveURL(/\/controls\?framework=soc2&as_of=2020-01-01T00%3A00%3A00\.000Z$/);
    await expect(page.getByTestId("control-row")).toHaveCount(6);
    for (const text of await page.getByTestId("control-row").allInnerTexts()) expect(text).toContain("Not tested");
    await expect(page.getByTestId("framework-score")).toHaveText("—");

    // PCI DSS at the same instant, then now: 7.2.2 fails for the token that is agent-reachable everywhere.
    await page.getByRole("navigation", { name: "Framework" }).getByRole("link", { name: "PCI DSS v4.0.1" }).click();
    await expect(page).toHaveURL(/framework=pci-dss-4\.0\.1/);
    await expect(page).toHaveURL(BEFORE_THE_DATA_PARAM);
    const pci722 = page.getByTestId("control-row").filter({ has: page.getByRole("link", { name: "7.2.2", exact: true }) });
    await expect(pci722).toContainText("Not tested");
    await page.getByRole("form", { name: "Posture as of" }).getByRole("button", { name: "Back to now" }).click();
    await expect(page).toHaveURL(/\/controls\?framework=pci-dss-4\.0\.1$/);
    await expect(pci722).toContainText("Not effective");
  });

  test("the Type II period shows every SOC 2 control on every day, CC6.1 not effective today", async ({ page }) => {
    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10);
    await page.goto("/controls/period?framework=soc2");
    const form = page.getByRole("form", { name: "Audit period" });
    await form.getByLabel("First day (UTC)").fill(from);
    await form.getByLabel("Last day (UTC)").fill(today);
    await form.getByRole("button", { name: "Show period" }).click();
    await expect(page).toHaveURL(new RegExp(`from=${from}&to=${today}`));

    const grid = page.getByRole("table", { name: `Control status per day, ${from} to ${today}` });
    await expect(grid.getByTestId("period-row")).toHaveCount(6);
    await expect(grid.getByText("No evaluation recorded")).toHaveCount(0);
    const cc61 = grid.getByTestId("period-row").filter({ has: page.getByRole("rowheader", { name: "CC6.1" }) });
    // One "days not effective" cell and one cell per day: seven days, no gaps.
    await expect(cc61.getByRole("cell")).toHaveCount(8);
    await expect(cc61.getByRole("cell").last()).toHaveAttribute("title", new RegExp(`^CC6\\.1, ${today}: Not effective`));
    await expect(cc61.getByRole("cell").first()).not.toHaveText("0");

    // The days-not-effective count opens the list of those days, each opening the control as of that day's end.
    const failingDays = Number((await cc61.getByRole("cell").first().innerText()).match(/\d+/)![0]);
    await cc61.getByRole("link", { name: /days CC6\.1 was not effective$/ }).click();
    await expect(page).toHaveURL(new RegExp(`from=${from}&to=${today}&control=CC6\\.1#not-effective-days$`));
    const listed = page.getByTestId("not-effective-days").getByRole("listitem");
    await expect(listed).toHaveCount(failingDays);
    await expect(listed.last().getByRole("link", { name: `${today} CC6.1 population` })).toHaveAttribute("href", "/controls/soc2/CC6.1");
    await expect(listed.first().getByRole("link", { name: "SOC 2 that day" })).toHaveAttribute("href", /^\/controls\?framework=soc2(&as_of=.*)?$/);

    // A past day's cell opens the control's population as it stood at the end of that day; today's opens it now.
    await expect(cc61.getByRole("link", { name: new RegExp(`^CC6\\.1, ${today}:`) })).toHaveAttribute("href", "/controls/soc2/CC6.1");
    await cc61.getByRole("link", { name: new RegExp(`^CC6\\.1, ${from}:`) }).click();
    await expect(page).toHaveURL(new RegExp(`/controls/soc2/CC6\\.1\\?as_of=${from}T23%3A59%3A59\\.999Z$`));
    await expect(page.getByText(`As of ${from} 23:59 UTC`)).toBeVisible();
    await expect(page.getByRole("table", { name: /population/i })).toBeVisible();
  });

  test("the overview's trend, findings and activity numbers drill down", async ({ page }) => {
    await page.goto("/overview");
    const today = new Date().toISOString().slice(0, 10);
    await expect(page.getByTestId("trend-summary")).toContainText(/SOC 2 \d+% today/);
    await page.getByRole("button", { name: "90 days" }).click();
    await expect(page.getByRole("button", { name: "90 days" })).toHaveAttribute("aria-pressed", "true");
    await page.getByRole("button", { name: "Show as table" }).click();
    const trendRows = page.getByRole("table", { name: "Framework score per day" }).getByRole("row");
    await expect(trendRows.nth(1)).toContainText(today);
    // Each day's score opens the framework's controls as of that day's end; today's, as of now.
    await expect(trendRows.nth(1).getByRole("link", { name: /SOC 2 controls on/ })).toHaveAttribute("href", "/controls?framework=soc2");
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await expect(trendRows.nth(2).getByRole("link", { name: `SOC 2 controls on ${yesterday}`, exact: false })).toHaveAttribute(
      "href",
      `/controls?framework=soc2&as_of=${yesterday}T23%3A59%3A59.999Z`,
    );

    await expect(page.getByRole("region", { name: "Open findings" }).getByRole("link", { name: /open findings critical$/ })).toHaveAttribute(
      "href",
      "/findings?severity=critical",
    );
    await page.getByRole("region", { name: "Agent vs human activity" }).getByRole("link", { name: /operations by AI agents/ }).click();
    await expect(page).toHaveURL(/\/activity\?actorType=agent&from=\d{4}-\d{2}-\d{2}$/);
    await expect(page.getByRole("search", { name: "Filter activity" }).getByLabel("agent", { exact: true })).toBeChecked();
  });
});
