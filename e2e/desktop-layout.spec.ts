import { expect, test } from "@playwright/test";
import { storageStatePath } from "./support/accounts";

// A security lead works at a 1440 × 900 window (the project's viewport): each list's table, with its default
// columns, fits its box, so no column hides behind a sideways scroll. Columns a person adds may widen it.
test.use({ storageState: storageStatePath("admin"), viewport: { width: 1440, height: 900 } });

const tables: [path: string, label: string][] = [
  ["/credentials", "Credentials"],
  ["/activity", "Flagged events"],
  ["/activity", "Activity timeline"],
  ["/activity/approvals", "Approvals"],
  ["/credentials/imports", "Import runs"],
  ["/settings/rules", "Evaluation runs"],
];

for (const [path, label] of tables) {
  test(`the ${label} table fits its box at 1440 px (${path})`, async ({ page }) => {
    await page.goto(path);
    const table = page.getByRole("table", { name: label });
    await expect(table.locator("tbody tr").first()).toBeVisible();
    const { table: wide, box } = await table.evaluate((t) => ({ table: t.scrollWidth, box: t.parentElement!.clientWidth }));
    expect(wide, `${label}: table ${wide} px in a ${box} px box`).toBeLessThanOrEqual(box);
  });
}

test("a column hidden by default is one pick away in the credentials table", async ({ page }) => {
  await page.goto("/credentials");
  const table = page.getByRole("table", { name: "Credentials" });
  await expect(table.getByRole("columnheader", { name: "Principal" })).toHaveCount(0);
  await page.getByText("Columns", { exact: true }).click();
  await page.getByRole("checkbox", { name: "Principal" }).check();
  await expect(table.getByRole("columnheader", { name: "Principal" })).toBeVisible();
});
