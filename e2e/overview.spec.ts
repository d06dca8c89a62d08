import { expect, test } from "@playwright/test";
import { storageStatePath } from "./support/accounts";

test.describe("overview", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("the PocketOS token leads the blast radius as a nine-second credential, and drills down to its page", async ({ page }) => {
    await page.goto("/overview");
    const table = page.getByRole("table", { name: "Agent blast radius" });
    const first = table.getByRole("row").nth(1);
    await expect(first).toContainText("Railway API token");
    await expect(first).toContainText("nine-second");
    await expect(first).toContainText("its secret sits in 1 place(s) agents read");
    await first.getByRole("link").click();
    await expect(page).toHaveURL(/\/credentials\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Railway API token");
  });

  test("each number drills down to the list behind it", async ({ page }) => {
    await page.goto("/overview");
    await page.getByRole("link", { name: /Unapproved destructive agent operations/ }).click();
    await expect(page).toHaveURL(/\/activity\?unapproved=true&from=\d{4}-\d{2}-\d{2}$/);
    await expect(page.getByLabel("Unapproved")).toHaveValue("true");
    await expect(page.getByText("volumeDelete").first()).toBeVisible();

    // A credential count is the total of the list it links to: the credentials neither revoked nor expired.
    await page.goto("/overview");
    const tile = page.getByRole("link", { name: /Valid credentials agents can use/ });
    const count = (await tile.innerText()).match(/[\d,]+/)![0]!;
    await tile.click();
    await expect(page).toHaveURL(/agentAccessible=true&status=active%2Cdisabled%2Cunknown|agentAccessible=true&status=active,disabled,unknown/);
    await expect(page.getByTestId("credential-total")).toContainText(`of ${count} credentials`);
  });

  test("the blast-radius counts open the ranked list they total", async ({ page }) => {
    await page.goto("/overview");
    const section = page.getByRole("region", { name: "Agent blast radius" });
    const all = section.getByRole("link", { name: /^[\d,]+ credentials?$/ });
    const count = (await all.innerText()).match(/[\d,]+/)![0]!;
    const nineSecond = (await section.getByRole("link", { name: /of them nine-second/ }).innerText()).match(/[\d,]+/)![0]!;
    await all.click();
    await expect(page).toHaveURL(/\/overview\/blast-radius$/);
    await expect(page.getByTestId("blast-total")).toContainText(`${count} credential`);
    await expect(page.getByTestId("blast-total")).toContainText(`${nineSecond} of them nine-second`);
    const rows = page.getByRole("table", { name: "Agent blast radius" }).getByRole("row");
    await expect(rows).toHaveCount(Number(count.replace(/,/g, "")) + 1);
    await expect(rows.nth(1)).toContainText("Railway API token");
    await page.getByRole("link", { name: "nine-second only" }).click();
    await expect(rows).toHaveCount(Number(nineSecond.replace(/,/g, "")) + 1);
    for (const row of (await rows.all()).slice(1)) await expect(row).toContainText("nine-second");
  });

  test.describe("as the Payments engineer", () => {
    test.use({ storageState: storageStatePath("engineerPayments") });
    test("sees only their teams' numbers: not the Platform team's Railway token", async ({ page }) => {
      await page.goto("/overview");
      await expect(page.getByText("your teams: Payments")).toBeVisible();
      await expect(page.getByRole("table", { name: "Agent blast radius" })).not.toContainText("Railway API token");
    });
  });
});
