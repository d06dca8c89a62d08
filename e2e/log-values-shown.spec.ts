import { expect, test } from "@playwright/test";
import type { EventPage } from "@/lib/domain/activity-query";
import { storageStatePath, uniqueSuffix } from "./support/accounts";
import { apiAs, expectJson } from "./support/api";

// An event is kept as its log sent it, so who acted may carry a right-to-left override: "deploy-bot<U+202E>gnp.exe"
// would read as "deploy-botexe.png". The activity list and the event show the override instead of applying it.
test.use({ storageState: storageStatePath("admin") });

test("an actor's and agent's bidirectional overrides and control characters are shown, not applied", async ({ page, baseURL }) => {
  const suffix = uniqueSuffix();
  const admin = await apiAs("admin", baseURL!);
  const event = {
    event_id: `bidi-${suffix}`,
    occurred_at: new Date(Date.now() - 60_000).toISOString(),
    operation: "DescribeDBInstances",
    outcome: "success",
    actor_type: "agent",
    actor: `deploy-bot-${suffix}\u202egnp.exe\u202c`,
    agent_name: `agent-${suffix}\u001b[2J`,
    resource: `db-${suffix}\u2066prod\u2069`,
  };
  const ingest = await admin.post("/api/v1/events", { data: `${JSON.stringify(event)}\n`, headers: { "Content-Type": "application/x-ndjson" } });
  expect(ingest.status(), await ingest.text()).toBe(200);
  const recent = await expectJson<EventPage>(await admin.get("/api/v1/events?limit=20"), 200);
  const id = recent.items.find((e) => e.actor === event.actor)!.id;
  await admin.dispose();

  await page.goto(`/activity/events/${id}`);
  const facts = page.locator("dl").first();
  await expect(facts).toContainText(`deploy-bot-${suffix}\\u202egnp.exe\\u202c`);
  await expect(facts).toContainText(`agent-${suffix}\\x1b[2J`);
  await expect(facts).toContainText(`db-${suffix}\\u2066prod\\u2069`);
  expect(/[\u001b\u202a-\u202e\u2066-\u2069]/.test(await facts.innerText())).toBe(false);
});
