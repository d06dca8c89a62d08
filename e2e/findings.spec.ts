import { expect, test } from "@playwright/test";
import type { ExceptionDto, FindingDto } from "@/lib/domain/posture";
import { accounts, storageStatePath, uniqueSuffix } from "./support/accounts";
import { apiAs, expectJson } from "./support/api";

// One journey through the triage queue on the seeded demo workspace, where the PocketOS Railway token (team
// Platform) fails R04/R05/R08/R09/R10: the admin triages a critical finding, a Platform engineer asks for an
// exception on another, the admin approves it (and cannot approve their own), and the auditor only reads.
test.describe.configure({ mode: "serial" });

const suffix = uniqueSuffix();
const RAILWAY = "Railway API token";
const justification = `e2e ${suffix}: the token is rotated with the platform CLI migration next quarter; the runbook copy is removed.`;
const ownJustification = `e2e ${suffix}: admin's own request, which the server must not let the same admin approve.`;
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
let criticalId = "";
let exceptedId = "";

test.describe("admin triages", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("the queue fits a 1440 px window: the reason, its last column, is in view without scrolling sideways", async ({ page }) => {
    await page.goto("/findings");
    const table = page.getByRole("table", { name: "Findings" });
    await expect(table.getByTestId("finding-row").first()).toBeVisible();
    // The table's box scrolls sideways only when the table is wider than it.
    expect(await table.evaluate((t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth)).toBe(0);
  });

  test("filters to critical, opens an R08/R10 finding of the Railway token, takes it and starts work", async ({ page, baseURL }) => {
    await page.goto("/findings");
    await expect(page.getByRole("heading", { name: "Findings", level: 1 })).toBeVisible();
    await expect(page.getByTestId("finding-total")).toContainText(/\d+ findings? · Active/);

    const filters = page.getByRole("search", { name: "Filter findings" });
    await filters.getByLabel("Severity").selectOption("critical");
    // Many criticals share one due date, so the token is found by name rather than hoped for on page one.
    await filters.getByLabel("Search").fill("Railway API token");
    await filters.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/severity=critical/);
    const rows = page.getByTestId("finding-row");
    await expect.poll(async () => (await rows.allInnerTexts()).every((text) => text.includes("critical"))).toBe(true);
    const target = rows.filter({ hasText: RAILWAY }).filter({ hasText: /R08|R10/ }).first();
    await expect(target).toBeVisible();

    await target.getByRole("link", { name: /R(08|10)/ }).click();
    await expect(page).toHaveURL(/\/findings\/[0-9a-f-]{36}$/);
    criticalId = page.url().split("/").pop()!;
    await expect(page.getByRole("heading", { level: 1, name: /R(08|10) · / })).toBeVisible();
    await expect(page.getByText(RAILWAY).first()).toBeVisible();
    await expect(page.getByTestId("finding-reason")).not.toBeEmpty();

    const triage = page.getByRole("form", { name: "Triage" });
    const save = triage.getByRole("button", { name: "Save changes" });
    // Nothing to save until a field differs from the stored finding, and again once it is picked back.
    await expect(save).toBeDisabled();
    const status = triage.getByLabel("Status", { exact: true });
    await status.selectOption("in_progress");
    await expect(save).toBeEnabled();
    await status.selectOption("open");
    await expect(save).toBeDisabled();
    await triage.getByLabel("Assignee").selectOption({ label: `${accounts.admin.name} (you)` });
    await status.selectOption("in_progress");
    await save.click();
    await expect(page.getByTestId("finding-assignee")).toContainText(accounts.admin.email);
    await expect(page.getByTestId("finding-status")).toHaveText("in progress");

    // Stored, not just shown: a reload renders it from the server, and the API agrees.
    await page.reload();
    await expect(page.getByTestId("finding-status")).toHaveText("in progress");
    const admin = await apiAs("admin", baseURL!);
    const stored = await expectJson<FindingDto>(await admin.get(`/api/v1/findings/${criticalId}`), 200);
    await admin.dispose();
    expect(stored.status).toBe("in_progress");
    expect(stored.assignee?.email).toBe(accounts.admin.email);
  });

  test("Mark fixed re-checks the subject and says it still fails", async ({ page }) => {
    await page.goto(`/findings/${criticalId}`);
    await page.getByRole("button", { name: "Mark fixed" }).click();
    await expect(page.getByTestId("verify-result")).toContainText("Still failing:");
    await expect(page.getByTestId("finding-status")).toHaveText("in progress");
  });

  test("bulk-assigns a selected row to themself", async ({ page }) => {
    await page.goto("/findings?rule=R04");
    const first = page.getByTestId("finding-row").first();
    await first.getByRole("checkbox").check();
    const bar = page.getByRole("region", { name: "Bulk actions" });
    await expect(bar.getByTestId("selected-count")).toHaveText("1 finding selected");
    await bar.getByLabel("Assign to").selectOption({ label: `${accounts.admin.name} (you)` });
    await bar.getByRole("button", { name: "Assign" }).click();
    await expect(page.getByText("1 finding assigned.")).toBeVisible();
    await expect(bar).toHaveCount(0);
  });
});

test.describe("engineer requests an exception", () => {
  test.use({ storageState: storageStatePath("engineer") });

  test("on a finding of their team, validated before it is sent", async ({ page }) => {
    await page.goto("/findings?rule=R09&q=Railway%20API%20token");
    const row = page.getByTestId("finding-row").filter({ hasText: RAILWAY }).first();
    await expect(row).toContainText("Platform");
    await row.getByRole("link", { name: /R09/ }).click();
    await expect(page).toHaveURL(/\/findings\/[0-9a-f-]{36}$/);
    exceptedId = page.url().split("/").pop()!;

    await page.getByRole("button", { name: "Request exception" }).click();
    const dialog = page.getByRole("dialog", { name: "Request exception" });
    await expect(dialog.getByLabel("Expires on (UTC)")).toHaveValue(day(90));
    await dialog.getByLabel("Justification").fill("too short");
    await dialog.getByLabel("Expires on (UTC)").fill(day(400));
    await dialog.getByRole("button", { name: "Request exception" }).click();
    await expect(dialog).toContainText("at least 20 characters");
    await expect(dialog).toContainText("At most 365 days from today");

    await dialog.getByLabel("Justification").fill(justification);
    await dialog.getByLabel("Expires on (UTC)").fill(day(90));
    await dialog.getByRole("button", { name: "Request exception" }).click();
    await expect(dialog).toHaveCount(0);
    const panel = page.getByTestId("exception-panel");
    await expect(panel.getByTestId("exception-status")).toHaveText("pending");
    await expect(panel.getByTestId("exception-justification")).toHaveText(justification);
    await expect(page.getByRole("button", { name: "Request exception" })).toHaveCount(0);
  });

  test("sees the request in the exceptions list but cannot decide it", async ({ page }) => {
    await page.goto("/findings/exceptions");
    await expect(page.getByTestId("exception-row").filter({ hasText: justification })).toBeVisible();
    await expect(page.getByRole("button", { name: /Approve|Reject/ })).toHaveCount(0);
  });
});

test.describe("admin decides", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("approves the engineer's request and the finding becomes risk accepted", async ({ page }) => {
    await page.goto("/findings/exceptions");
    await expect(page.getByRole("link", { name: "Exceptions", exact: true })).toHaveAttribute("aria-current", "page");
    const row = page.getByTestId("exception-row").filter({ hasText: justification });
    await expect(row).toContainText(RAILWAY);
    await row.getByLabel(/Decision note for R09/).fill(`approved in e2e ${suffix}`);
    await row.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByText(/Exception for R09 on .* approved\./)).toBeVisible();
    await expect(row).toHaveCount(0);

    await page.goto(`/findings/${exceptedId}`);
    await expect(page.getByTestId("finding-status")).toHaveText("risk accepted");
    await expect(page.getByTestId("exception-status")).toHaveText("approved");
    await expect(page.getByTestId("exception-panel")).toContainText(`approved in e2e ${suffix}`);
  });

  test("cannot approve their own request: the server's refusal is shown", async ({ page, baseURL }) => {
    const admin = await apiAs("admin", baseURL!);
    const created = await expectJson<ExceptionDto>(
      await admin.post(`/api/v1/findings/${criticalId}/exceptions`, { data: { justification: ownJustification, expiresAt: `${day(30)}T00:00:00.000Z` } }),
      201,
    );
    await admin.dispose();
    expect(created.status).toBe("pending");

    await page.goto("/findings/exceptions");
    const row = page.getByTestId("exception-row").filter({ hasText: ownJustification });
    await row.getByRole("button", { name: "Approve" }).click();
    await expect(row.getByRole("alert")).toBeVisible();
    await expect(row.getByTestId("exception-status")).toHaveText("pending");
  });
});

test.describe("auditor reads the queue", () => {
  test.use({ storageState: storageStatePath("auditor") });

  test("sees findings and exceptions without any write control", async ({ page }) => {
    await page.goto("/findings?status=all");
    await expect(page.getByRole("table", { name: "Findings" })).toBeVisible();
    await expect(page.getByTestId("finding-row")).not.toHaveCount(0);
    await expect(page.getByRole("checkbox")).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Bulk actions" })).toHaveCount(0);

    await page.goto(`/findings/${exceptedId}`);
    await expect(page.getByTestId("finding-status")).toHaveText("risk accepted");
    await expect(page.getByRole("button", { name: /Mark fixed|Save changes|Request exception/ })).toHaveCount(0);
    await expect(page.getByRole("form", { name: "Triage" })).toHaveCount(0);

    await page.goto("/findings/exceptions?status=all");
    await expect(page.getByTestId("exception-row").filter({ hasText: justification })).toContainText("approved");
    await expect(page.getByRole("button", { name: /Approve|Reject/ })).toHaveCount(0);
  });
});
