import { expect, test } from "@playwright/test";
import { storageStatePath } from "./support/accounts";

// Links people share, bookmark and edit by hand: a filter the server would refuse (a NUL character, a day that is
// not in the calendar, a cursor from another list or an old release) is dropped, and the page shows its view
// rather than an error page.
test.use({ storageState: storageStatePath("admin") });

const links: [string, string, string][] = [
  ["credentials: NUL in the search", "/credentials?q=%00&provider=%00", "Credentials"],
  ["credentials: a cursor that was never issued", "/credentials?cursor=not-a-cursor&prev=~", "Credentials"],
  ["findings: a cursor that was never issued", "/findings?cursor=..%2F..&severity=critical", "Findings"],
  ["findings: NUL in the search", "/findings?q=%00", "Findings"],
  ["activity: February 31st", "/activity?from=2026-02-31&to=2026-02-31", "Activity"],
  ["activity: NUL in the search and agent", "/activity?q=%00&agent=%00", "Activity"],
  ["scans: NUL as a secret kind", "/scans?kind=%00", "Scans"],
  ["control population: a cursor that was never issued", "/controls/soc2/CC6.1?cursor=garbage&result=fail", "CC6.1"],
];

for (const [name, url, heading] of links) {
  test(name, async ({ page }) => {
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: new RegExp(heading) })).toBeVisible();
    await expect(page.getByText("Something went wrong")).toHaveCount(0);
  });
}

test("an address no page has answers 404 with the way back to the overview", async ({ page }) => {
  const response = await page.goto("/finding/not-a-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page).toHaveTitle("Page not found · Leash");
  await page.getByRole("link", { name: "Go to the overview" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
});

test("a framework's own address, a control's with the control trimmed, opens that framework's controls", async ({ page }) => {
  await page.goto("/controls/pci?as_of=2026-11-01T00:00:00.000Z");
  await expect(page).toHaveURL(/\/controls\?framework=pci-dss-4\.0\.1&as_of=2026-11-01T00%3A00%3A00\.000Z$/);
  await expect(page.getByRole("heading", { level: 1, name: "Controls" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Framework" }).getByRole("link", { name: "PCI DSS v4.0.1" })).toHaveAttribute("aria-current", "page");
});

test("the refused filter is not shown as applied", async ({ page }) => {
  await page.goto("/activity?from=2026-02-31&to=2026-03-01");
  const filters = page.getByRole("search", { name: "Filter activity" });
  await expect(filters.getByLabel("From (UTC)")).toHaveValue("");
  await expect(filters.getByLabel("To (UTC)")).toHaveValue("2026-03-01");
});

test("a refused cursor starts the list again at its first page", async ({ page }) => {
  await page.goto("/findings?cursor=not-a-cursor");
  await expect(page.getByTestId("finding-total")).toContainText(/\d+ findings?/);
  await expect(page.getByTestId("finding-row").first()).toBeVisible();
  // On the first page there is no way back.
  await expect(page.getByRole("link", { name: /first page|previous/i })).toHaveCount(0);
});
