import { expect, test as setup } from "@playwright/test";
import { accounts, DEMO_PASSWORD, storageStatePath, type DemoRole } from "../support/accounts";
import { signIn } from "../support/sign-in";

// Sign in once per role through the real form and keep the session cookie for the journeys.
for (const role of Object.keys(accounts) as DemoRole[]) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await signIn(page, accounts[role].email, DEMO_PASSWORD);
    await expect(page.getByTestId("signed-in-user")).toContainText(accounts[role].email);
    await page.context().storageState({ path: storageStatePath(role) });
  });
}
