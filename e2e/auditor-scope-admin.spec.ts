import { expect, test, type Page } from "@playwright/test";
import type { AuditScope } from "@/lib/domain/audit-scope";
import type { UserDto } from "@/lib/domain/identity";
import { addDays, utcDay } from "@/lib/domain/utc-days";
import { expectNoSeriousViolations } from "./support/a11y";
import { storageStatePath, uniqueSuffix } from "./support/accounts";
import { expectJson, sameOriginHeaders } from "./support/api";

const suffix = uniqueSuffix();
// A new account: the demo auditor is shared with other journeys and stays unscoped.
const auditor = { email: `scoped-auditor-${suffix}@e2e.leash.dev`, name: `Scoped Auditor ${suffix}`, password: `initial-pass-${suffix}` };
const to = utcDay(new Date());
const from = addDays(to, -9);

test.use({ storageState: storageStatePath("admin") });

async function storedUser(page: Page): Promise<UserDto> {
  const { users } = await expectJson<{ users: UserDto[] }>(await page.request.get("/api/v1/users"), 200);
  const user = users.find((u) => u.email === auditor.email);
  expect(user, `${auditor.email} is listed`).toBeDefined();
  return user!;
}

async function openEdit(page: Page) {
  await page.goto("/settings/users");
  await page.getByTestId(`user-row-${auditor.email}`).getByRole("button", { name: `Edit ${auditor.email}` }).click();
  return page.getByRole("dialog", { name: `Edit ${auditor.email}` });
}

const scopeCell = (page: Page) => page.getByTestId(`user-row-${auditor.email}`).getByTestId("audit-scope");

test.describe("admin limits an auditor to one framework and audit window", () => {
  test.describe.configure({ mode: "serial" });

  test("creates an auditor limited to PCI DSS and the last 10 days", async ({ page }, testInfo) => {
    await page.goto("/settings/users");
    await page.getByRole("button", { name: "Create user" }).click();
    const dialog = page.getByRole("dialog", { name: "Create user" });
    await dialog.getByLabel("Email").fill(auditor.email);
    await dialog.getByLabel("Name").fill(auditor.name);
    await dialog.getByLabel("Initial password").fill(auditor.password);

    const fieldset = dialog.getByRole("group", { name: "Audit scope" });
    // Engineer is the default role: no scope is offered.
    await expect(dialog.getByLabel("Role")).toHaveValue("engineer");
    await expect(fieldset).toHaveCount(0);
    await dialog.getByLabel("Role").selectOption("auditor");
    await expect(fieldset).toBeVisible();

    // Keyboard: Space on the focused checkbox opens the framework and window fields.
    const limit = fieldset.getByRole("checkbox", { name: "Limit to one framework and audit window" });
    await expect(limit).not.toBeChecked();
    await expect(fieldset.getByLabel("Framework", { exact: true })).toHaveCount(0);
    await limit.focus();
    await page.keyboard.press("Space");
    await expect(limit).toBeChecked();
    const options = await fieldset.getByLabel("Framework", { exact: true }).locator("option").allTextContents();
    expect(options).toEqual(["SOC 2", "PCI DSS v4.0.1", "NIST CSF 2.0", "ISO/IEC 27001:2022"]);

    await fieldset.getByLabel("Framework", { exact: true }).selectOption({ label: "PCI DSS v4.0.1" });
    await fieldset.getByLabel("First day (UTC)").fill(from);
    await fieldset.getByLabel("Last day (UTC)").fill(to);
    await expectNoSeriousViolations(page, testInfo, "create user with audit scope");

    await dialog.getByRole("button", { name: "Create user" }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByTestId(`user-row-${auditor.email}`);
    await expect(row).toContainText("Auditor");
    await expect(scopeCell(page)).toHaveText(`Limited to PCI DSS v4.0.1, ${from} to ${to} (UTC)`);

    const stored = await storedUser(page);
    expect(stored.role).toBe("auditor");
    expect(stored.auditScope).toEqual({ framework: "pci-dss-4.0.1", from, to } satisfies AuditScope);
  });

  test("edits the scope to SOC 2", async ({ page }) => {
    const dialog = await openEdit(page);
    const fieldset = dialog.getByRole("group", { name: "Audit scope" });
    await expect(fieldset.getByRole("checkbox", { name: "Limit to one framework and audit window" })).toBeChecked();
    await expect(fieldset.getByLabel("Framework", { exact: true })).toHaveValue("pci-dss-4.0.1");
    await expect(fieldset.getByLabel("First day (UTC)")).toHaveValue(from);
    await expect(fieldset.getByLabel("Last day (UTC)")).toHaveValue(to);

    await fieldset.getByLabel("Framework", { exact: true }).selectOption({ label: "SOC 2" });
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await expect(dialog).toBeHidden();
    await expect(scopeCell(page)).toHaveText(`Limited to SOC 2, ${from} to ${to} (UTC)`);
    expect((await storedUser(page)).auditScope).toEqual({ framework: "soc2", from, to });
  });

  test("a reversed window shows a field error and saves nothing", async ({ page }, testInfo) => {
    const patches: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "PATCH" && request.url().includes("/api/v1/users/")) patches.push(request.url());
    });
    const dialog = await openEdit(page);
    const fieldset = dialog.getByRole("group", { name: "Audit scope" });
    await fieldset.getByLabel("First day (UTC)").fill(to);
    await fieldset.getByLabel("Last day (UTC)").fill(from);
    await dialog.getByRole("button", { name: "Save changes" }).click();

    const last = fieldset.getByLabel("Last day (UTC)");
    await expect(last).toHaveAttribute("aria-invalid", "true");
    await expect(last).toHaveAccessibleDescription("must not be before the first day");
    await expect(fieldset.getByLabel("First day (UTC)")).not.toHaveAttribute("aria-invalid", "true");
    await expect(dialog).toBeVisible();
    await expectNoSeriousViolations(page, testInfo, "edit user with an audit scope error");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();

    expect(patches).toEqual([]);
    await expect(scopeCell(page)).toHaveText(`Limited to SOC 2, ${from} to ${to} (UTC)`);
    expect((await storedUser(page)).auditScope).toEqual({ framework: "soc2", from, to });
  });

  test("the server's own refusal of a reversed window shows next to the last day", async ({ page }) => {
    const dialog = await openEdit(page);
    // The API refuses it whatever the form checks: a field error keyed by the zod path.
    const { id } = await storedUser(page);
    const direct = await page.request.patch(`/api/v1/users/${id}`, {
      headers: sameOriginHeaders(page),
      data: { auditScope: { framework: "soc2", from: to, to: from } },
    });
    const body = await expectJson<{ error: { fields: Record<string, string> } }>(direct, 400);
    expect(body.error.fields["auditScope.to"]).toBe("must not be before the first day");

    // The form sends a valid window; the request is reversed on the way, so the message comes from the server.
    await page.route(`**/api/v1/users/${id}`, (route) => {
      if (route.request().method() !== "PATCH") return route.continue();
      return route.continue({ postData: JSON.stringify({ auditScope: { framework: "soc2", from: to, to: from } }) });
    });
    const fieldset = dialog.getByRole("group", { name: "Audit scope" });
    await fieldset.getByLabel("First day (UTC)").fill(addDays(from, 1));
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await expect(fieldset.getByLabel("Last day (UTC)")).toHaveAccessibleDescription("must not be before the first day");
    await expect(dialog).toBeVisible();
    await page.unroute(`**/api/v1/users/${id}`);
    await page.keyboard.press("Escape");
    expect((await storedUser(page)).auditScope).toEqual({ framework: "soc2", from, to });
  });

  test("unticking the limit removes the scope; ticking again offers the last 30 days", async ({ page }) => {
    let dialog = await openEdit(page);
    await dialog.getByRole("checkbox", { name: "Limit to one framework and audit window" }).uncheck();
    await expect(dialog.getByLabel("Framework", { exact: true })).toHaveCount(0);
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId(`user-row-${auditor.email}`)).toContainText("Auditor");
    await expect(scopeCell(page)).toHaveCount(0);
    expect((await storedUser(page)).auditScope).toBeNull();

    dialog = await openEdit(page);
    await dialog.getByRole("checkbox", { name: "Limit to one framework and audit window" }).check();
    await expect(dialog.getByLabel("Framework", { exact: true })).toHaveValue("soc2");
    await expect(dialog.getByLabel("First day (UTC)")).toHaveValue(addDays(to, -29));
    await expect(dialog.getByLabel("Last day (UTC)")).toHaveValue(to);
    await dialog.getByLabel("Framework", { exact: true }).selectOption({ label: "PCI DSS v4.0.1" });
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await expect(dialog).toBeHidden();
    await expect(scopeCell(page)).toHaveText(`Limited to PCI DSS v4.0.1, ${addDays(to, -29)} to ${to} (UTC)`);
    expect((await storedUser(page)).auditScope).toEqual({ framework: "pci-dss-4.0.1", from: addDays(to, -29), to });
  });

  test("switching the role to engineer removes the scope", async ({ page }) => {
    const dialog = await openEdit(page);
    const role = dialog.getByLabel("Role");
    await role.selectOption("engineer");
    await expect(dialog.getByRole("group", { name: "Audit scope" })).toHaveCount(0);
    await expect(role).toHaveAccessibleDescription("Saving with another role removes this user's audit scope.");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await expect(dialog).toBeHidden();

    await expect(page.getByTestId(`user-row-${auditor.email}`)).toContainText("Engineer");
    await expect(scopeCell(page)).toHaveCount(0);
    const stored = await storedUser(page);
    expect(stored.role).toBe("engineer");
    expect(stored.auditScope).toBeNull();
  });
});
