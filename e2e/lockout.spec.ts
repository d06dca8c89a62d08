import { expect, test } from "@playwright/test";
import type { UserDto } from "@/lib/domain/identity";
import { uniqueSuffix } from "./support/accounts";
import { apiAs, expectJson } from "./support/api";
import { alertWithText } from "./support/sign-in";

// A dedicated account, so locking it leaves the demo users usable for the other journeys.
const suffix = uniqueSuffix();
const email = `lockout-${suffix}@e2e.leash.dev`;
const password = `correct-horse-${suffix}`;

test.describe("lock-out after repeated failures", () => {
  test.describe.configure({ mode: "serial" });

  test.beforeAll(async ({ baseURL }) => {
    const admin = await apiAs("admin", baseURL!);
    const created = await expectJson<UserDto>(
      await admin.post("/api/v1/users", { data: { email, name: "Lockout Target", role: "engineer", password } }),
      201,
    );
    expect(created.email).toBe(email);
    await admin.dispose();
  });

  test("five wrong passwords lock the account, even against the right password", async ({ page }) => {
    await page.goto("/signin");
    const attempt = async (secret: string) => {
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(secret);
      await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/signin"),
        page.getByRole("button", { name: "Sign in", exact: true }).click(),
      ]);
      // The reply arrives before React commits it: until then the form is pending and not yet reset, and a
      // password typed meanwhile would be wiped by that reset, leaving the next click nothing to submit.
      await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
      await expect(page.getByLabel("Password")).toHaveValue("");
    };

    for (let i = 1; i <= 4; i++) {
      await attempt(`wrong-password-${i}`);
      await expect(alertWithText(page, "Wrong email or password.")).toBeVisible();
    }
    // The fifth failure is the one that locks the account.
    await attempt("wrong-password-5");
    await expect(alertWithText(page, /Too many/)).toBeVisible();

    // The correct password is refused while the lock holds, with a message that says why.
    await attempt(password);
    await expect(alertWithText(page, /Too many/)).toBeVisible();
    await expect(page).toHaveURL(/\/signin/);
    await expect(page.getByTestId("signed-in-user")).toHaveCount(0);
  });

  test("every refused attempt is in the audit log", async ({ baseURL }) => {
    const admin = await apiAs("admin", baseURL!);
    const { entries } = await expectJson<{ entries: { actorLabel: string; outcome: string; action: string }[] }>(
      await admin.get(`/api/v1/audit?action=auth.sign_in&actor=${encodeURIComponent(email)}&limit=50`),
      200,
    );
    await admin.dispose();
    expect(entries.every((e) => e.actorLabel === email)).toBe(true);
    expect(entries.filter((e) => e.outcome === "failure")).toHaveLength(5);
    expect(entries.filter((e) => e.outcome === "denied")).toHaveLength(1);
    expect(entries.filter((e) => e.outcome === "success")).toHaveLength(0);
  });
});
