import { expect, test } from "@playwright/test";
import { accounts } from "./support/accounts";
import { alertWithText, submitSignIn } from "./support/sign-in";

test.describe("wrong password", () => {
  test("a wrong password shows an error and does not sign in", async ({ page }) => {
    await submitSignIn(page, accounts.engineerPayments.email, "not-the-right-password");
    await expect(alertWithText(page, "Wrong email or password.")).toBeVisible();
    await expect(page).toHaveURL(/\/signin/);
    await expect(page.getByTestId("signed-in-user")).toHaveCount(0);
    // The form stays usable for another try.
    await expect(page.getByLabel("Email")).toBeEditable();
  });

  test("an unknown email gets the same message, so accounts cannot be enumerated", async ({ page }) => {
    await submitSignIn(page, "nobody-here@demo.leash.dev", "not-the-right-password");
    await expect(alertWithText(page, "Wrong email or password.")).toBeVisible();
    await expect(page).toHaveURL(/\/signin/);
  });
});
