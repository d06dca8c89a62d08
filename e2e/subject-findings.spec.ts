import { expect, test } from "@playwright/test";
import type { FindingPage } from "@/lib/domain/posture";
import { storageStatePath } from "./support/accounts";
import { apiAs, expectJson } from "./support/api";
import { demoIds } from "./support/demo-ids";

// The credential page lists what the credential fails and what its events fail; the queue opens on the same set.
test.describe("a credential's findings", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("the Railway token's page lists its rule failures and the nine seconds, and the queue shows the same set", async ({ page, baseURL }) => {
    const { credential } = await demoIds(baseURL!);
    const admin = await apiAs("admin", baseURL!);
    const expected = await expectJson<FindingPage>(await admin.get(`/api/v1/findings?credentialId=${credential}&status=all&limit=100`), 200);
    await admin.dispose();

    await page.goto(`/credentials/${credential}`);
    const section = page.getByRole("region", { name: "Findings of this subject" });
    const rows = section.getByTestId("subject-finding-row");
    await expect(rows).toHaveCount(expected.items.length);
    await expect(rows.filter({ hasText: "R08" })).toHaveCount(1);
    // The unapproved production delete is an event's finding, shown on the credential that made it.
    const nineSeconds = rows.filter({ hasText: "R16" });
    await expect(nineSeconds).toHaveCount(1);
    await expect(nineSeconds.getByRole("link", { name: /^event \d+$/ })).toHaveAttribute("href", /\/activity\/events\/\d+$/);
    await expect(section.getByTestId("subject-findings-summary")).toContainText(/\d+ open, \d+ critical/);

    await section.getByRole("link", { name: "In the findings queue →" }).click();
    await expect(page).toHaveURL(new RegExp(`credentialId=${credential}`));
    await expect(page.getByTestId("one-subject-filter")).toContainText("Only the findings of one credential");
    await expect(page.getByTestId("finding-total")).toContainText(`${expected.total} findings · All`);

    // Apply keeps the credential; "Show all" drops it and keeps the rest.
    const filters = page.getByRole("search", { name: "Filter findings" });
    await filters.getByLabel("Severity").selectOption("critical");
    await filters.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/severity=critical/);
    await expect(page).toHaveURL(new RegExp(`credentialId=${credential}`));
    const critical = expected.items.filter((f) => f.severity === "critical").length;
    await expect(page.getByTestId("finding-total")).toHaveText(new RegExp(`^${critical} findings? · All`));
    await page.getByRole("button", { name: "Show all" }).click();
    await expect(page).not.toHaveURL(/credentialId=/);
    await expect(page).toHaveURL(/severity=critical/);
    await expect(page.getByTestId("one-subject-filter")).toHaveCount(0);
  });

  test("the summary's open and critical counts are links, and each opens a queue of exactly that many", async ({ page, baseURL }) => {
    const { credential } = await demoIds(baseURL!);
    const admin = await apiAs("admin", baseURL!);
    const active = await expectJson<FindingPage>(await admin.get(`/api/v1/findings?credentialId=${credential}&status=active&limit=1`), 200);
    const critical = await expectJson<FindingPage>(await admin.get(`/api/v1/findings?credentialId=${credential}&status=active&severity=critical&limit=1`), 200);
    await admin.dispose();
    expect(critical.total).toBeGreaterThan(0);

    await page.goto(`/credentials/${credential}`);
    const summary = page.getByRole("region", { name: "Findings of this subject" }).getByTestId("subject-findings-summary");
    await expect(summary).toHaveText(`${active.total} open, ${critical.total} critical.`);
    await summary.getByRole("link", { name: `${active.total} open` }).click();
    await expect(page).toHaveURL(new RegExp(`credentialId=${credential}`));
    await expect(page.getByTestId("finding-total")).toHaveText(new RegExp(`^${active.total} findings · Active \\(open or in progress\\)`));

    await page.goto(`/credentials/${credential}`);
    await summary.getByRole("link", { name: `${critical.total} critical` }).click();
    await expect(page).toHaveURL(/severity=critical/);
    await expect(page.getByTestId("finding-total")).toHaveText(new RegExp(`^${critical.total} findings? · Active \\(open or in progress\\)`));
  });

  test("the nine seconds' event page shows its R16 finding, and the queue opens on that one event", async ({ page, baseURL }) => {
    const admin = await apiAs("admin", baseURL!);
    const { items } = await expectJson<FindingPage>(await admin.get("/api/v1/findings?rule=R16&status=all"), 200);
    await admin.dispose();
    const r16 = items.find((f) => f.subjectKind === "event")!;
    expect(r16).toBeDefined();

    await page.goto(`/activity/events/${r16.subjectId}`);
    const rows = page.getByRole("region", { name: "Findings of this subject" }).getByTestId("subject-finding-row");
    await expect(rows.filter({ hasText: "R16" })).toHaveCount(1);
    await rows.filter({ hasText: "R16" }).getByRole("link", { name: /^R16/ }).click();
    await expect(page).toHaveURL(`/findings/${r16.id}`);

    await page.goto(`/activity/events/${r16.subjectId}`);
    await expect(rows.filter({ hasText: "R16" })).toHaveCount(1);
    const onEvent = await rows.count();
    await page.getByRole("link", { name: "In the findings queue →" }).click();
    await expect(page.getByTestId("one-subject-filter")).toContainText(`Only the findings of one activity event (id ${r16.subjectId})`);
    await expect(page.getByTestId("finding-total")).toHaveText(new RegExp(`^${onEvent} findings? · All`));
    await expect(page.getByTestId("finding-row").filter({ hasText: "R16" })).toHaveCount(1);
  });

  test("another team's engineer cannot list the token's findings by its id", async ({ baseURL }) => {
    const { credential } = await demoIds(baseURL!);
    const payments = await apiAs("engineerPayments", baseURL!);
    const page = await expectJson<FindingPage>(await payments.get(`/api/v1/findings?credentialId=${credential}&status=all`), 200);
    await payments.dispose();
    expect(page).toMatchObject({ items: [], total: 0 });
  });
});
