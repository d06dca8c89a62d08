import { expect, test } from "@playwright/test";
import { storageStatePath } from "./support/accounts";

// Every response carries the security headers; pages carry a per-request CSP nonce that Next applies to its
// scripts, so the app still runs under a policy without 'unsafe-inline' scripts.

function expectSecurityHeaders(headers: Record<string, string>): void {
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["strict-transport-security"]).toMatch(/max-age=\d+/);
}

test.describe("security headers", () => {
  test("the sign-in page: CSP with a fresh nonce per request and frame-ancestors 'none'", async ({ request }) => {
    const first = await request.get("/signin");
    const second = await request.get("/signin");
    expectSecurityHeaders(first.headers());
    const csp = first.headers()["content-security-policy"]!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    const nonce = (value: string) => value.match(/'nonce-([^']+)'/)?.[1];
    expect(nonce(csp)).toBeTruthy();
    expect(nonce(second.headers()["content-security-policy"]!)).not.toBe(nonce(csp));
  });

  test("API responses carry them too, and signed-out API calls are 401 JSON, not a redirect", async ({ request }) => {
    const response = await request.get("/api/v1/me", { maxRedirects: 0 });
    expect(response.status()).toBe(401);
    expectSecurityHeaders(response.headers());
    expect(response.headers()["x-powered-by"]).toBeUndefined();
  });

  test.describe("signed in", () => {
    test.use({ storageState: storageStatePath("admin") });
    test("the session cookie is HttpOnly and SameSite=Lax, and the page runs under the CSP", async ({ page, context }) => {
      const violations: string[] = [];
      page.on("console", (m) => {
        if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
      });
      await page.goto("/overview");
      await expect(page.getByRole("navigation")).toBeVisible();
      const session = (await context.cookies()).find((c) => c.name.includes("authjs.session-token"));
      expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
      expect(violations).toEqual([]);
    });
  });
});
