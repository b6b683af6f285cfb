import { defineConfig } from "@playwright/test";
import { testEnv } from "@/test/test-env";
import { chromiumArgs, findChromiumExecutable } from "./e2e/chromium";
import { E2E_SERVER_LOG } from "./e2e/support/log-files";
import { serverShellCommand, TEST_TRUSTED_PROXIES } from "./scripts/server-command";
import type { SignInPlace } from "./e2e/support/fixtures";

// The suite runs against the production server (server.mjs, as `npm start` runs it) on E2E_PORT,
// with DATABASE_URL pointing at the fresh database that scripts/test.ts created, migrated and seeded.
export default defineConfig<{ signInPlace: SignInPlace }>({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: testEnv.CI,
  retries: 0,
  timeout: 30_000,
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    // Through the topology (E2E_SCHEME=https) Chromium verifies the certificate like any browser,
    // trusting only the topology's own key (its SPKI pin) instead of a CA in a system store.
    launchOptions: { executablePath: findChromiumExecutable(), args: [...chromiumArgs, ...(testEnv.E2E_SPKI_PINS ? [`--ignore-certificate-errors-spki-list=${testEnv.E2E_SPKI_PINS}`] : [])] },
  },
  projects: [
    { name: "chromium", use: { browserName: "chromium" } },
    // The same specs again where readers sign in on the auth domain's hosted pages (issue 17):
    // the organisations they make host sign-in (e2e/support/fixtures.ts, makeOrg). Their sign-ins
    // go through signInViaUi, which the hosted page answers like the site's own.
    {
      name: "chromium-hosted-sign-in",
      use: { browserName: "chromium", signInPlace: "hosted" },
      // Not reader.spec.ts: its Opt In Continue signs in on the spot, which hosted sign-in
      // replaces by a click on the auth domain's page (e2e/hosted-sign-in.spec.ts covers that).
      testMatch: ["logout-scopes.spec.ts", "multi-tab.spec.ts", "account-email.spec.ts", "attacks.spec.ts"],
      // Each hosted sign-in is a page more, on another host.
      timeout: 60_000,
    },
  ],
  // E2E_SCHEME=https: the topology's load balancer and instances are already up (npm run topology).
  webServer: testEnv.E2E_SCHEME === "https" ? undefined : {
    // The server's output, request logs included, goes to a file that scripts/e2e-log-secrets.ts
    // searches for the secrets the browsers handled. Playwright runs the command through a shell;
    // `exec` replaces that shell with `next start`, so the process Playwright owns, signals and
    // waits for is the server itself (and it kills the whole process group anyway: no orphan).
    // test-results/ is created here because Playwright has just emptied it.
    command: `mkdir -p test-results && exec ${serverShellCommand(testEnv.E2E_PORT)} > ${E2E_SERVER_LOG} 2>&1`,
    // Every host of the app is virtual (routed by Host), so wait for the port, not a URL.
    port: testEnv.E2E_PORT,
    reuseExistingServer: false,
    timeout: 60_000,
    // SIGTERM first, so the server finishes writing its log before the check reads it.
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    stdout: "ignore",
    stderr: "pipe",
    // TRUSTED_PROXIES: the suite plays the load balancer — each browser context sends its own
    // client address in X-Forwarded-For from loopback (e2e/support/fixtures.ts), so rate limits
    // of one test never reach another; loopback is trusted to say so, nobody else.
    env: { NEXT_TELEMETRY_DISABLED: "1", REQUEST_LOG: "json", TRUSTED_PROXIES: TEST_TRUSTED_PROXIES, WEBHOOK_ALLOW_PRIVATE_HOSTS: "127.0.0.1" },
  },
});
