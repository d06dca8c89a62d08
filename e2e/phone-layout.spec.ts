import { expect, test, type Page } from "@playwright/test";
import type { ImportRunDto } from "@/lib/domain/credential-query";
import { storageStatePath } from "./support/accounts";
import { apiAs, expectJson } from "./support/api";

// A security lead checks Leash from a phone: pages fit the window (no sideways scrolling of the whole page; wide
// tables scroll inside their own box) and a form's fields keep a usable width.
test.use({ storageState: storageStatePath("admin"), viewport: { width: 390, height: 844 } });

async function pageOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test("the main navigation leaves the page its first screen: the heading is in its top half", async ({ page }) => {
  await page.goto("/overview");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveCount(8);
  const heading = await page.getByRole("heading", { level: 1, name: "Overview" }).boundingBox();
  expect(heading!.y).toBeLessThan(844 / 2);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeInViewport();
});

test("an area's four tabs fit on a phone", async ({ page }) => {
  await page.goto("/activity");
  await expect(page.getByRole("navigation", { name: "Activity sections" }).getByRole("link")).toHaveCount(4);
  expect(await pageOverflow(page)).toBe(0);
});

test("an environment pattern's fields stack on a phone, the pattern as wide as the row", async ({ page }) => {
  await page.goto("/activity/environments");
  await page.getByRole("button", { name: "Add pattern" }).click();
  const pattern = page.getByTestId("environment-rule").last().getByRole("textbox");
  await expect(pattern).toBeVisible();
  expect((await pattern.boundingBox())!.width).toBeGreaterThanOrEqual(200);
  expect(await pageOverflow(page)).toBe(0);
});

test("an import run's file hash wraps on a phone", async ({ page, baseURL }) => {
  const admin = await apiAs("admin", baseURL!);
  const { runs } = await expectJson<{ runs: ImportRunDto[] }>(await admin.get("/api/v1/imports"), 200);
  await admin.dispose();
  const run = runs.find((r) => r.fileSha256);
  expect(run, "the demo seed holds an import run of a file").toBeDefined();
  await page.goto(`/credentials/imports/${run!.id}`);
  await expect(page.getByText(`sha256 ${run!.fileSha256}`)).toBeVisible();
  expect(await pageOverflow(page)).toBe(0);
});
