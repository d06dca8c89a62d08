import { readdirSync } from "node:fs";
import { sep } from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page, type TestInfo } from "@playwright/test";

/** WCAG 2.0 and 2.1, levels A and AA (color-contrast is one of them), plus axe's best practices (landmarks, headings). */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

const APP_DIR = fileURLToPath(new URL("../../app", import.meta.url));

/** Every page file under app/ as its route: route groups such as (dashboard) dropped, dynamic segments kept as [id]. */
export function pageRoutes(): string[] {
  return readdirSync(APP_DIR, { recursive: true, encoding: "utf8" })
    .map((file) => file.split(sep))
    .filter((parts) => /^page\.(tsx?|jsx?|mdx?)$/.test(parts.at(-1)!))
    .map((parts) => `/${parts.slice(0, -1).filter((segment) => !/^\(.+\)$/.test(segment)).join("/")}`)
    .sort();
}

/** Waits until suspense fallbacks and pending transitions are gone, so axe sees the page a person would. */
export async function settled(page: Page): Promise<void> {
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await expect(page.getByText("Loading…", { exact: true })).toHaveCount(0);
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

/**
 * Runs axe on the page as it is now and fails listing every serious or critical violation: rule, help and the
 * selectors of the offending nodes (never their HTML, which may hold a secret's preview). Every violation, of any
 * impact, is attached to the report the same way.
 */
export async function expectNoSeriousViolations(page: Page, testInfo: TestInfo, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const report = results.violations.map(({ id, impact, help, helpUrl, nodes }) => ({
    id,
    impact,
    help,
    helpUrl,
    nodes: nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
  }));
  await testInfo.attach(`axe ${label}`, { body: JSON.stringify(report, null, 2), contentType: "application/json" });
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => {
      const nodes = v.nodes.slice(0, 10).map((n) => `    ${n.target.join(" ")}`);
      if (v.nodes.length > nodes.length) nodes.push(`    … and ${v.nodes.length - nodes.length} more`);
      return `${v.impact} ${v.id}: ${v.help}\n${nodes.join("\n")}`;
    });
  expect(serious, `${label} (${page.url()})`).toEqual([]);
}

/** Presses Tab (or Shift+Tab) until the target has focus; fails if it is not reached within max presses. */
export async function tabTo(page: Page, target: Locator, { backwards = false, max = 80 } = {}): Promise<void> {
  await expect(target).toBeVisible();
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  await expect(target, `reached by ${backwards ? "Shift+Tab" : "Tab"} within ${max} presses`).toBeFocused();
}

/**
 * The focused element draws a visible indicator: an opaque outline, or a ring (box-shadow) it does not have without
 * focus. Compared with its own unfocused style, because inputs carry a resting shadow.
 */
export async function expectFocusIndicator(page: Page): Promise<void> {
  const style = await page.evaluate(() => {
    const el = document.activeElement;
    if (!(el instanceof HTMLElement) || el === document.body) return null;
    const read = () => {
      const s = getComputedStyle(el);
      const transparent = s.outlineColor === "transparent" || /rgba\(.*,\s*0\)$/.test(s.outlineColor);
      return { outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0 && !transparent, boxShadow: s.boxShadow };
    };
    const focused = read();
    el.blur();
    const resting = read();
    el.focus();
    return { tag: el.tagName, outline: focused.outline, ring: focused.boxShadow !== "none" && focused.boxShadow !== resting.boxShadow };
  });
  expect(style, "an element has focus").not.toBeNull();
  expect(style!.outline || style!.ring, `focus indicator on ${style!.tag}: ${JSON.stringify(style)}`).toBe(true);
}
