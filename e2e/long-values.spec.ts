import { expect, test, type Locator, type Page } from "@playwright/test";
import type { EventPage } from "@/lib/domain/activity-query";
import type { CredentialPage, ImportRunDto } from "@/lib/domain/credential-query";
import type { ApprovalDto } from "@/lib/server/approvals";
import { storageStatePath, uniqueSuffix } from "./support/accounts";
import { apiAs, expectJson } from "./support/api";

// Names, agent names and references are whatever an import, a log or a person sent, up to their bounds, and one
// without spaces must wrap where it is shown: not widen the page past the window, nor a table column past reason.
test.describe.configure({ mode: "serial" });
test.use({ storageState: storageStatePath("admin") });

const suffix = uniqueSuffix();
const name = `long-${suffix}-${"W".repeat(220)}`;
const agentName = `agent-${suffix}-${"A".repeat(4000)}`;
const reference = `CHG-${suffix}-${"R".repeat(480)}`;
const ids = { credential: "", event: "" };

async function pageOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
async function width(locator: Locator): Promise<number> {
  return (await locator.boundingBox())!.width;
}

test.beforeAll(async ({ baseURL }) => {
  const admin = await apiAs("admin", baseURL!);
  const record = { external_id: `long-${suffix}`, name, provider: "aws", kind: "access_key", principal_type: "service", agent_accessible: true, environments: ["production"], expires_at: "never", team: "Platform" };
  const run = await expectJson<ImportRunDto>(await admin.post(`/api/v1/credentials?source=long-${suffix}`, { data: [record] }), 201);
  expect(run.counts.created).toBe(1);
  ids.credential = (await expectJson<CredentialPage>(await admin.get(`/api/v1/credentials?q=long-${suffix}`), 200)).items[0]!.id;
  const event = { event_id: `long-${suffix}`, occurred_at: new Date(Date.now() - 60_000).toISOString(), operation: "DescribeDBInstances", outcome: "success", actor_type: "agent", agent_name: agentName, credential: { external_id: `long-${suffix}` } };
  const ingest = await admin.post("/api/v1/events", { data: `${JSON.stringify(event)}\n`, headers: { "Content-Type": "application/x-ndjson" } });
  expect(ingest.status(), await ingest.text()).toBe(200);
  ids.event = String((await expectJson<EventPage>(await admin.get(`/api/v1/events?credential=${ids.credential}`), 200)).items[0]!.id);
  const now = Date.now();
  const approval = { approver: "lead@example.com", requester: "dev@example.com", operation: "delete", resource: `long-${suffix}`, environment: "production", approvedAt: new Date(now - 60_000).toISOString(), expiresAt: new Date(now + 3_600_000).toISOString(), reference, channel: "ticket" };
  await expectJson<ApprovalDto>(await admin.post("/api/v1/approvals", { data: approval }), 201);
  await admin.dispose();
});

test("a credential's long name wraps in its header and in the inventory's name column", async ({ page }) => {
  await page.goto(`/credentials/${ids.credential}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`long-${suffix}`);
  expect(await pageOverflow(page)).toBe(0);

  await page.goto(`/credentials?q=long-${suffix}`);
  const link = page.getByRole("link", { name: new RegExp(`long-${suffix}`) }).first();
  await expect(link).toBeVisible();
  expect(await width(link)).toBeLessThanOrEqual(320);
});

test("an event's long agent name wraps on the event and in the activity list", async ({ page }) => {
  await page.goto(`/activity/events/${ids.event}`);
  await expect(page.getByText(`agent-${suffix}`, { exact: false }).first()).toBeVisible();
  expect(await pageOverflow(page)).toBe(0);

  await page.goto(`/credentials/${ids.credential}`);
  const agentCell = page.getByTestId("event-row").getByText(`agent-${suffix}`, { exact: false }).first();
  await expect(agentCell).toBeVisible();
  expect(await width(agentCell)).toBeLessThanOrEqual(192);
});

test("an approval's long reference wraps in the approvals table", async ({ page }) => {
  await page.goto("/activity/approvals");
  const cell = page.getByTestId("approval-row").filter({ hasText: `CHG-${suffix}` }).getByRole("cell").first();
  await expect(cell).toBeVisible();
  expect(await width(cell)).toBeLessThanOrEqual(400);
});
