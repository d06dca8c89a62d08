import { expect, test } from "@playwright/test";
import type { UserDto } from "@/lib/domain/identity";
import { uniqueSuffix } from "./support/accounts";
import { apiAs, expectJson } from "./support/api";
import { signIn } from "./support/sign-in";

const suffix = uniqueSuffix();
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
// A window that is over: the nine seconds (two to three days ago in the demo) fall inside it.
const scope = { framework: "pci-dss-4.0.1", from: day(-12), to: day(-1) };
const auditor = { email: `scoped-auditor-${suffix}@e2e.leash.dev`, name: `Scoped Auditor ${suffix}`, password: `scoped-pass-${suffix}` };
const words = `PCI DSS v4.0.1, ${scope.from} to ${scope.to} (UTC)`;

test.describe("an auditor limited to PCI DSS and an audit window", () => {
  test.beforeAll(async ({ baseURL }) => {
    const admin = await apiAs("admin", baseURL!);
    const created = await expectJson<UserDto>(await admin.post("/api/v1/users", { data: { ...auditor, role: "auditor", auditScope: scope } }), 201);
    expect(created.auditScope).toEqual(scope);
  });

  test.beforeEach(async ({ page }) => {
    await signIn(page, auditor.email, auditor.password);
  });

  test("every page says so, and the pages show only that framework as of the window's end", async ({ page }) => {
    for (const path of ["/overview", "/credentials", "/findings", "/activity", "/controls", "/evidence"]) {
      await page.goto(path);
      await expect(page.getByRole("complementary", { name: "Audit scope" }), path).toContainText(`Your audit scope: ${words}.`);
    }

    await page.goto("/overview");
    await expect(page.getByRole("region", { name: "Framework scores" }).getByRole("link")).toHaveCount(1);
    await expect(page.getByRole("region", { name: "Framework scores" })).toContainText(`as of the end of your audit window (${scope.to} 23:59 UTC)`);
    // The trend stops at the window's last day, which is not today.
    await expect(page.getByTestId("trend-summary")).toContainText(new RegExp(`PCI DSS v4\\.0\\.1 \\d+% on ${scope.to}`));

    await page.goto("/controls");
    const picker = page.getByRole("navigation", { name: "Framework" });
    await expect(picker.getByRole("link")).toHaveCount(1);
    await expect(picker.getByRole("link", { name: "PCI DSS v4.0.1" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByText(`${scope.to} 23:59 UTC`).first()).toBeVisible();

    // The Type II view opens on the window, every day of it.
    await page.goto("/controls/period");
    await expect(page.getByRole("table", { name: `Control status per day, ${scope.from} to ${scope.to}` })).toBeVisible();

    await page.goto("/evidence");
    const framework = page.getByLabel("Framework");
    await expect(framework.getByRole("option")).toHaveCount(1);
    await expect(framework).toHaveValue("pci-dss-4.0.1");
    await expect(page.getByText(`Empty = the end of your audit window, ${scope.to} 23:59 UTC.`)).toBeVisible();
  });

  test("another framework or an instant outside the window is refused with the scope named, and a way back", async ({ page }) => {
    await page.goto("/controls?framework=soc2");
    const refusal = page.getByRole("status").filter({ hasText: "Outside your audit scope" });
    await expect(refusal).toContainText(`your access is limited to ${words}`);
    await refusal.getByRole("link", { name: "Open the controls of your audit scope" }).click();
    await expect(page).toHaveURL(/\/controls\?framework=pci-dss-4\.0\.1$/);

    await page.goto(`/controls/pci-dss-4.0.1/7.2.2?as_of=${day(-20)}T12%3A00%3A00.000Z`);
    await expect(page.getByRole("status").filter({ hasText: "Outside your audit scope" })).toContainText("is outside your audit window");

    const api = page.request;
    expect((await api.get("/api/v1/posture?framework=soc2")).status()).toBe(403);
    const own = await expectJson<{ as_of: string }>(await api.get("/api/v1/posture?framework=pci"), 200);
    expect(own.as_of).toBe(`${scope.to}T23:59:59.999Z`);
  });
});
