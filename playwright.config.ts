// Browser and HTTP tests against the production build, in Debian's Chromium (never a
// downloaded browser: this machine has no outside network). One fresh database per run.

import crypto from "node:crypto";
import { defineConfig } from "@playwright/test";

// E2E_PORT lets two checkouts run their browser suites side by side.
const PORT = Number(process.env.E2E_PORT) || 3200;
const baseURL = `http://127.0.0.1:${PORT}`;
const ci = Boolean(process.env.CI);

// Set once in the runner process; workers inherit process.env, so every worker and the
// server agree on the admin and on the secret (the idle-timeout spec re-signs cookies).
process.env.E2E_BASE_URL ??= baseURL;
// CI builds into the default .next, which the reliability tests (vitest, before this) have
// built already (test/env.ts), so a CI run builds once; locally a separate dir keeps
// `npm start`'s build intact.
process.env.E2E_DIST_DIR ??= ci ? ".next" : process.env.BREAKWATER_DIST_DIR || ".next-e2e";
process.env.E2E_AUTH_SECRET ??= crypto.randomBytes(32).toString("base64url");
process.env.E2E_ADMIN_EMAIL ??= "admin@e2e.breakwater.test";
process.env.E2E_ADMIN_PASSWORD ??= `e2e-${crypto.randomBytes(12).toString("base64url")}`;
// Low per-account limit so the 429 is reachable in a test; the per-IP limit stays high
// because every test signs in from 127.0.0.1.
process.env.E2E_LOGIN_MAX_FAILURES_PER_ACCOUNT ??= "5";

export default defineConfig({
  testDir: "e2e",
  testMatch: /.*\.spec\.ts$/,
  fullyParallel: false,
  workers: ci ? 2 : 1,
  retries: 0,
  forbidOnly: ci,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    // The first-run journey creates the admin every other spec signs in as.
    { name: "first-run", testMatch: /first-run\.spec\.ts$/ },
    { name: "chromium", testIgnore: /first-run\.spec\.ts$/, dependencies: ["first-run"] },
  ],
  webServer: {
    // Builds (into .next in CI, .next-e2e locally) when sources changed, then serves it on a
    // fresh database; see e2e/support/web-server.ts.
    command: "npx tsx e2e/support/web-server.ts",
    url: `${baseURL}/api/health`,
    // A run owns its database: never attach to a server left over from another run.
    reuseExistingServer: false,
    timeout: 15 * 60_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    env: {
      PORT: String(PORT),
      BREAKWATER_DIST_DIR: process.env.E2E_DIST_DIR,
      AUTH_SECRET: process.env.E2E_AUTH_SECRET,
      // Session checks against the database on every request, so a disabled user or a role
      // change is visible at once instead of after the 60 s recheck.
      BREAKWATER_SESSION_RECHECK_SECONDS: "0",
      BREAKWATER_LOGIN_MAX_FAILURES_PER_ACCOUNT: process.env.E2E_LOGIN_MAX_FAILURES_PER_ACCOUNT,
      BREAKWATER_LOGIN_MAX_FAILURES_PER_IP: "100000",
      BREAKWATER_ENROLL_PER_MINUTE: "100000",
      BREAKWATER_LOG_LEVEL: "warn",
      // So the matrix can show that no session or host token opens /api/metrics.
      BREAKWATER_METRICS_TOKEN: "e2e-metrics-token-0123456789",
      // Playbook SLAs/escalations in seconds instead of minutes (e2e/playbook-run.spec.ts).
      BREAKWATER_PLAYBOOK_MINUTE_MS: "1000",
    },
  },
});
