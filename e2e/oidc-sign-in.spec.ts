import { expect, test } from "@playwright/test";
import { accounts } from "./support/accounts";
import { alertWithText } from "./support/sign-in";

// The suite's server runs with OIDC pointed at e2e/support/mock-oidc-provider.mjs ("Test IdP").
async function signInAtProvider(page: import("@playwright/test").Page, email: string) {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
  await expect(page.getByRole("heading", { name: "Test identity provider" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
}

test.describe("single sign-on", () => {
  test("an existing user signs in through the identity provider", async ({ page }) => {
    await signInAtProvider(page, accounts.engineerPayments.email);
    await expect(page).toHaveURL(/\/overview$/);
    await expect(page.getByTestId("signed-in-user")).toContainText(accounts.engineerPayments.email);
    await expect(page.getByTestId("signed-in-role")).toHaveText("Engineer");
  });

  test("an identity with no Leash user is refused with a message", async ({ page }) => {
    await signInAtProvider(page, "stranger@elsewhere.example");
    await expect(page).toHaveURL(/\/signin/);
    await expect(alertWithText(page, "may not sign in to Leash")).toBeVisible();
    await page.goto("/overview");
    await expect(page).toHaveURL(/\/signin/);
  });
});
