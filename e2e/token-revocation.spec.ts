import { expect, test } from "@playwright/test";
import type { ApiErrorBody, MeDto } from "@/lib/domain/identity";
import { accounts, storageStatePath, uniqueSuffix } from "./support/accounts";
import { anonymousApi, expectJson } from "./support/api";

const tokenName = `revoke-me-${uniqueSuffix()}`;

test.use({ storageState: storageStatePath("admin") });

test("a token works on /api/v1/me, records its use, and gets 401 once revoked", async ({ page, baseURL }) => {
  await page.goto("/settings/tokens");
  await page.getByRole("button", { name: "Create token" }).click();
  const dialog = page.getByRole("dialog", { name: "Create API token" });
  await dialog.getByLabel("Name").fill(tokenName);
  await dialog.getByRole("checkbox", { name: /^ingest/ }).check();
  await dialog.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByRole("dialog", { name: "Token created" });
  const value = await shown.getByTestId("new-token-value").inputValue();
  await shown.getByRole("button", { name: "I have copied it" }).click();

  const row = page.getByTestId(`token-row-${tokenName}`);
  await expect(row).toContainText("Never");

  // Leash scores the token as a credential: the row opens it, and its edit dialog leaves the token's own facts alone.
  await row.getByRole("link", { name: `Credential of ${tokenName}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(tokenName);
  await expect(page.getByText("leash · from source")).toContainText("Leash API tokens");
  await page.getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("dialog", { name: "Edit credential" });
  await expect(edit.getByLabel("Agent-accessible")).toBeVisible();
  await expect(edit.getByLabel("Owner email")).toHaveCount(0);
  await edit.getByRole("button", { name: "Cancel" }).click();
  await page.goto("/settings/tokens");

  const api = await anonymousApi(baseURL!);
  const bearer = { Authorization: `Bearer ${value}` };
  const me = await expectJson<MeDto>(await api.get("/api/v1/me", { headers: bearer }), 200);
  expect(me.email).toBe(accounts.admin.email);
  expect(me.role).toBe("admin");
  expect(me.token?.name).toBe(tokenName);
  expect([...(me.token?.scopes ?? [])].sort()).toEqual(["ingest", "read"]);

  // Last use is recorded and shown.
  await page.reload();
  await expect(row).not.toContainText("Never");
  await expect(row).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);

  await row.getByRole("button", { name: `Revoke ${tokenName}` }).click();
  const confirm = page.getByRole("dialog", { name: "Revoke token?" });
  await expect(confirm).toContainText(tokenName);
  await confirm.getByRole("button", { name: "Revoke token" }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: `Revoke ${tokenName}` })).toHaveCount(0);

  const refused = await expectJson<ApiErrorBody>(await api.get("/api/v1/me", { headers: bearer }), 401);
  expect(refused.error.code).toBe("unauthenticated");
  expect(refused.error.requestId).toBeTruthy();
  await api.dispose();
});
