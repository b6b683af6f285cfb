import { defineConfig } from "@playwright/test";
import { env } from "@/lib/env";
import { chromiumArgs, findChromiumExecutable } from "./e2e/chromium";
import { SERVER_NODE_OPTIONS } from "./scripts/server-command";

// The suite runs against `next start` (a production build) on E2E_PORT, with DATABASE_URL
// pointing at the fresh database that scripts/test.ts created, migrated and seeded.
export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: env.CI,
  retries: 0,
  timeout: 30_000,
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: findChromiumExecutable(), args: chromiumArgs },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    command: `./node_modules/.bin/next start -p ${env.E2E_PORT}`,
    // Every host of the app is virtual (routed by Host), so wait for the port, not a URL.
    port: env.E2E_PORT,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    stderr: "pipe",
    // One JSON line per request would drown the test report (README, "Operations").
    // NODE_OPTIONS: the heap cap `npm start` runs with (scripts/server-command.ts).
    env: { NEXT_TELEMETRY_DISABLED: "1", AUTH_TRUST_HOST: "true", REQUEST_LOG: "off", NODE_OPTIONS: SERVER_NODE_OPTIONS },
  },
});
