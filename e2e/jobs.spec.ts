import { expect, test } from "@playwright/test";
import { storageStatePath } from "./support/accounts";
import { apiAs, expectJson } from "./support/api";

// Background jobs as people see them: an upload sent with Prefer: respond-async is accepted at once, shows up in
// Settings → Jobs with its progress, and ends with its result; an engineer sees only their own jobs.

type Job = { id: string; status: string; result: { status?: string } | null };

test.describe("jobs", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("an async import is accepted with 202, runs in the background and is listed as succeeded", async ({ page, baseURL }) => {
    const api = await apiAs("admin", baseURL!);
    const csv = ["external_id,name,provider,kind,team,environments,agent_accessible", "job-e2e-1,Job e2e key,aws,access_key,Payments,production,false"].join("\n");
    // page.request shares the admin's cookies and, unlike the JSON client, lets Playwright set the multipart type.
    const accepted = await page.request.post("/api/v1/imports", {
      headers: { Origin: new URL(baseURL!).origin, Prefer: "respond-async" },
      multipart: { format: "leash-csv", source: "jobs-e2e", file: { name: "jobs-e2e.csv", mimeType: "text/csv", buffer: Buffer.from(csv) } },
    });
    const job = await expectJson<Job>(accepted, 202);
    expect(accepted.headers()["location"]).toBe(`/api/v1/jobs/${job.id}`);
    await expect
      .poll(async () => (await expectJson<Job>(await api.get(`/api/v1/jobs/${job.id}`), 200)).status)
      .toBe("succeeded");
    expect((await expectJson<Job>(await api.get(`/api/v1/jobs/${job.id}`), 200)).result).toMatchObject({ status: "applied" });

    await page.goto("/settings/jobs");
    const row = page.getByTestId(`job-${job.id}`);
    await expect(row).toContainText("Credential import");
    await expect(row).toContainText("jobs-e2e.csv");
    await expect(row).toContainText("succeeded");
    await api.dispose();
  });

  test("an engineer's Jobs page lists only their own jobs", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ storageState: storageStatePath("engineer") });
    const page = await context.newPage();
    await page.goto("/settings/jobs");
    await expect(page.getByRole("heading", { name: "Jobs" })).toBeVisible();
    await expect(page.getByText("jobs-e2e.csv")).toHaveCount(0);
    const api = await apiAs("engineer", baseURL!);
    const list = await expectJson<{ jobs: Job[] }>(await api.get("/api/v1/jobs"), 200);
    expect(JSON.stringify(list.jobs)).not.toContain("jobs-e2e.csv");
    await api.dispose();
    await context.close();
  });
});
