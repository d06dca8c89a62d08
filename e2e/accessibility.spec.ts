import { expect, test, type Locator, type Page, type TestInfo } from "@playwright/test";
import { expectNoSeriousViolations, pageRoutes, settled } from "./support/a11y";
import { storageStatePath, uniqueSuffix, type DemoRole } from "./support/accounts";
import { demoIds, type DemoIds as Ids } from "./support/demo-ids";

// Every page and every dialog, checked by axe against WCAG 2.1 A/AA (contrast included) and axe's best practices:
// no serious or critical violation anywhere; and every chart's text alternative. keyboard.spec.ts walks the app by keyboard.

// axe walks every node of a page (the inventory shows 50 rows of 11 columns), which outlasts the default budget on a
// busy machine.
test.describe.configure({ timeout: 120_000 });

type Visit = { route: string; url: (ids: Ids) => string };
const at = (route: string): Visit => ({ route, url: () => route });

/** One entry per page.tsx; the admin sees every control a page has. */
const ADMIN_VISITS: Visit[] = [
  { route: "/", url: () => "/" },
  at("/overview"),
  at("/overview/blast-radius"),
  at("/credentials"),
  { route: "/credentials/[id]", url: (i) => `/credentials/${i.credential}` },
  at("/credentials/import"),
  at("/credentials/imports"),
  { route: "/credentials/imports/[id]", url: (i) => `/credentials/imports/${i.importRun}` },
  at("/credentials/mapping"),
  at("/findings"),
  { route: "/findings/[id]", url: (i) => `/findings/${i.finding}` },
  at("/findings/exceptions"),
  at("/scans"),
  { route: "/scans/corpora/[id]", url: (i) => `/scans/corpora/${i.corpus}` },
  { route: "/scans/findings/[id]", url: (i) => `/scans/findings/${i.secretFinding}` },
  at("/activity"),
  { route: "/activity/events/[id]", url: (i) => `/activity/events/${i.event}` },
  at("/activity/approvals"),
  at("/activity/environments"),
  at("/activity/ingest"),
  at("/controls"),
  // Redirects to the framework's controls, as "/" does to the overview.
  { route: "/controls/[framework]", url: () => "/controls/soc2" },
  { route: "/controls/[framework]/[control]", url: () => "/controls/soc2/CC6.1" },
  at("/controls/period"),
  at("/evidence"),
  at("/settings"),
  at("/settings/profile"),
  at("/settings/users"),
  at("/settings/teams"),
  at("/settings/tokens"),
  at("/settings/rules"),
  at("/settings/audit"),
  at("/settings/jobs"),
];
const SIGNED_OUT_VISITS: Visit[] = [at("/signin")];
/** Pages that look different for a read-only or team-scoped role (notices instead of buttons, fewer columns). */
const ROLE_VISITS: Record<Exclude<DemoRole, "admin">, Visit[]> = {
  auditor: [at("/findings"), at("/evidence")],
  engineer: [at("/overview"), { route: "/findings/[id]", url: (i) => `/findings/${i.finding}` }],
  engineerPayments: [],
};

/** Every recharts chart sits in a labelled image with a description, next to a table view of its data. */
async function expectChartAlternatives(page: Page): Promise<void> {
  // The responsive container is in the DOM from the first render; the wrapper once it has measured.
  const charts = page.locator(".recharts-responsive-container, .recharts-wrapper");
  for (let i = 0; i < (await charts.count()); i++) {
    const figure = page.locator('[role="img"]').filter({ has: charts.nth(i) });
    await expect(figure, "a chart is wrapped in a role=img element").toHaveCount(1);
    await expect(figure).toHaveAccessibleName(/\w/);
    await expect(figure).toHaveAccessibleDescription(/\w/);
  }
}

async function checkPage(page: Page, testInfo: TestInfo, url: string) {
  await page.goto(url);
  await settled(page);
  await expectChartAlternatives(page);
  await expectNoSeriousViolations(page, testInfo, url);
}

test("every page of the app is in the accessibility sweep", () => {
  const visited = [...new Set([...ADMIN_VISITS, ...SIGNED_OUT_VISITS].map((v) => v.route))].sort();
  // A new page fails this until it is added to ADMIN_VISITS (or SIGNED_OUT_VISITS) above.
  expect(visited).toEqual(pageRoutes());
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  for (const visit of SIGNED_OUT_VISITS) {
    test(`axe: ${visit.route}`, async ({ page, baseURL }, testInfo) => {
      await checkPage(page, testInfo, visit.url(await demoIds(baseURL!)));
    });
  }
});

for (const [role, visits] of [["admin", ADMIN_VISITS], ...Object.entries(ROLE_VISITS)] as [DemoRole, Visit[]][]) {
  test.describe(`as ${role}`, () => {
    test.use({ storageState: storageStatePath(role) });
    for (const visit of visits) {
      test(`axe: ${visit.route}`, async ({ page, baseURL }, testInfo) => {
        await checkPage(page, testInfo, visit.url(await demoIds(baseURL!)));
      });
    }
  });
}

type DialogCase = { name: string; url: (ids: Ids) => string; trigger: (page: Page) => Locator; dialog: string | RegExp };
const button = (name: string | RegExp) => (page: Page) => page.getByRole("main").getByRole("button", { name, exact: typeof name === "string" });

const DIALOGS: DialogCase[] = [
  { name: "edit credential", url: (i) => `/credentials/${i.credential}`, trigger: button("Edit"), dialog: "Edit credential" },
  { name: "request exception", url: (i) => `/findings/${i.finding}`, trigger: button("Request exception"), dialog: "Request exception" },
  { name: "record approval", url: () => "/activity/approvals", trigger: button("Record approval"), dialog: "Record approval" },
  { name: "new corpus", url: () => "/scans", trigger: button("New corpus"), dialog: "New corpus" },
  { name: "edit corpus", url: (i) => `/scans/corpora/${i.corpus}`, trigger: button("Edit corpus"), dialog: /^Edit / },
  { name: "create team", url: () => "/settings/teams", trigger: button("Create team"), dialog: "Create team" },
  { name: "create user", url: () => "/settings/users", trigger: button("Create user"), dialog: "Create user" },
  { name: "edit user", url: () => "/settings/users", trigger: button(/^Edit engineer@/), dialog: /^Edit engineer@/ },
  { name: "deactivate user", url: () => "/settings/users", trigger: button(/^Deactivate engineer@/), dialog: "Deactivate user?" },
  { name: "create token", url: () => "/settings/tokens", trigger: button("Create token"), dialog: "Create API token" },
];

/** The dialog is a named modal, focus starts inside it, axe passes while it is open, and Escape hands focus back. */
async function checkDialog(page: Page, testInfo: TestInfo, trigger: Locator, name: string | RegExp) {
  const dialog = page.getByRole("dialog", { name });
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute("aria-modal", "true");
  await expect.poll(() => dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  await settled(page);
  await expectNoSeriousViolations(page, testInfo, `dialog ${String(name)}`);
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(trigger).toBeFocused();
}

test.describe("dialogs, as admin", () => {
  test.use({ storageState: storageStatePath("admin") });

  for (const c of DIALOGS) {
    test(`axe: ${c.name} dialog`, async ({ page, baseURL }, testInfo) => {
      await page.goto(c.url(await demoIds(baseURL!)));
      await settled(page);
      const trigger = c.trigger(page);
      await trigger.click();
      await checkDialog(page, testInfo, trigger, c.dialog);
    });
  }

  test("axe: token created and revoke token dialogs", async ({ page }, testInfo) => {
    const name = `a11y-${uniqueSuffix()}`;
    await page.goto("/settings/tokens");
    await settled(page);
    await button("Create token")(page).click();
    const create = page.getByRole("dialog", { name: "Create API token" });
    await create.getByLabel("Name").fill(name);
    await create.getByRole("button", { name: "Create token" }).click();
    const created = page.getByRole("dialog", { name: "Token created" });
    await expect(created).toBeVisible();
    await expectNoSeriousViolations(page, testInfo, "dialog Token created");
    await created.getByRole("button", { name: "I have copied it" }).click();
    await expect(created).toHaveCount(0);

    const revoke = button(`Revoke ${name}`)(page);
    await revoke.click();
    await checkDialog(page, testInfo, revoke, "Revoke token?");
    await revoke.click();
    await page.getByRole("dialog", { name: "Revoke token?" }).getByRole("button", { name: "Revoke token" }).click();
    await expect(revoke).toHaveCount(0);
  });
});

test.describe("charts, as admin", () => {
  test.use({ storageState: storageStatePath("admin") });

  const CHARTS = [
    { url: "/overview", title: "Score per day", summary: "trend-summary", table: "Framework score per day" },
    { url: "/activity", title: "Operations per day by actor type", summary: "chart-summary", table: "Operations per day by actor type" },
  ];
  for (const c of CHARTS) {
    test(`the ${c.title} chart has a text description and a table view that passes axe`, async ({ page }, testInfo) => {
      await page.goto(c.url);
      await settled(page);
      const summary = await page.getByTestId(c.summary).innerText();
      expect(summary).toMatch(/\d/);
      const figure = page.getByRole("img", { name: c.title });
      await expect(figure).toHaveAccessibleDescription(summary.trim());
      await expect(figure.locator(".recharts-wrapper")).toHaveCount(1);

      const toggle = page.getByRole("button", { name: "Show as table" });
      await expect(toggle).toHaveAttribute("aria-expanded", "false");
      await toggle.click();
      const table = page.getByRole("table", { name: c.table });
      await expect(table.getByRole("row").nth(1)).toContainText(/\d{4}-\d{2}-\d{2}/);
      await expect(page.getByRole("button", { name: "Show as chart" })).toHaveAttribute("aria-expanded", "true");
      const controls = await page.getByRole("button", { name: "Show as chart" }).getAttribute("aria-controls");
      await expect(page.locator(`#${controls}`).getByRole("table", { name: c.table })).toBeVisible();
      await expectNoSeriousViolations(page, testInfo, `${c.url} as table`);
    });
  }
});
