import { expect, test } from "@playwright/test";
import { accounts, DEMO_PASSWORD, type DemoRole } from "./support/accounts";
import { signIn } from "./support/sign-in";

const roleLabel: Record<string, string> = { admin: "Admin", auditor: "Auditor", engineer: "Engineer" };

test.describe("sign in and out", () => {
  for (const role of Object.keys(accounts) as DemoRole[]) {
    const account = accounts[role];

    test(`${role} signs in, sees the shell, and signs out`, async ({ page }) => {
      await signIn(page, account.email, DEMO_PASSWORD);
      await page.goto("/");
      await expect(page).toHaveURL(/\/overview$/);

      const user = page.getByTestId("signed-in-user");
      await expect(user).toContainText(account.name);
      await expect(user).toContainText(account.email);
      await expect(page.getByTestId("signed-in-role")).toHaveText(roleLabel[account.role]!);

      const nav = page.getByRole("navigation", { name: "Main" });
      for (const label of ["Overview", "Credentials", "Findings", "Scans", "Activity", "Controls", "Evidence", "Settings"]) {
        await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
      }
      await expect(nav.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
      await nav.getByRole("link", { name: "Credentials" }).click();
      await expect(page).toHaveURL(/\/credentials$/);
      await expect(nav.getByRole("link", { name: "Credentials" })).toHaveAttribute("aria-current", "page");
      await expect(nav.getByRole("link", { name: "Overview" })).not.toHaveAttribute("aria-current", "page");

      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(page).toHaveURL(/\/signin/);

      // The session is really gone: a dashboard page sends us back to sign-in.
      await page.goto("/overview");
      await expect(page).toHaveURL(/\/signin/);
      await expect(page.getByRole("heading", { name: "Sign in to Leash" })).toBeVisible();
    });
  }

  test("a signed-out visitor is sent to sign-in and returned to the page they asked for", async ({ page }) => {
    await page.goto("/settings/profile");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fsettings%2Fprofile/);
    await page.getByLabel("Email").fill(accounts.engineer.email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/settings\/profile$/);
    await expect(page.getByRole("heading", { name: "Your profile" })).toBeVisible();
  });
});

test("an off-site callbackUrl is ignored after sign-in", async ({ page }) => {
  await page.goto("/signin?callbackUrl=%2F%2Fevil.example%2Fphish");
  await page.getByLabel("Email").fill(accounts.auditor.email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/overview$/);
});
