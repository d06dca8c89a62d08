import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { storageStatePath } from "./support/accounts";
import { apiAs, expectJson } from "./support/api";

// Every response carries the security headers; pages carry a per-request CSP nonce that Next applies to its
// scripts, so the app still runs under a policy without 'unsafe-inline' scripts.

function expectSecurityHeaders(headers: Record<string, string>, where = ""): void {
  expect(headers["x-content-type-options"], where).toBe("nosniff");
  expect(headers["x-frame-options"], where).toBe("DENY");
  expect(headers["referrer-policy"], where).toBe("strict-origin-when-cross-origin");
  expect(headers["strict-transport-security"], where).toMatch(/max-age=\d+/);
}

function expectPageCsp(csp: string | undefined, where: string): void {
  expect(csp, where).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(csp, where).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'"]) expect(csp, where).toContain(directive);
}

/** Every page the app serves: app/**\/page.tsx, route groups dropped, as `/credentials/[id]`. */
function pagePaths(dir = "app"): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.posix.join(dir, name);
    if (statSync(full).isDirectory()) return pagePaths(full);
    if (name !== "page.tsx") return [];
    return [`/${path.posix.dirname(full).replace(/^app\/?/, "").split("/").filter((s) => s && !/^\(.*\)$/.test(s)).join("/")}`];
  });
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

  test.describe("every page", () => {
    test.use({ storageState: storageStatePath("admin") });
    test("each page in app/ answers with the CSP and the other headers (dynamic ones with real ids)", async ({ baseURL }) => {
      const admin = await apiAs("admin", baseURL!);
      const first = async <T>(url: string, pick: (body: never) => T) => pick(await expectJson<never>(await admin.get(url), 200));
      const ids: Record<string, string> = {
        "/activity/events/[id]": `/activity/events/${await first("/api/v1/events?limit=1", (b: { items: { id: number }[] }) => b.items[0]!.id)}`,
        "/controls/[framework]": "/controls/soc2",
        "/controls/[framework]/[control]": "/controls/soc2/CC6.1",
        "/credentials/[id]": `/credentials/${await first("/api/v1/credentials?limit=1", (b: { items: { id: string }[] }) => b.items[0]!.id)}`,
        "/credentials/imports/[id]": `/credentials/imports/${await first("/api/v1/imports", (b: { runs: { id: string }[] }) => b.runs[0]!.id)}`,
        "/findings/[id]": `/findings/${await first("/api/v1/findings?limit=1", (b: { items: { id: string }[] }) => b.items[0]!.id)}`,
        "/scans/corpora/[id]": `/scans/corpora/${await first("/api/v1/corpora", (b: { corpora: { id: string }[] }) => b.corpora[0]!.id)}`,
        "/scans/findings/[id]": `/scans/findings/${await first("/api/v1/secret-findings?status=all&limit=1", (b: { findings: { id: string }[] }) => b.findings[0]!.id)}`,
      };
      const pages = pagePaths();
      expect(pages.length).toBeGreaterThan(25);
      for (const page of pages) {
        const url = page.includes("[") ? ids[page] : page;
        expect(url, `${page}: add a real id for this dynamic page`).toBeDefined();
        const response = await admin.get(url!, { maxRedirects: 0 });
        expect(response.status(), url).toBeLessThan(400);
        const headers = response.headers();
        expectSecurityHeaders(headers, url);
        expectPageCsp(headers["content-security-policy"], url!);
      }
      await admin.dispose();
    });
  });
});
