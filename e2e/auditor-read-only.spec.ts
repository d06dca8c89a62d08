import { expect, test, type APIResponse } from "@playwright/test";
import type { ApiErrorBody, CreatedTokenDto, TeamDto, TokenDto, UserDto } from "@/lib/domain/identity";
import { accounts, storageStatePath, uniqueSuffix } from "./support/accounts";
import { apiAs, expectJson, sameOriginHeaders } from "./support/api";

const suffix = uniqueSuffix();
const MUTATION_BUTTONS = /create|edit|deactivate|reactivate|revoke|save|delete|remove/i;
let engineerId = "";
let tokenId = "";

test.use({ storageState: storageStatePath("auditor") });

test.describe("auditor is read-only", () => {
  test.beforeAll(async ({ baseURL }) => {
    // Real targets for the refused mutations, created by an admin.
    const admin = await apiAs("admin", baseURL!);
    const { users } = await expectJson<{ users: UserDto[] }>(await admin.get("/api/v1/users"), 200);
    engineerId = users.find((u) => u.email === accounts.engineer.email)!.id;
    const token = await expectJson<CreatedTokenDto>(
      await admin.post("/api/v1/tokens", { data: { name: `auditor-target-${suffix}`, scopes: ["read"], expiresInDays: 1 } }),
      201,
    );
    tokenId = token.id;
    await admin.dispose();
  });

  for (const [path, table] of [
    ["/settings/users", "Users"],
    ["/settings/teams", "Teams"],
    ["/settings/tokens", "API tokens"],
    ["/settings/audit", "Audit log entries"],
  ] as const) {
    test(`${path} is readable and renders no mutation controls`, async ({ page }) => {
      await page.goto(path);
      await expect(page.getByRole("table", { name: table })).toBeVisible();
      await expect(page.getByRole("table", { name: table }).getByRole("row")).not.toHaveCount(1);
      await expect(page.getByRole("button", { name: MUTATION_BUTTONS })).toHaveCount(0);
      await expect(page.getByRole("dialog")).toHaveCount(0);
    });
  }

  test("the audit log filters and verifies its chain", async ({ page }) => {
    await page.goto("/settings/audit");
    const rows = page.getByTestId("audit-row");
    const matches = (text: string) => text.includes("auth.sign_in") && text.includes("success");
    // Unfiltered, the newest page holds other actions too (the token created in beforeAll, at least).
    expect((await rows.allInnerTexts()).some((text) => !matches(text))).toBe(true);

    await page.getByLabel("Action").fill("auth.sign_in");
    await page.getByLabel("Outcome").selectOption("success");
    await page.getByRole("button", { name: "Apply" }).click();
    // The previous rows stay on screen while the filtered page loads, so wait for the swap.
    await expect.poll(async () => (await rows.allInnerTexts()).every(matches)).toBe(true);
    await expect(rows).not.toHaveCount(0);
    await page.getByRole("button", { name: "Verify chain" }).click();
    await expect(page.getByTestId("verify-result")).toContainText(/Chain OK — \d+ entries verified/);
  });

  test("gets 403 from every mutating endpoint", async ({ page }) => {
    await page.goto("/settings/users");
    const headers = sameOriginHeaders(page);
    const attempts: Array<[string, Promise<APIResponse>]> = [
      [
        "POST /api/v1/users",
        page.request.post("/api/v1/users", {
          headers,
          data: { email: `auditor-made-${suffix}@e2e.leash.dev`, name: "Not Allowed", role: "admin", password: `not-allowed-${suffix}` },
        }),
      ],
      ["PATCH /api/v1/users/{id}", page.request.patch(`/api/v1/users/${engineerId}`, { headers, data: { role: "admin" } })],
      ["POST /api/v1/teams", page.request.post("/api/v1/teams", { headers, data: { name: `Auditor Team ${suffix}` } })],
      ["POST /api/v1/tokens", page.request.post("/api/v1/tokens", { headers, data: { name: `auditor-${suffix}`, scopes: ["read"], expiresInDays: 1 } })],
      ["DELETE /api/v1/tokens/{id}", page.request.delete(`/api/v1/tokens/${tokenId}`, { headers })],
    ];
    for (const [label, pending] of attempts) {
      const response = await pending;
      const body = (await response.json()) as ApiErrorBody;
      expect(response.status(), label).toBe(403);
      expect(body.error.code, label).toBe("forbidden");
      // Refused for the role, not by the cross-site check (that would pass this test for the wrong reason).
      expect(body.error.message, label).not.toMatch(/cross-site/i);
    }
  });

  test("nothing changed, and the same requests from an admin page are accepted", async ({ browser, baseURL }) => {
    const admin = await apiAs("admin", baseURL!);
    const { users } = await expectJson<{ users: UserDto[] }>(await admin.get("/api/v1/users"), 200);
    expect(users.find((u) => u.id === engineerId)?.role).toBe("engineer");
    expect(users.some((u) => u.email === `auditor-made-${suffix}@e2e.leash.dev`)).toBe(false);
    const { teams } = await expectJson<{ teams: TeamDto[] }>(await admin.get("/api/v1/teams"), 200);
    expect(teams.some((t) => t.name === `Auditor Team ${suffix}`)).toBe(false);
    const { tokens } = await expectJson<{ tokens: TokenDto[] }>(await admin.get("/api/v1/tokens"), 200);
    expect(tokens.find((t) => t.id === tokenId)?.status).toBe("active");
    expect(tokens.some((t) => t.name === `auditor-${suffix}`)).toBe(false);
    await admin.dispose();

    // Controls: an admin's page does render the buttons the auditor checks above look for, and the identical
    // page-context request succeeds for an admin, so the 403s came from the role and not from the request shape.
    const context = await browser.newContext({ baseURL, storageState: storageStatePath("admin") });
    const page = await context.newPage();
    await page.goto("/settings/users");
    await expect(page.getByRole("button", { name: MUTATION_BUTTONS }).first()).toBeVisible();
    await page.goto("/settings/teams");
    const created = await page.request.post("/api/v1/teams", { headers: sameOriginHeaders(page), data: { name: `Control Team ${suffix}` } });
    expect(created.status()).toBe(201);
    await context.close();
  });
});
