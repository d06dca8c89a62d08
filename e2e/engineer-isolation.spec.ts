import { expect, test } from "@playwright/test";
import type { ApiErrorBody, TeamDto } from "@/lib/domain/identity";
import { storageStatePath } from "./support/accounts";
import { apiAs, expectJson } from "./support/api";

let platformId = "";
let paymentsId = "";

test.use({ storageState: storageStatePath("engineer") });

test.describe("engineer sees only their own team", () => {
  test.beforeAll(async ({ baseURL }) => {
    const admin = await apiAs("admin", baseURL!);
    const { teams } = await expectJson<{ teams: TeamDto[] }>(await admin.get("/api/v1/teams"), 200);
    platformId = teams.find((t) => t.name === "Platform")!.id;
    paymentsId = teams.find((t) => t.name === "Payments")!.id;
    await admin.dispose();
  });

  test("another team's id answers 404, exactly like an id that does not exist", async ({ page }) => {
    await page.goto("/settings/profile");
    const own = await page.request.get(`/api/v1/teams/${platformId}`);
    expect(own.status()).toBe(200);
    expect(((await own.json()) as TeamDto).name).toBe("Platform");

    const other = await page.request.get(`/api/v1/teams/${paymentsId}`);
    expect(other.status()).toBe(404);
    const otherBody = (await other.json()) as ApiErrorBody;
    expect(otherBody.error.code).toBe("not_found");

    const missing = await page.request.get(`/api/v1/teams/00000000-0000-4000-8000-000000000000`);
    expect(missing.status()).toBe(404);
    expect(((await missing.json()) as ApiErrorBody).error.message).toBe(otherBody.error.message);
  });

  test("the team list holds only their own team", async ({ page }) => {
    await page.goto("/settings/profile");
    const { teams } = (await (await page.request.get("/api/v1/teams")).json()) as { teams: TeamDto[] };
    expect(teams.map((t) => t.name)).toEqual(["Platform"]);
  });

  test("Settings shows only their profile, teams and own jobs", async ({ page }) => {
    await page.goto("/settings");
    await expect(page).toHaveURL(/\/settings\/profile$/);
    const nav = page.getByRole("navigation", { name: "Settings" });
    await expect(nav.getByRole("link")).toHaveText(["Profile", "Jobs"]);
    await expect(page.getByRole("list", { name: "Your teams" })).toHaveText("Platform");

    for (const path of ["/settings/users", "/settings/teams", "/settings/tokens", "/settings/audit"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
    }
    expect((await page.request.get("/api/v1/users")).status()).toBe(403);
    expect((await page.request.get("/api/v1/audit")).status()).toBe(403);
  });
});
