import { expect, test, type Page } from "@playwright/test";
import { storageStatePath } from "./support/accounts";

// A page that gives up on its subject (an unknown id, another team's, a framework Leash does not have) names the
// not-found page in the browser tab, whether it was opened by address or reached inside the app, where the page
// that gave up had left its own title ("Credential · Leash") on the tab.
test.use({ storageState: storageStatePath("admin") });

const UNKNOWN = "00000000-0000-4000-8000-000000000000";

const subjects: { name: string; from: string; to: string; heading: string }[] = [
  { name: "an unknown credential", from: "/credentials", to: `/credentials/${UNKNOWN}`, heading: "Not found" },
  { name: "an unknown finding", from: "/findings", to: `/findings/${UNKNOWN}`, heading: "Finding not found" },
  { name: "an unknown activity event", from: "/activity", to: "/activity/events/999999999999", heading: "Not found" },
  { name: "a control of an unknown framework", from: "/controls", to: "/controls/no-such-framework/CC6.1", heading: "Not found" },
];

/** Navigates inside the app, as a link or a router push would, without loading the document again. */
async function navigateInApp(page: Page, href: string): Promise<void> {
  await page.evaluate((to) => {
    (window as unknown as { next: { router: { push: (href: string) => void } } }).next.router.push(to);
  }, href);
}

for (const { name, from, to, heading } of subjects) {
  test(`${name}: the tab says not found, by address and inside the app`, async ({ page }) => {
    const response = await page.goto(to);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: heading })).toBeVisible();
    await expect(page).toHaveTitle(`${heading} · Leash`);

    await page.goto(from);
    await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
    // A page that shows its subject names itself, as every page does.
    await expect(page).toHaveTitle(/^(Credentials|Findings|Activity|Controls) · Leash$/);
    const marker = await page.evaluate(() => ((window as unknown as { inAppMarker: number }).inAppMarker = Date.now()));
    await navigateInApp(page, to);
    await expect(page.getByRole("heading", { name: heading })).toBeVisible();
    await expect(page).toHaveTitle(`${heading} · Leash`);
    // Still the same document: the navigation was the app's, not a page load.
    expect(await page.evaluate(() => (window as unknown as { inAppMarker?: number }).inAppMarker)).toBe(marker);
  });
}
