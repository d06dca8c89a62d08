import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { storageStatePath } from "./support/accounts";

test.use({ storageState: storageStatePath("admin"), viewport: { width: 1440, height: 900 } });

// Keeps the README's screenshot in step with the UI: it is retaken on every run of the suite.
test("overview as admin, for the README @screenshot", async ({ page }) => {
  await page.goto("/overview");
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  await expect(page.getByTestId("signed-in-role")).toHaveText("Admin");
  await page.screenshot({ path: fileURLToPath(new URL("../docs/overview.png", import.meta.url)) });
});
