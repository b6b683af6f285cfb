// `npm test` — the whole suite on a fresh database:
//   1. `next build` (type errors fail the run),
//   1b. the README's quick start as a newcomer runs it: `npm run demo` with no DATABASE_URL
//      (the embedded Postgres), driven by Chromium, zero 5xx (scripts/demo-smoke.ts),
//   2. unit and integration tests (vitest) against a real Postgres, the HTTP-level ones
//      against that build under `next start`,
//   3. the Playwright suite in Chromium against `next start`,
//   4. no secret the browsers handled in that server's log (scripts/e2e-log-secrets.ts),
//   5. the production topology, reduced: haproxy (TLS) → 2 instances → PgBouncer (transaction
//      pooling), the HTTP-level checks, an instance killed, PgBouncer restarted (scripts/topology).
// The database: TEST_DATABASE_URL, else a Postgres on 127.0.0.1:5432, else (never in CI)
// an in-memory embedded Postgres. A fresh database is created for the run and dropped after.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, openSync } from "node:fs";
import { env } from "@/lib/env";
import { testEnv as testSettings } from "@/test/test-env";
import { isPrismaClientStale } from "./prisma-client-stale";
import { applyMigrations } from "@/tooling/db/migrate";
import { createFreshDatabase, findLocalPostgres } from "@/tooling/db/test-database";
import { startEmbeddedPostgres } from "@/tooling/db/embedded";
import { seedDemoData } from "@/prisma/seed";
import { E2E_SERVER_LOG } from "@/e2e/support/log-files";
import { runE2eLogSecretCheck } from "./e2e-log-secrets";
import { startChildServer } from "./child-server";
import { nextStartCommand, TEST_TRUSTED_PROXIES } from "./server-command";
import { ensureChromium } from "@/e2e/chromium";
import { runDemoSmoke } from "./demo-smoke";
import { startMailCatcher } from "./mail/catcher";
import { runReducedTopology } from "./topology/reduced";

type Step = { name: string; ok: boolean; seconds: number };

function run(command: string, args: string[], extraEnv: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, ...extraEnv } });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on("error", () => resolve(1));
  });
}

async function timed(steps: Step[], name: string, action: () => Promise<number>): Promise<boolean> {
  const started = performance.now();
  console.log(`\n=== ${name} ===`);
  const code = await action();
  steps.push({ name, ok: code === 0, seconds: (performance.now() - started) / 1000 });
  return code === 0;
}

async function openDatabase(): Promise<{ url: string; serverUrl: string | null; clientEnv: Record<string, string>; close: () => Promise<void> }> {
  const serverUrl = await findLocalPostgres();
  if (serverUrl) {
    const fresh = await createFreshDatabase({ serverUrl, prefix: "mss_test" });
    console.log(`test database: ${fresh.name} on the local Postgres server`);
    return { url: fresh.url, serverUrl, clientEnv: {}, close: fresh.drop };
  }
  if (testSettings.CI) throw new Error("CI must test against a real Postgres on 127.0.0.1:5432 (or TEST_DATABASE_URL); none answered");
  console.log("NOTE: no local Postgres server answered; testing on an in-memory embedded Postgres (PGlite).");
  console.log("      Tests that create their own extra databases are skipped. CI always uses the real server.");
  const embedded = await startEmbeddedPostgres({ dataDir: "memory://", port: 0 });
  return { url: embedded.url, serverUrl: null, clientEnv: embedded.clientEnv, close: embedded.stop };
}

async function main(): Promise<number> {
  const started = performance.now();
  // Before anything runs: a run that would fail at the browser steps after minutes of building stops now, in one line.
  const browser = ensureChromium();
  if (!browser.ok) {
    console.error(browser.message);
    return 1;
  }
  console.log(`browser: ${browser.how}`);
  if (isPrismaClientStale()) {
    if ((await run("node", ["scripts/prisma-generate.mjs"], {})) !== 0) return 1;
  }
  const database = await openDatabase();
  // A real SMTP server for the whole run: the servers under test send through it, the tests
  // read what it caught (MAIL_CATCHER_URL, JSON at /api/messages) and follow the links.
  const mail = await startMailCatcher();
  console.log(`mail catcher: ${mail.smtpUrl} (web view ${mail.webUrl})`);
  const steps: Step[] = [];
  try {
    await applyMigrations({ connectionString: database.url });
    await seedDemoData({ connectionString: database.url, port: testSettings.E2E_PORT });
    const testEnv: Record<string, string> = {
      // The embedded database's own requirements (no named prepared statements), if it is the one.
      ...database.clientEnv,
      DATABASE_URL: database.url,
      AUTH_SECRET: env.AUTH_SECRET ?? randomBytes(32).toString("base64url"),
      NEXT_TELEMETRY_DISABLED: "1",
      // The HTTP tests and Playwright play the load balancer (X-Forwarded-For from loopback).
      TRUSTED_PROXIES: TEST_TRUSTED_PROXIES,
      // GET /api/metrics answers only with a token; the HTTP tests read it from here.
      METRICS_TOKEN: env.METRICS_TOKEN ?? randomBytes(24).toString("base64url"),
      PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1",
      SMTP_URL: mail.smtpUrl,
      MAIL_CATCHER_URL: mail.webUrl,
      // Retries within seconds, so the SMTP-outage test waits seconds, not minutes.
      MAIL_RETRY_BASE_SECONDS: "1",
      MAIL_RETRY_MAX_SECONDS: "4",
      MAIL_POLL_MS: "500",
      // The webhook tests run their receiver on loopback, which production refuses (README, "Webhooks").
      WEBHOOK_ALLOW_PRIVATE_HOSTS: "127.0.0.1",
      ...(database.serverUrl ? { TEST_DATABASE_URL: database.serverUrl } : {}),
    };
    const bin = (name: string) => `./node_modules/.bin/${name}`;
    // Build first: the HTTP-level integration tests need the production server.
    const built = await timed(steps, "production build (next build)", () => run(bin("next"), ["build"], testEnv));
    if (!built) return summarize(steps, started);
    // Right after the build, which the demo then finds up to date (it must not rebuild).
    await timed(steps, "the README's quick start: npm run demo on the embedded database, in Chromium", runDemoSmoke);
    await timed(steps, "unit and integration tests (vitest, against next start)", async () => {
      const server = await startAppServer(testSettings.E2E_PORT, testEnv);
      try {
        return await run(bin("vitest"), ["run"], { ...testEnv, TEST_APP_PORT: String(testSettings.E2E_PORT) });
      } finally {
        await server.stop();
      }
    });
    console.log(`e2e server log: ${E2E_SERVER_LOG}`);
    await timed(steps, "end-to-end tests (playwright, chromium)", () => run(bin("playwright"), ["test"], testEnv));
    // After Playwright has stopped its server (its log is complete), before the database is dropped.
    await timed(steps, "no secret in the e2e server's log", () => runE2eLogSecretCheck(database.url));
    // Its own database, processes and temp files, all removed when it ends.
    await timed(steps, "production topology, reduced: haproxy (TLS) → 2 instances → PgBouncer", runReducedTopology);
  } finally {
    await mail.stop();
    await database.close();
  }
  return summarize(steps, started);
}

function summarize(steps: Step[], started: number): number {
  console.log("\n=== summary ===");
  for (const step of steps) console.log(`${step.ok ? "PASS" : "FAIL"}  ${step.name}  (${step.seconds.toFixed(1)} s)`);
  const failed = steps.filter((s) => !s.ok).length;
  console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(`steps: ${steps.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

/** `next start` for the HTTP-level tests; stopped by its own PID. */
async function startAppServer(port: number, extraEnv: Record<string, string>): Promise<{ stop: () => Promise<void> }> {
  // Not under test-results/, which Playwright empties when its step begins.
  mkdirSync("reliability-results", { recursive: true });
  const log = openSync("reliability-results/next-start-vitest.log", "w");
  console.log("server log: reliability-results/next-start-vitest.log");
  return startChildServer({ name: "next start", ...nextStartCommand(port), port, stdio: ["ignore", log, log], env: { ...process.env, ...extraEnv } });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`npm test failed to run: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
