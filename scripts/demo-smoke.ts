// `npm test`'s smoke run of the README's quick start, exactly as a newcomer types it:
// `npm run demo` with no DATABASE_URL (so the embedded Postgres), driven by Chromium with
// concurrent page loads on every demo host and a reader sign-in, counting every response's
// status. Zero 5xx required. It once answered `302 500 500 500 500 500` to six concurrent
// loads of one site while every other test passed: nothing else runs the embedded path.
//
// Runs after `next build` (the demo finds the build up to date and must not rebuild); the
// demo gets a free PORT and a throw-away EMBEDDED_DB_DIR, and is stopped by its PID (SIGTERM:
// it stops Next, then the embedded database). Figures go to reliability-results/figures.jsonl.
// Alone: `tsx scripts/demo-smoke.ts`.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Page } from "@playwright/test";
import { chromiumArgs, findChromiumExecutable } from "@/e2e/chromium";
import { recordFigures } from "@/test/reliability/support/figures";

const root = fileURLToPath(new URL("..", import.meta.url));
// The demo starts in ~15 s on an idle machine (a fresh PGlite, migrations, the seed's argon2 hashes, next start); allow for a busy one.
const START_TIMEOUT_MS = 120_000;
const ROUNDS = 3;
/** Browsers (contexts) loading every host at once, each in its own tab: 2 × 6 = 12 concurrent page loads a round. */
const BROWSERS = 2;
const HOSTS = ["news.localhost", "sport.localhost", "recipes.localhost", "daily.localhost", "admin.localhost", "auth.acme.localhost"];
const READER = { email: "reader@example.com", password: "reader-password-1" };

type Tally = { requests: number; statuses: Record<string, number>; serverErrors: string[]; failed: string[] };

export async function runDemoSmoke(): Promise<number> {
  const started = performance.now();
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), "mss-demo-smoke-"));
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), EMBEDDED_DB_PORT: "0", EMBEDDED_DB_DIR: join(dataDir, "pglite"), NEXT_TELEMETRY_DISABLED: "1" };
  // What a newcomer's shell has: no database. (CI=true stays: the demo uses the embedded database there too.)
  delete childEnv.DATABASE_URL;

  let output = "";
  const demo = spawn("npm", ["run", "demo"], { cwd: root, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<number>((resolve) => demo.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  const onOutput = (chunk: Buffer) => (output += chunk.toString());
  demo.stdout?.on("data", onOutput);
  demo.stderr?.on("data", onOutput);
  const tally: Tally = { requests: 0, statuses: {}, serverErrors: [], failed: [] };
  let problem: string | undefined;
  let demoPid: number | undefined;
  let startSeconds = 0;
  try {
    const start = await waitForDemo(() => output, exited);
    startSeconds = (performance.now() - started) / 1000;
    if (start !== "ready") {
      problem = start;
    } else {
      demoPid = demoProcessPid(output);
      problem = await drive(port, tally);
    }
  } finally {
    await stopDemo(demo.pid, demoPid, exited);
    await rm(dataDir, { recursive: true, force: true });
  }
  const stopped = /\[demo\] stopped/.test(output);
  const seconds = (performance.now() - started) / 1000;
  const figures = {
    port,
    rounds: ROUNDS,
    concurrentPageLoads: BROWSERS * HOSTS.length,
    requests: tally.requests,
    statuses: tally.statuses,
    serverErrors: tally.serverErrors.length,
    failedRequests: tally.failed.length,
    demoStartSeconds: Number(startSeconds.toFixed(1)),
    seconds: Number(seconds.toFixed(1)),
    stoppedCleanly: stopped,
  };
  recordFigures("demo-smoke", figures);
  const failures = [
    ...(problem ? [problem] : []),
    ...(tally.serverErrors.length ? [`${tally.serverErrors.length} responses were 5xx: ${tally.serverErrors.slice(0, 5).join(", ")}`] : []),
    ...(tally.failed.length ? [`${tally.failed.length} requests failed: ${tally.failed.slice(0, 5).join(", ")}`] : []),
    ...(tally.requests === 0 && !problem ? ["no response was seen"] : []),
    ...(!stopped ? ["the demo did not say it stopped after SIGTERM"] : []),
  ];
  if (failures.length === 0) return 0;
  console.error(`demo smoke run FAILED:\n  ${failures.join("\n  ")}\n--- the demo's output (last 60 lines) ---\n${output.split("\n").slice(-60).join("\n")}`);
  return 1;
}

/** "ready" once the demo printed its welcome; else what went wrong. */
async function waitForDemo(output: () => string, exited: Promise<number>): Promise<string> {
  let exitCode: number | undefined;
  void exited.then((code) => (exitCode = code));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const text = output();
    if (/multisite-sso demo is running/.test(text)) return "ready";
    // A rebuild here would mean the build step's output does not count as up to date for the demo (and take minutes).
    if (/\[demo\] building the app/.test(text)) return `the demo started to rebuild the app although \`next build\` just ran: ${/building the app: (.*)/.exec(text)?.[1] ?? ""}`;
    if (exitCode !== undefined) return `the demo exited with code ${exitCode} before it was ready`;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return `the demo was not ready within ${START_TIMEOUT_MS / 1000} s`;
}

/** The demo prints its own PID (scripts/demo.ts), under npm and tsx. */
function demoProcessPid(output: string): number | undefined {
  const match = /\[demo\] pid (\d+)/.exec(output);
  return match ? Number(match[1]) : undefined;
}

/** SIGTERM to the demo itself (it stops Next, then PGlite); npm and its shell end with it. SIGKILL to what is left after 20 s. */
async function stopDemo(npmPid: number | undefined, demoPid: number | undefined, exited: Promise<number>): Promise<void> {
  const target = demoPid ?? npmPid;
  if (target === undefined) return;
  try {
    process.kill(target, "SIGTERM");
  } catch {
    return; // already gone
  }
  const timedOut = await Promise.race([exited.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 20_000))]);
  if (timedOut) {
    for (const pid of [demoPid, npmPid]) {
      try {
        if (pid !== undefined) process.kill(pid, "SIGKILL");
      } catch {
        // gone
      }
    }
    await exited;
  }
}

async function drive(port: number, tally: Tally): Promise<string | undefined> {
  const browser = await chromium.launch({ executablePath: findChromiumExecutable(), args: chromiumArgs });
  const url = (host: string, path = "/") => `http://${host}:${port}${path}`;
  const watch = (context: BrowserContext) => {
    context.on("response", (response) => {
      tally.requests += 1;
      const status = response.status();
      tally.statuses[status] = (tally.statuses[status] ?? 0) + 1;
      if (status >= 500) tally.serverErrors.push(`${status} ${response.request().method()} ${stripQuery(response.url())}`);
    });
    context.on("requestfailed", (request) => {
      const error = request.failure()?.errorText ?? "";
      // A navigation superseded by the page's own redirect is not a failure of the server.
      if (error !== "net::ERR_ABORTED") tally.failed.push(`${request.method()} ${stripQuery(request.url())} (${error})`);
    });
  };
  try {
    const contexts = await Promise.all(Array.from({ length: BROWSERS }, () => browser.newContext()));
    for (const context of contexts) {
      watch(context);
      // A bound on a wedged server, not a speed target: on a loaded 2-core machine twelve cold page loads queue on one PGlite backend.
      context.setDefaultTimeout(90_000);
    }
    const tabs: Page[][] = await Promise.all(contexts.map((context) => Promise.all(HOSTS.map(() => context.newPage()))));
    for (let round = 0; round < ROUNDS; round++) {
      // Every tab of every browser loads its host at the same moment.
      await Promise.all(tabs.flatMap((pages) => pages.map((page, i) => page.goto(url(HOSTS[i] as string), { waitUntil: "load" }))));
      if (round === 0) {
        // A reader signs in on news (the site's own form), then the next rounds load every host signed in.
        const page = tabs[0]?.[0] as Page;
        await page.goto(url("news.localhost", "/signin"));
        await page.getByLabel("Email").fill(READER.email);
        await page.getByLabel("Password").fill(READER.password);
        await page.getByRole("button", { name: "Sign in", exact: true }).click();
        await page.getByTestId("signed-in-as").waitFor();
      }
    }
    return undefined;
  } catch (error) {
    return `driving the demo failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
  } finally {
    await browser.close();
  }
}

function stripQuery(url: string): string {
  const u = new URL(url);
  return `${u.host}${u.pathname}`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runDemoSmoke().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
