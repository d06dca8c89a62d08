import { execFile } from "node:child_process";
import { createHash, generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { extractText, getDocumentProxy } from "unpdf";
import type { EvidencePackageDto } from "@/lib/domain/evidence";
import type { JobDto } from "@/lib/domain/jobs";
import type { PostureDto } from "@/lib/domain/posture";
import { frameworkById } from "@/lib/rules";
import { readZipEntries } from "@/lib/evidence/package/read-zip";
import { SECTION_TITLES } from "@/lib/evidence/report/sections-posture";
import type { PublicKeyDto } from "@/lib/server/evidence-keys";
import { accounts, storageStatePath } from "./support/accounts";
import { sameOriginHeaders } from "./support/api";
import { alertWithText } from "./support/sign-in";

// The CLI runs as e2e/cli-remote.spec.ts runs it: node cli/leash.mjs from the repository root, against the e2e server.
const run = promisify(execFile);
const DATA_DIR = ".leash-e2e"; // the e2e server's (playwright.config.ts)
const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));

async function leash(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["cli/leash.mjs", ...args], { cwd: REPO_ROOT, env: { ...process.env, CI: "true", LEASH_DATA_DIR: DATA_DIR }, timeout: 90_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The OSCAL 1.0.6 schemas are draft-07; strict mode would reject their annotation keywords (as in oscal.test.ts). */
function oscalErrors(schemaFile: string, document: unknown): string[] {
  const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, "lib/evidence/oscal/schemas", schemaFile), "utf8")) as object;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return validate(document) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

const PACKAGE_FILES = [
  "manifest.json", "manifest.sig", "SHA256SUMS", "SHA256SUMS.sig", "README.txt", "summary/controls.csv", "summary/daily-controls.csv", "populations/CC6.1.csv", "inventory/credentials.csv",
  "findings/findings.csv", "exceptions/exceptions.csv", "scans/corpora.csv", "scans/scan-runs.csv", "scans/secret-findings.csv", "activity/events.csv", "audit/audit-log.jsonl",
  "audit/chain-verification.json", "report.pdf", "oscal/assessment-results.json", "oscal/poam.json",
];

test.describe("auditor builds, downloads and verifies an evidence package", () => {
  test.use({ storageState: storageStatePath("auditor") });
  test.setTimeout(180_000);

  test("SOC 2 as of now: listed with its SHA-256, downloaded, verified by the CLI, OSCAL valid, report complete", async ({ page, baseURL }) => {
    await page.goto("/evidence");
    await expect(page.getByRole("heading", { name: "Evidence", level: 1 })).toBeVisible();

    // The verify panel shows the key the public endpoint publishes.
    const published = (await (await page.request.get("/api/v1/evidence/public-key")).json()) as { current: string; keys: PublicKeyDto[] };
    const currentKey = published.keys.find((k) => k.keyId === published.current)!;
    const verifyPanel = page.getByRole("region", { name: "Verify a package" });
    await expect(verifyPanel.getByTestId("current-key-id")).toHaveText(currentKey.keyId);
    expect((await verifyPanel.getByTestId("public-key-pem").innerText()).trim()).toBe(currentKey.publicKeyPem.trim());
    await expect(verifyPanel).toContainText("sha256sum -c SHA256SUMS");
    await expect(verifyPanel).toContainText("openssl pkeyutl -verify -pubin -inkey leash-public-key.pem -rawin -in manifest.json -sigfile manifest.sig");
    await expect(verifyPanel).toContainText("leash evidence verify package.zip --public-key leash-public-key.pem");

    const form = page.getByRole("form", { name: "Build an evidence package" });
    await form.getByLabel("Framework").selectOption("soc2");
    const buildButton = form.getByRole("button", { name: "Build package" });

    // A reversed period is refused in the browser, next to the field, before any request.
    await form.getByRole("radio", { name: /Audit period/ }).check();
    await form.getByLabel("First day (UTC)").fill("2026-03-31");
    await form.getByLabel("Last day (UTC)").fill("2026-01-01");
    await buildButton.click();
    await expect(form.getByText("must not be before the first day")).toBeVisible();

    // The server refuses an instant in the future; its message and field error show inline.
    await form.getByRole("radio", { name: /As of an instant/ }).check();
    await form.getByLabel("As of (UTC)").fill("2999-01-01T00:00");
    await buildButton.click();
    await expect(alertWithText(page, "Evidence cannot be built for the future")).toBeVisible();
    await expect(form.getByText("in the future", { exact: true })).toBeVisible();

    // As of now: empty instant. The build runs as a job; the page's re-reads of it are held until its progress has
    // been seen, so the check cannot race the job finishing.
    await form.getByLabel("As of (UTC)").fill("");
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/api/v1/jobs/*", async (route) => {
      await held;
      await route.continue();
    });
    const queued = page.waitForResponse((r) => r.url().endsWith("/api/v1/evidence") && r.request().method() === "POST");
    await buildButton.click();
    const response = await queued;
    expect(response.status()).toBe(202);
    const submitted = (await response.json()) as JobDto;
    expect(submitted).toMatchObject({ kind: "evidence", input: { framework: "soc2" } });
    const progress = form.getByRole("status", { name: "Build progress" });
    await expect(progress).toContainText(`Build job ${submitted.id.slice(0, 8)}`);
    await expect(progress).toContainText(/Waiting for a worker|Starting|step \d of 4/);
    await expect(form.getByRole("button", { name: "Building and signing…" })).toBeDisabled();
    await expect(form).toHaveAttribute("aria-busy", "true");
    const finished = page.waitForResponse(async (r) => r.url().endsWith(`/api/v1/jobs/${submitted.id}`) && ((await r.json()) as JobDto).status === "succeeded", { timeout: 120_000 });
    release();
    const pkg = ((await (await finished).json()) as JobDto).result as EvidencePackageDto;
    await page.unroute("**/api/v1/jobs/*");
    await expect(progress).toContainText("Done");

    expect(pkg).toMatchObject({ framework: "soc2", scope: { kind: "as_of" }, createdBy: accounts.auditor.email, keyId: currentKey.keyId });
    expect(pkg.sha256).toMatch(/^[0-9a-f]{64}$/);
    const asOf = pkg.scope.kind === "as_of" ? Date.parse(pkg.scope.asOf) : Number.NaN;
    expect(Math.abs(asOf - Date.now())).toBeLessThan(5 * 60_000);
    await expect(form.getByTestId("build-result-sha256")).toHaveText(pkg.sha256);
    await expect(form.getByRole("status").filter({ hasText: "SOC 2 package built and signed" })).toBeVisible();
    await expect(buildButton).toBeEnabled();

    // Newest first: the new package is the top row, with its SHA-256, author and key.
    const row = page.getByTestId("evidence-package-row").first();
    await expect(row.getByTestId("package-sha256")).toHaveText(pkg.sha256);
    await expect(row).toContainText("SOC 2");
    await expect(row.getByTestId("package-scope")).toHaveText(/^As of \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    await expect(row).toContainText(accounts.auditor.email);
    await expect(row).toContainText(pkg.keyId);

    // The browser's own download: exactly the stored bytes.
    const dir = mkdtempSync(path.join(tmpdir(), "leash-e2e-evidence-"));
    const [download] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: /^Download/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^leash-evidence-soc2-[\w-]+\.zip$/);
    const zipPath = path.join(dir, download.suggestedFilename());
    await download.saveAs(zipPath);
    const zip = readFileSync(zipPath);
    expect(createHash("sha256").update(zip).digest("hex")).toBe(pkg.sha256);
    expect(zip.length).toBe(pkg.bytes);

    // The CLI verifies it against the keys the server publishes, and against the PEM saved from the page.
    const verified = await leash(["evidence", "verify", zipPath, "--server", baseURL!]);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toContain(`${zipPath}: OK — signed by key ${pkg.keyId}`);

    const [pemDownload] = await Promise.all([page.waitForEvent("download"), verifyPanel.getByRole("link", { name: "Download leash-public-key.pem" }).click()]);
    expect(pemDownload.suggestedFilename()).toBe("leash-public-key.pem");
    const pemPath = path.join(dir, "leash-public-key.pem");
    await pemDownload.saveAs(pemPath);
    const offline = await leash(["evidence", "verify", zipPath, "--public-key", pemPath]);
    expect(offline.code, offline.stderr).toBe(0);
    expect(offline.stdout).toContain("OK");

    // Any other key refuses it: the check above could fail.
    const otherPem = generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "pem" }).toString();
    writeFileSync(path.join(dir, "other.pem"), otherPem);
    const refused = await leash(["evidence", "verify", zipPath, "--public-key", path.join(dir, "other.pem")]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).not.toContain("OK");
    expect(refused.stdout).toContain(`manifest.sig: the signature over manifest.json does not verify with the given public key (signed by key ${pkg.keyId})`);

    // Inside: every documented file, OSCAL valid against the NIST schemas, and a report with a page per section.
    const entries = await readZipEntries(zip);
    expect([...entries.keys()]).toEqual(expect.arrayContaining(PACKAGE_FILES));
    const assessmentResults = JSON.parse(entries.get("oscal/assessment-results.json")!.toString("utf8")) as Record<string, unknown>;
    const poam = JSON.parse(entries.get("oscal/poam.json")!.toString("utf8")) as Record<string, unknown>;
    expect(Object.keys(assessmentResults)).toEqual(["assessment-results"]);
    expect(Object.keys(poam)).toEqual(["plan-of-action-and-milestones"]);
    expect(oscalErrors("oscal_assessment-results_schema.json", assessmentResults)).toEqual([]);
    expect(oscalErrors("oscal_poam_schema.json", poam)).toEqual([]);

    const pdf = await getDocumentProxy(new Uint8Array(entries.get("report.pdf")!));
    const titles = Object.values(SECTION_TITLES);
    expect(titles).toHaveLength(8);
    expect(pdf.numPages).toBeGreaterThanOrEqual(titles.length);
    const { text: pages } = await extractText(pdf, { mergePages: false });
    const firstLines = pages.map((p) => p.split("\n", 1)[0]!.trim());
    for (const title of titles) expect(firstLines, `a page starting with "${title}"`).toContain(title);
  });
});

test.describe("admin previews what a package will hold", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("the contents panel names the chosen framework's controls, their populations now, and the scope's days", async ({ page }) => {
    await page.goto("/evidence");
    const form = page.getByRole("form", { name: "Build an evidence package" });
    const contents = page.getByRole("region", { name: /^What the .* package will contain$/ });
    const controls = contents.getByTestId("contents-control");

    await form.getByLabel("Framework").selectOption("soc2");
    await expect(contents.getByRole("heading", { level: 2 })).toHaveText("What the SOC 2 package will contain");
    const soc2 = frameworkById("soc2")!.controls.map((c) => c.id);
    await expect(controls).toHaveCount(soc2.length);
    await expect(contents).toContainText(`${soc2.length} controls, each with its population file:`);
    for (const [i, id] of soc2.entries()) await expect(controls.nth(i)).toContainText(id);

    // As of now, each control shows the size of its population from the latest evaluation, as the posture API has it.
    const posture = (await (await page.request.get("/api/v1/posture?framework=soc2")).json()) as PostureDto;
    for (const [i, id] of soc2.entries()) {
      const p = posture.controls.find((c) => c.id === id)!.population;
      const total = p.pass + p.fail + p.excepted + p.not_applicable;
      await expect(controls.nth(i).getByTestId("contents-population")).toContainText(`${total} ${total === 1 ? "item" : "items"} (${p.pass} pass, ${p.fail} fail, ${p.excepted} excepted)`);
    }

    // Another framework: its own controls, none of SOC 2's.
    await form.getByLabel("Framework").selectOption("pci-dss-4.0.1");
    await expect(contents.getByRole("heading", { level: 2 })).toHaveText("What the PCI DSS v4.0.1 package will contain");
    const pci = frameworkById("pci-dss-4.0.1")!.controls.map((c) => c.id);
    await expect(controls).toHaveCount(pci.length);
    await expect(controls.first()).toContainText(pci[0]!);
    await expect(contents).not.toContainText(soc2[0]!);

    // A past instant is not rebuilt to preview it: its counts come with the package.
    await form.getByLabel("As of (UTC)").fill("2026-01-05T09:30");
    await expect(contents).toContainText("The posture at 2026-01-05 09:30 UTC, and the 30 days before it.");
    await expect(contents).toContainText("the population counts are computed when the package is built");
    await expect(contents.getByTestId("contents-population")).toHaveCount(0);

    // A period names its days.
    await form.getByRole("radio", { name: /Audit period/ }).check();
    await form.getByLabel("First day (UTC)").fill("2026-01-01");
    await form.getByLabel("Last day (UTC)").fill("2026-03-31");
    await expect(contents).toContainText("Every UTC day from 2026-01-01 to 2026-03-31 (90 days)");
  });
});

test.describe("engineer", () => {
  test.use({ storageState: storageStatePath("engineer") });

  test("is told evidence is not for their role: no build form, no packages, and the API refuses", async ({ page }) => {
    await page.goto("/evidence");
    await expect(page.getByRole("heading", { name: "Evidence", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Evidence is not available to your role" })).toBeVisible();
    await expect(page.getByRole("form", { name: "Build an evidence package" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Build package" })).toHaveCount(0);
    await expect(page.getByRole("table", { name: "Evidence packages" })).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Verify a package" })).toHaveCount(0);

    expect((await page.request.get("/api/v1/evidence")).status()).toBe(403);
    const refused = await page.request.post("/api/v1/evidence", { headers: sameOriginHeaders(page), data: { framework: "soc2" } });
    expect(refused.status()).toBe(403);
  });
});
