import { expect, test, type Page } from "@playwright/test";
import type { EventPage } from "@/lib/domain/activity-query";
import { storageStatePath, uniqueSuffix } from "./support/accounts";
import { apiAs, expectJson } from "./support/api";

const suffix = uniqueSuffix();
const MARKUP = "<img src=x onerror=alert(1)>";

/** The nine seconds: the seeded demo's only unapproved destructive event. */
async function incidentEventId(baseURL: string): Promise<number> {
  const admin = await apiAs("admin", baseURL);
  const page = await expectJson<EventPage>(await admin.get("/api/v1/events?q=volumeDelete&destructive=true"), 200);
  await admin.dispose();
  const incident = page.items.find((e) => e.rawOperation === "volumeDelete" && e.unapprovedDestructive);
  expect(incident, "the demo seed holds the volumeDelete event").toBeDefined();
  return incident!.id;
}

/** A small Leash NDJSON upload: a service event, an agent event whose resource is markup, and one broken line. */
function ndjson(): Buffer {
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
  const lines = [
    { event_id: `e2e-${suffix}-1`, occurred_at: at(30), actor: "ci-bot", actor_type: "service", operation: "GetObject", resource: `s3://e2e-${suffix}/report.csv`, environment: "staging", outcome: "success" },
    { event_id: `e2e-${suffix}-2`, occurred_at: at(20), actor: "dev-agent", actor_type: "agent", agent_name: "Claude Code", operation: "describeVolume", resource: `${MARKUP} ${suffix}`, environment: "development", outcome: "success", origin: { ip: "192.0.2.7", user_agent: "claude-cli/1.0.98" } },
    { event_id: `e2e-${suffix}-3`, operation: "GetObject", outcome: "success" },
  ];
  return Buffer.from(lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
}

async function uploadNdjson(page: Page, file: Buffer) {
  await page.getByLabel("Format").selectOption("leash-ndjson");
  await page.getByLabel("Log file").setInputFiles({ name: `e2e-${suffix}.ndjson`, mimeType: "application/x-ndjson", buffer: file });
  await page.getByRole("button", { name: "Upload and ingest" }).click();
}

test.describe("admin", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("sees the nine seconds flagged first, then its attribution reason and raw payload", async ({ page }) => {
    await page.goto("/activity");
    await expect(page.getByRole("heading", { name: "Activity", level: 1 })).toBeVisible();
    await expect(page.getByTestId("chart-summary")).toContainText(/Last 30 days: [\d,]+ agent/);

    const flagged = page.getByRole("table", { name: "Flagged events" });
    const first = flagged.getByTestId("event-row").first();
    await expect(first).toContainText("volumeDelete");
    await expect(first).toContainText("Unapproved destructive");
    await expect(first).toContainText("Agent");
    await expect(first).toContainText("Railway API token (platform CLI, pasted in the runbook)");
    await expect(flagged.getByText("Unapproved destructive")).toHaveCount(1);

    // Cursor pagination: the next page is appended under the first.
    const timeline = page.getByRole("table", { name: "Activity timeline" }).getByTestId("event-row");
    await expect(timeline).toHaveCount(50);
    await page.getByRole("button", { name: "Load more" }).click();
    await expect(timeline).toHaveCount(100);

    // The chart's text alternative.
    await page.getByRole("button", { name: "Show as table" }).click();
    // A header and the last 30 UTC days, today included: the same days the Overview and the trend count.
    const perDay = page.getByRole("table", { name: "Operations per day by actor type" });
    await expect(perDay.getByRole("row")).toHaveCount(31);

    await first.getByRole("link").first().click();
    await expect(page).toHaveURL(/\/activity\/events\/\d+$/);
    await expect(page.getByRole("heading", { name: /Event #\d+/ })).toBeVisible();
    await expect(page.getByTestId("attribution-reason")).toContainText("agent runtime Claude Code");
    await expect(page.getByTestId("flag-unapprovedDestructive")).toContainText("raised");
    // The token states no environment: the cross-environment reason names it, linked to its page, not by its id.
    const crossEnv = page.getByTestId("flag-crossEnv");
    await expect(crossEnv.getByRole("link", { name: "Railway API token (platform CLI, pasted in the runbook)" })).toHaveAttribute("href", /^\/credentials\/[0-9a-f-]{36}$/);
    await expect(crossEnv).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    // The seeded demo event carries its source record: the operation and the agent's client, as sent.
    await expect(page.getByTestId("raw-payload")).toContainText('"projectId": "pocket-prod"');
    await expect(page.getByTestId("raw-payload")).toContainText('"operation": "volumeDelete"');
    await expect(page.getByTestId("raw-payload")).toContainText('"source": "Leash demo workspace"');
  });

  test("each count in the chart's table opens that day's events of that column", async ({ page }) => {
    await page.goto("/activity");
    await page.getByRole("button", { name: "Show as table" }).click();
    // The oldest day with flagged operations: days before today, which other tests' uploads do not touch.
    const link = page.getByRole("table", { name: "Operations per day by actor type" }).getByRole("link", { name: /flagged operations on/ }).last();
    const [, count, day] = /^(\d+) flagged operations on (\d{4}-\d{2}-\d{2})$/.exec((await link.textContent())?.replace(/\s+/g, " ").trim() ?? "") ?? [];
    expect(Number(count)).toBeGreaterThan(0);
    await link.click();
    await expect(page).toHaveURL(new RegExp(`/activity\\?flagged=true&from=${day}&to=${day}$`));
    const rows = page.getByRole("table", { name: "Activity timeline" }).getByTestId("event-row");
    await expect(rows).toHaveCount(Math.min(Number(count), 50));
    for (const row of await rows.all()) await expect(row).toContainText(day!);
  });

  test("filters live in the URL", async ({ page }) => {
    await page.goto("/activity");
    const filters = page.getByRole("search", { name: "Filter activity" });
    await filters.getByLabel("agent", { exact: true }).check();
    await filters.getByLabel("production", { exact: true }).check();
    await filters.getByLabel("Destructive").selectOption("true");
    await filters.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/actorType=agent/);
    await expect(page).toHaveURL(/environment=production/);
    const rows = page.getByRole("table", { name: "Activity timeline" }).getByTestId("event-row");
    await expect(rows.first()).toBeVisible();
    for (const text of await rows.allInnerTexts()) {
      expect(text).toContain("Agent");
      expect(text).toContain("destructive");
    }
    await page.reload();
    await expect(page.getByRole("search", { name: "Filter activity" }).getByLabel("agent", { exact: true })).toBeChecked();
  });

  test("uploads NDJSON, sees accepted then duplicate counts; markup in a payload stays inert", async ({ page }) => {
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto("/activity/ingest");
    await expect(page.getByRole("link", { name: "the event JSON Schema" })).toHaveAttribute("href", "/api/v1/schemas/event.json");
    const file = ndjson();
    await uploadNdjson(page, file);
    await expect(page.getByTestId("ingest-accepted")).toHaveText("2");
    await expect(page.getByTestId("ingest-duplicate")).toHaveText("0");
    await expect(page.getByTestId("ingest-rejected")).toHaveText("1");
    await expect(page.getByRole("table", { name: "Rejected lines" }).getByRole("row").nth(1)).toContainText("3");

    await uploadNdjson(page, file);
    await expect(page.getByTestId("ingest-duplicate")).toHaveText("2");
    await expect(page.getByTestId("ingest-accepted")).toHaveText("0");

    // A file whose every line is refused (the API answers 422) still shows its report, line by line.
    const refused = Buffer.from(`${JSON.stringify({ event_id: `e2e-${suffix}-bad`, operation: "GetObject" })}\n`);
    await page.getByLabel("Log file").setInputFiles({ name: `e2e-${suffix}-bad.ndjson`, mimeType: "application/x-ndjson", buffer: refused });
    await page.getByRole("button", { name: "Upload and ingest" }).click();
    await expect(page.getByTestId("ingest-rejected")).toHaveText("1");
    await expect(page.getByTestId("ingest-accepted")).toHaveText("0");
    await expect(page.getByRole("table", { name: "Rejected lines" }).getByRole("row").nth(1)).toContainText("occurred_at");

    await page.goto(`/activity?q=${encodeURIComponent(suffix)}&actorType=agent`);
    const row = page.getByRole("table", { name: "Activity timeline" }).getByTestId("event-row");
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(MARKUP);
    await row.getByRole("link").first().click();
    await expect(page.getByTestId("raw-payload")).toContainText(MARKUP);
    await expect(page.getByTestId("raw-payload")).toContainText('"agent_name": "Claude Code"');
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    expect(dialogs).toEqual([]);
  });

  /** Opens the dialog and fills an approval of a staging volume deletion. */
  async function fillApproval(page: Page, fields: { reference: string; approver: string; approvedAt?: Date; expiresAt?: Date }) {
    await page.getByRole("button", { name: "Record approval" }).click();
    const dialog = page.getByRole("dialog", { name: "Record approval" });
    await dialog.getByLabel("Requester").fill("maya@pocketos.example");
    await dialog.getByLabel("Approver").fill(fields.approver);
    await dialog.getByLabel("Operation").fill("delete");
    await dialog.getByLabel("Resource").fill("railway:volume/pocket-staging-*");
    await dialog.getByLabel("Environment").selectOption("staging");
    await dialog.getByLabel("Reference").fill(fields.reference);
    if (fields.approvedAt) await dialog.getByLabel("Approved at (UTC)").fill(fields.approvedAt.toISOString().slice(0, 16));
    if (fields.expiresAt) await dialog.getByLabel("Expires at (UTC)").fill(fields.expiresAt.toISOString().slice(0, 16));
    await dialog.getByRole("button", { name: "Record approval" }).click();
    return dialog;
  }

  test("records an approval; the form shows field errors", async ({ page }) => {
    await page.goto("/activity/approvals");
    const table = page.getByRole("table", { name: "Approvals" });
    await expect(table.getByTestId("approval-row").first()).toBeVisible();
    const dialog = await fillApproval(page, { reference: `INC-${suffix}`, approver: "maya@pocketos.example" });
    await expect(dialog.getByText("the approver must be someone other than the requester")).toBeVisible();

    await dialog.getByLabel("Approver").fill("li@pocketos.example");
    await dialog.getByRole("button", { name: "Record approval" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(table).toContainText(`INC-${suffix}`);
    await expect(table.getByTestId("approval-row").filter({ hasText: `INC-${suffix}` }).getByTestId("recorded-late")).toHaveCount(0);

    // An approval stated a day before it is recorded counts only from its recording, and the table says so.
    await fillApproval(page, { reference: `LATE-${suffix}`, approver: "li@pocketos.example", approvedAt: new Date(Date.now() - 86_400_000) });
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(table.getByTestId("approval-row").filter({ hasText: `LATE-${suffix}` }).getByTestId("recorded-late")).toContainText("recorded late");
  });

  test("the same approval recorded twice is held once, and the page says the second changed nothing", async ({ page }) => {
    await page.goto("/activity/approvals");
    const table = page.getByRole("table", { name: "Approvals" });
    // Both instants stated: the form's defaults follow the clock, and a minute later they would be another approval.
    const approvedAt = new Date(Date.now() - 60_000);
    const same = { reference: `TWICE-${suffix}`, approver: "li@pocketos.example", approvedAt, expiresAt: new Date(approvedAt.getTime() + 3_600_000) };
    await fillApproval(page, same);
    await expect(page.getByTestId("approval-recorded")).toHaveText(`Approval TWICE-${suffix} recorded.`);
    await fillApproval(page, same);
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await expect(page.getByTestId("approval-recorded")).toHaveText(`Approval TWICE-${suffix} was already recorded; nothing changed.`);
    await expect(table.getByTestId("approval-row").filter({ hasText: `TWICE-${suffix}` })).toHaveCount(1);
  });
});

test.describe("admin approves an agent's delete after it was ingested", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("the event is no longer flagged and its page names the approval that covers it", async ({ page, baseURL }) => {
    const admin = await apiAs("admin", baseURL!);
    const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
    const resource = `railway:volume/late-${suffix}`;
    const event = { event_id: `late-${suffix}`, occurred_at: at(-2), actor_type: "agent", operation: "volumeDelete", resource, environment: "production", outcome: "success" };
    await expectJson(await admin.post("/api/v1/events", { data: `${JSON.stringify(event)}\n`, headers: { "Content-Type": "application/x-ndjson" } }), 200);
    const [stored] = (await expectJson<EventPage>(await admin.get(`/api/v1/events?q=late-${suffix}`), 200)).items;
    expect(stored).toMatchObject({ unapprovedDestructive: true, flagged: true });
    // Given in Slack five minutes ago, reaching Leash after the delete was ingested.
    const approval = { approver: "li@pocketos.example", requester: "maya@pocketos.example", operation: "volumeDelete", resource, environment: "production", approvedAt: at(-5), expiresAt: at(60), reference: `SLACK-${suffix}`, channel: "slack" };
    await expectJson(await admin.post("/api/v1/approvals", { data: approval }), 201);
    await admin.dispose();

    await page.goto(`/activity/events/${stored!.id}`);
    await expect(page.getByRole("heading", { name: `Event #${stored!.id}` })).toBeVisible();
    await expect(page.getByText("Flagged", { exact: true })).toHaveCount(0);
    await expect(page.getByTestId("flag-unapprovedDestructive")).toContainText("not raised");
    await expect(page.getByTestId("flag-unapprovedDestructive")).toContainText(`approved by li@pocketos.example (slack SLACK-${suffix})`);
    await expect(page.getByTestId("event-approval")).toContainText(`approved by li@pocketos.example via slack SLACK-${suffix}`);
  });
});

test.describe("admin pages through approvals", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("approvals past the first hundred are reached with Load more, not cut off", async ({ page, baseURL }) => {
    // The oldest approvals there are (2020): the last of them is on the last page whatever else is recorded.
    const admin = await apiAs("admin", baseURL!);
    for (let i = 0; i < 101; i++) {
      const approvedAt = new Date(Date.UTC(2020, 0, 1, 0, 101 - i)).toISOString();
      const approval = { approver: "li@pocketos.example", requester: "maya@pocketos.example", operation: "delete", resource: `railway:volume/old-${suffix}-${i}`, environment: "staging", approvedAt, expiresAt: new Date(Date.parse(approvedAt) + 3_600_000).toISOString(), reference: `OLD-${suffix}-${i}`, channel: "ticket" };
      await expectJson(await admin.post("/api/v1/approvals", { data: approval }), 201);
    }
    await admin.dispose();
    await page.goto("/activity/approvals");
    const rows = page.getByRole("table", { name: "Approvals" }).getByTestId("approval-row");
    await expect(rows).toHaveCount(100);
    await expect(page.getByText("100 approvals shown, more to load")).toBeVisible();
    const oldest = rows.filter({ hasText: `OLD-${suffix}-100` });
    await expect(oldest).toHaveCount(0);
    const more = page.getByRole("button", { name: "Load more" });
    while (await more.isVisible()) {
      const before = await rows.count();
      await more.click();
      await expect.poll(() => rows.count()).toBeGreaterThan(before);
    }
    await expect(page.getByText(/approvals, all shown$/)).toBeVisible();
    await expect(oldest).toHaveCount(1);
    expect(await rows.count()).toBeGreaterThan(101);
  });
});

test.describe("admin edits environment patterns", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("adds a pattern, sees it after a reload, and removes it again", async ({ page }) => {
    await page.goto("/activity/environments");
    const rows = page.getByTestId("environment-rule");
    const before = await rows.count();
    await page.getByRole("button", { name: "Add pattern" }).click();
    await page.getByRole("button", { name: "Save patterns" }).click();
    await expect(page.getByText("enter a pattern")).toBeVisible();

    const n = before + 1;
    await page.getByLabel(`Pattern ${n}`, { exact: true }).fill(`e2e-${suffix}-*`);
    await page.getByLabel(`Pattern ${n}: match on`).selectOption("host");
    await page.getByLabel(`Pattern ${n}: environment`).selectOption("staging");
    await page.getByRole("button", { name: "Save patterns" }).click();
    await expect(page.getByText("Patterns saved.")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel(`Pattern ${n}`, { exact: true })).toHaveValue(`e2e-${suffix}-*`);

    await page.getByRole("button", { name: `Remove pattern ${n}` }).click();
    await page.getByRole("button", { name: "Save patterns" }).click();
    await expect(page.getByText("Patterns saved.")).toBeVisible();
    await expect(rows).toHaveCount(before);
  });
});

test.describe("engineer of Platform", () => {
  test.use({ storageState: storageStatePath("engineer") });

  test("sees the incident event of their team's token", async ({ page, baseURL }) => {
    const id = await incidentEventId(baseURL!);
    await page.goto("/activity");
    await expect(page.getByRole("table", { name: "Flagged events" }).getByTestId("event-row").first()).toContainText("volumeDelete");
    await expect(page.getByRole("link", { name: "Ingest logs" })).toHaveCount(0);
    await page.goto(`/activity/events/${id}`);
    await expect(page.getByRole("heading", { name: `Event #${id}` })).toBeVisible();
    await expect(page.getByTestId("flag-unapprovedDestructive")).toContainText("raised");
  });
});

test.describe("engineer of another team", () => {
  test.use({ storageState: storageStatePath("engineerPayments") });

  test("does not see the Platform incident, and its event page is not found", async ({ page, baseURL }) => {
    const id = await incidentEventId(baseURL!);
    await page.goto("/activity");
    await expect(page.getByRole("heading", { name: "Activity", level: 1 })).toBeVisible();
    await expect(page.getByText("volumeDelete")).toHaveCount(0);
    await page.goto(`/activity/events/${id}`);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  });
});

test.describe("auditor", () => {
  test.use({ storageState: storageStatePath("auditor") });

  test("reads activity, approvals and environment patterns with no ingest or record controls", async ({ page }) => {
    await page.goto("/activity");
    await expect(page.getByRole("table", { name: "Flagged events" }).getByTestId("event-row").first()).toContainText("volumeDelete");
    await expect(page.getByRole("link", { name: "Ingest logs" })).toHaveCount(0);

    await page.goto("/activity/approvals");
    await expect(page.getByRole("table", { name: "Approvals" }).getByTestId("approval-row").first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Record approval" })).toHaveCount(0);

    await page.goto("/activity/environments");
    await expect(page.getByRole("table", { name: "Environment patterns" })).toContainText("pocket-prod*");
    await expect(page.getByRole("button", { name: /save|add|remove/i })).toHaveCount(0);

    await page.goto("/activity/ingest");
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Upload and ingest" })).toHaveCount(0);
  });
});
