import { defineConfig, devices } from "@playwright/test";

// One server, one embedded database (a single process owns it), so tests run serially.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${PORT}`;
// Fresh data folder each run: the server seeds the demo workspace into an empty embedded database at start.
const DATA_DIR = ".leash-e2e";
// A local OpenID Connect provider (test infrastructure), so single sign-on is exercised end to end.
const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? 3199);
const OIDC_ISSUER = `http://127.0.0.1:${OIDC_PORT}`;
const OIDC_CLIENT_ID = "leash-e2e";
const OIDC_CLIENT_SECRET = "e2e-client-secret"; // not a secret: the mock provider's fixed test value
const OIDC_NAME = "Test IdP";

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: ".reports/e2e.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    // Playwright cannot download browsers here: use Debian's Chromium.
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /setup\/.*\.setup\.ts/ },
    {
      name: "journeys",
      testMatch: /.*\.spec\.ts/,
      dependencies: ["setup"],
      use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 } },
    },
  ],
  webServer: [
    {
      command: "node e2e/support/mock-oidc-provider.mjs",
      env: { MOCK_OIDC_PORT: String(OIDC_PORT), MOCK_OIDC_CLIENT_ID: OIDC_CLIENT_ID, MOCK_OIDC_CLIENT_SECRET: OIDC_CLIENT_SECRET },
      url: `${OIDC_ISSUER}/health`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `rm -rf ${DATA_DIR} && npx next start -p ${PORT}`,
      env: {
        LEASH_DATA_DIR: DATA_DIR,
        OIDC_ISSUER,
        OIDC_CLIENT_ID,
        OIDC_CLIENT_SECRET,
        OIDC_NAME,
      },
      url: `${baseURL}/api/v1/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
