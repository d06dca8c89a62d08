import { expect, test } from "@playwright/test";
import type { MeDto } from "@/lib/domain/identity";
import { storageStatePath, uniqueSuffix } from "./support/accounts";
import { anonymousApi, expectJson } from "./support/api";
import { alertWithText, signIn, submitSignIn } from "./support/sign-in";

const suffix = uniqueSuffix();
const teamName = `Edge ${suffix}`;
const engineer = { email: `new-engineer-${suffix}@e2e.leash.dev`, name: `New Engineer ${suffix}`, password: `initial-pass-${suffix}` };
const tokenName = `ci-scan-${suffix}`;

test.use({ storageState: storageStatePath("admin") });

test.describe("admin creates an engineer, a team and a token", () => {
  test.describe.configure({ mode: "serial" });

  test("creates a team", async ({ page }) => {
    await page.goto("/settings/teams");
    await page.getByRole("button", { name: "Create team" }).click();
    const dialog = page.getByRole("dialog", { name: "Create team" });
    await expect(dialog.getByLabel("Team name")).toBeFocused();
    await dialog.getByLabel("Team name").fill(teamName);
    await dialog.getByRole("button", { name: "Create team" }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByRole("row").filter({ hasText: teamName });
    await expect(row).toBeVisible();
    await expect(row.getByRole("cell").nth(2).getByRole("link")).toHaveAccessibleName(`0 members of ${teamName}`);
  });

  test("creates an engineer in that team", async ({ page }) => {
    await page.goto("/settings/users");
    await page.getByRole("button", { name: "Create user" }).click();
    const dialog = page.getByRole("dialog", { name: "Create user" });
    await dialog.getByLabel("Email").fill(engineer.email);
    await dialog.getByLabel("Name").fill(engineer.name);
    await dialog.getByLabel("Role").selectOption("engineer");
    await dialog.getByLabel("Initial password").fill(engineer.password);
    await dialog.getByRole("checkbox", { name: teamName }).check();
    await dialog.getByRole("button", { name: "Create user" }).click();
    await expect(dialog).toBeHidden();

    const row = page.getByTestId(`user-row-${engineer.email}`);
    await expect(row).toContainText(engineer.name);
    await expect(row).toContainText("Engineer");
    await expect(row).toContainText(teamName);
    await expect(row).toContainText("Active");

    await page.goto("/settings/teams");
    await expect(page.getByRole("row").filter({ hasText: teamName }).getByRole("cell").nth(2).getByRole("link")).toHaveAccessibleName(`1 member of ${teamName}`);
  });

  test("a team's member count opens Users filtered to its members, in a link that can be shared", async ({ page }) => {
    await page.goto("/settings/teams");
    await page.getByRole("link", { name: `1 member of ${teamName}` }).click();
    await expect(page).toHaveURL(/\/settings\/users\?teamId=[0-9a-f-]{36}$/);
    await expect(page.getByTestId("linked-filter-teamId")).toContainText(`Only the members of ${teamName}`);
    await expect(page.locator('[data-testid^="user-row-"]')).toHaveCount(1);
    await expect(page.getByTestId(`user-row-${engineer.email}`)).toBeVisible();

    const shared = page.url();
    await page.getByRole("button", { name: "Remove filter" }).click();
    await expect(page).toHaveURL(/\/settings\/users$/);
    await expect(page.getByTestId("user-row-admin@demo.leash.dev")).toBeVisible();
    await page.goto(shared);
    await expect(page.locator('[data-testid^="user-row-"]')).toHaveCount(1);
  });

  test("rejects a duplicate email with a message", async ({ page }) => {
    await page.goto("/settings/users");
    await page.getByRole("button", { name: "Create user" }).click();
    const dialog = page.getByRole("dialog", { name: "Create user" });
    await dialog.getByLabel("Email").fill(engineer.email);
    await dialog.getByLabel("Name").fill("Someone Else");
    await dialog.getByRole("button", { name: "Create user" }).click();
    await expect(dialog.getByText("is already in use")).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
  });

  test("the new engineer signs in and sees their team", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    await signIn(page, engineer.email, engineer.password);
    await expect(page.getByTestId("signed-in-role")).toHaveText("Engineer");
    await page.goto("/settings");
    await expect(page).toHaveURL(/\/settings\/profile$/);
    await expect(page.getByRole("list", { name: "Your teams" })).toContainText(teamName);
    await context.close();
  });

  test("creates a token acting for the engineer; it is shown once and works", async ({ page, baseURL }) => {
    await page.goto("/settings/tokens");
    await page.getByRole("button", { name: "Create token" }).click();
    const dialog = page.getByRole("dialog", { name: "Create API token" });
    await dialog.getByLabel("Name").fill(tokenName);
    await expect(dialog.getByRole("checkbox", { name: /^read/ })).toBeChecked();
    await dialog.getByLabel("Expires in (days)").fill("7");
    await dialog.getByLabel("Acts for").selectOption({ label: `${engineer.name} (${engineer.email})` });
    await dialog.getByRole("button", { name: "Create token" }).click();

    const shown = page.getByRole("dialog", { name: "Token created" });
    await expect(shown).toContainText("it will not be shown again");
    const value = await shown.getByTestId("new-token-value").inputValue();
    expect(value).toMatch(/^leash_/);
    await shown.getByRole("button", { name: "I have copied it" }).click();
    await expect(shown).toBeHidden();

    const row = page.getByTestId(`token-row-${tokenName}`);
    await expect(row).toContainText(engineer.email);
    await expect(row).toContainText("Active");
    await expect(row).toContainText(value.slice(0, 8));
    // The list never carries the full value again.
    await expect(page.getByText(value)).toHaveCount(0);

    const api = await anonymousApi(baseURL!);
    const me = await expectJson<MeDto>(await api.get("/api/v1/me", { headers: { Authorization: `Bearer ${value}` } }), 200);
    expect(me.email).toBe(engineer.email);
    expect(me.via).toBe("token");
    expect(me.token?.scopes).toEqual(["read"]);
    await api.dispose();
  });

  test("changes the engineer's role and deactivates them", async ({ page }) => {
    await page.goto("/settings/users");
    const row = page.getByTestId(`user-row-${engineer.email}`);
    await row.getByRole("button", { name: `Edit ${engineer.email}` }).click();
    const edit = page.getByRole("dialog", { name: `Edit ${engineer.email}` });
    await edit.getByLabel("Role").selectOption("auditor");
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(edit).toBeHidden();
    await expect(row).toContainText("Auditor");

    await row.getByRole("button", { name: `Deactivate ${engineer.email}` }).click();
    const confirm = page.getByRole("dialog", { name: "Deactivate user?" });
    // Cancel has focus first, so a stray Enter cannot deactivate anyone.
    await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
    await confirm.getByRole("button", { name: "Deactivate" }).click();
    await expect(confirm).toBeHidden();
    await expect(row).toContainText("Deactivated");
    await expect(row.getByRole("button", { name: `Reactivate ${engineer.email}` })).toBeVisible();
  });

  test("a deactivated user can no longer sign in", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    await submitSignIn(page, engineer.email, engineer.password);
    await expect(alertWithText(page, "Wrong email or password.")).toBeVisible();
    await expect(page).toHaveURL(/\/signin/);
    await context.close();
  });
});
