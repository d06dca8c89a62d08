import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectFocusIndicator, settled, tabTo } from "./support/a11y";
import { storageStatePath } from "./support/accounts";
import { demoIds } from "./support/demo-ids";

// Tab, Shift+Tab, Enter, Space and Escape only (page.goto stands for the address bar): the main navigation, the
// credentials table and its filters, the findings queue and the dialogs, each with a visible focus indicator.

/** Focus is inside the element (a dialog, a landmark). */
const holdsFocus = (container: Locator) => container.evaluate((el) => el.contains(document.activeElement));

/** From a fresh page: Tab to the skip link, follow it, and land on the first control of the page itself. */
async function skipToContent(page: Page) {
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await expectFocusIndicator(page);
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  expect(await holdsFocus(page.getByRole("main")), "the skip link moves focus past the sidebar").toBe(true);
}

test.describe("keyboard only, as admin", () => {
  test.use({ storageState: storageStatePath("admin") });
  // Every step is a real key press and a focus check: on a busy machine that outlasts a click journey's budget.
  test.describe.configure({ timeout: 180_000 });

  test("skips to content and opens a page from the main navigation", async ({ page }) => {
    await page.goto("/overview");
    await settled(page);
    await skipToContent(page);
    const credentials = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Credentials" });
    await tabTo(page, credentials, { backwards: true });
    await expectFocusIndicator(page);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/credentials$/);
    await expect(credentials).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("heading", { name: "Credentials", level: 1 })).toBeVisible();
  });

  test("hides a column and sorts the credentials table; the sort button keeps focus", async ({ page }) => {
    await page.goto("/credentials?limit=25");
    await settled(page);
    await skipToContent(page);
    const table = page.getByRole("table", { name: "Credentials" });
    const columns = page.getByText("Columns", { exact: true });
    await tabTo(page, columns);
    await expectFocusIndicator(page);
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("checkbox", { name: "Provider" })).toBeFocused();
    await page.keyboard.press("Space");
    await expect(table.getByRole("columnheader", { name: "Provider" })).toHaveCount(0);
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("checkbox", { name: "Provider" })).toBeHidden();

    const expiry = table.getByRole("button", { name: "Expiry" });
    await tabTo(page, expiry);
    await expectFocusIndicator(page);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/sort=expires_at/);
    await expect(page).toHaveURL(/order=asc/);
    await expect(table.getByRole("columnheader", { name: "Expiry" })).toHaveAttribute("aria-sort", "ascending");
    await expect(expiry).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/order=desc/);
    await expect(table.getByRole("columnheader", { name: "Expiry" })).toHaveAttribute("aria-sort", "descending");
  });

  test("pages the credentials table from its pager, the last controls of the page", async ({ page }) => {
    await page.goto("/credentials?limit=25");
    await settled(page);
    const pages = page.getByRole("navigation", { name: "Pages" });
    // Shift+Tab from the top of the document wraps to its end: the pager.
    await tabTo(page, pages.getByRole("link", { name: "Next" }), { backwards: true, max: 5 });
    await expectFocusIndicator(page);
    await page.keyboard.press("Enter");
    await expect(pages.getByText("Page 2")).toBeVisible();
    await expect(page.getByTestId("credential-total")).toContainText("26–50 of");
    await tabTo(page, pages.getByRole("link", { name: "Previous" }), { backwards: true, max: 5 });
    await page.keyboard.press("Enter");
    await expect(pages.getByText("Page 1")).toBeVisible();
    await expect(page.getByTestId("credential-total")).toContainText("1–25 of");
  });

  test("filters the credentials: types a search, picks an environment by typing, submits with Enter", async ({ page }) => {
    await page.goto("/credentials");
    await settled(page);
    await skipToContent(page);
    const filters = page.getByRole("search", { name: "Filter credentials" });
    const search = filters.getByLabel("Search");
    await tabTo(page, search);
    await expectFocusIndicator(page);
    await page.keyboard.type("Railway");
    await tabTo(page, filters.getByLabel("Environment", { exact: true }));
    await expectFocusIndicator(page);
    await page.keyboard.type("production");
    await tabTo(page, search, { backwards: true });
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/environment=production/);
    await expect(page).toHaveURL(/q=Railway/);
    const rows = page.getByTestId("credential-row");
    await expect(rows.first()).toBeVisible();
    for (const text of await rows.allInnerTexts()) {
      expect(text.toLowerCase()).toContain("railway");
      expect(text).toContain("production");
    }
  });

  test("filters the findings queue with Space on Apply and selects a row", async ({ page }) => {
    await page.goto("/findings");
    await settled(page);
    await skipToContent(page);
    const filters = page.getByRole("search", { name: "Filter findings" });
    await tabTo(page, filters.getByLabel("Severity"));
    await page.keyboard.type("critical");
    await tabTo(page, filters.getByRole("button", { name: "Apply" }));
    await expectFocusIndicator(page);
    await page.keyboard.press("Space");
    await expect(page).toHaveURL(/severity=critical/);
    const rows = page.getByTestId("finding-row");
    await expect.poll(async () => (await rows.allInnerTexts()).every((text) => text.includes("critical"))).toBe(true);

    await tabTo(page, rows.first().getByRole("checkbox"));
    await expectFocusIndicator(page);
    await page.keyboard.press("Space");
    await expect(page.getByRole("region", { name: "Bulk actions" }).getByTestId("selected-count")).toHaveText("1 finding selected");
  });

  test("opens a dialog with Enter or Space, keeps focus inside it, and Escape returns focus to the trigger", async ({ page, baseURL }) => {
    const ids = await demoIds(baseURL!);
    for (const [url, name, key] of [
      [`/credentials/${ids.credential}`, "Edit", "Enter"],
      ["/activity/approvals", "Record approval", "Space"],
    ] as const) {
      await page.goto(url);
      await settled(page);
      await skipToContent(page);
      const trigger = page.getByRole("main").getByRole("button", { name, exact: true });
      await tabTo(page, trigger);
      await expectFocusIndicator(page);
      await page.keyboard.press(key);
      const dialog = page.getByRole("dialog");
      await expect(dialog).toBeVisible();
      await expect.poll(() => holdsFocus(dialog)).toBe(true);
      await expectFocusIndicator(page);
      for (const step of ["Tab", "Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab"]) {
        await page.keyboard.press(step);
        expect(await holdsFocus(dialog), `focus stays in the dialog after ${step}`).toBe(true);
      }
      await page.keyboard.press("Escape");
      await expect(dialog).toHaveCount(0);
      await expect(trigger).toBeFocused();
    }
  });
});
