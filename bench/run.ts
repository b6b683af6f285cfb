// `npm run bench` — a benchmark, not a test: builds for production (its own build, with the
// bench-only baseline routes; next.config.js), starts the server as `npm start` does on a fresh
// database, and runs the workloads of bench/lib/targets.ts (WORKLOAD_KEYS: a bare route, the
// constant route through the direct lane and through the middleware, status, next-auth's
// session, the article page signed in and out, the signed-in handshake, the anonymous first
// visit, and oidc-provider's code flow as a peer on --port + 10) in interleaved rounds; then
// argon2id per core, one round trip's CPU, the status path at 10⁴, 10⁵, 10⁶ rows and the pooler
// modes. Each target is computed from the medians and round by round (docs/performance.md).
// Options: --duration=10 --connections=50 --clients=20 --rounds=3 --pool=10 --scales=10000,100000,1000000 --skip-build
//   --signed-in-tokens=15000 (one per signed-in handshake)
//   --only=<workload keys>,passwords,round-trip,scaling,pooler (a partial run for iterating; it
//     records nothing, except the pooler comparison, which is recorded whenever it runs)
//   --pgbouncer-port=6439 (the pooler comparison's PgBouncer; its servers use --port + 1…3)
//   --profile (the server writes V8 CPU profiles to bench/profiles/ when it stops)
//   --node-options="--max-semi-space-size=8" (more flags for the server's node, after npm start's own)
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import pg from "pg";
import { applyMigrations } from "@/tooling/db/migrate";
import { createFreshDatabase, findLocalPostgres } from "@/tooling/db/test-database";
import { seedDemoData } from "@/prisma/seed";
import { TestBrowser } from "../test/http/browser";
import { growSessionsTo } from "./lib/bulk-seed";
import { runHandshakeLoad } from "./lib/handshake-load";
import { medianOf, runHttpLoad, type LoadResult } from "./lib/http-load";
import { describeMachine, toMarkdown, type BenchReport } from "./lib/report";
import { startServer } from "./lib/server";
import { SERVER_NODE_OPTIONS, TEST_TRUSTED_PROXIES } from "../scripts/server-command";
import { poolerMarkdown, runPoolerComparison } from "./lib/pooler";
import { makeSignedInTokens, type TokenPool } from "./lib/signed-in-tokens";
import { targetsOf, WORKLOAD_KEYS, type WorkloadKey } from "./lib/targets";
import { describePasswordRate, describePasswordSettings, measurePasswordSettings, measurePasswordVerifications } from "./lib/password-rate";
import { describeRoundTrip, measureRoundTrip } from "./lib/round-trip";
import { describeOidcPeer, runOidcCodeFlowLoad, startOidcPeer, type OidcPeer } from "./lib/oidc-peer";

// `--name=value` (split at the first "=", values may hold more) or a bare `--flag` (value "").
const args: Record<string, string | undefined> = Object.fromEntries(
  process.argv.slice(2).map((arg) => {
    const [key, ...value] = arg.replace(/^--/, "").split("=");
    return [key, value.join("=")];
  }),
);
const durationSeconds = Number(args.duration ?? 10);
const connections = Number(args.connections ?? 50);
const handshakeClients = Number(args.clients ?? 20);
const scales = (args.scales ?? "10000,100000,1000000").split(",").map(Number);
const port = Number(args.port ?? 3900);
const poolMax = Number(args.pool ?? 10);
const roundCount = Number(args.rounds ?? 3);
const extraNodeArgs = args["node-options"]?.split(" ").filter(Boolean) ?? [];
const only = args.only ? new Set(args.only.split(",")) : null;
const pgbouncerPort = Number(args["pgbouncer-port"] ?? 6439);
const NEWS = "news.localhost";
/** The handshake workload's site not yet visited, and the organisation's auth domain (prisma/demo-data.ts). */
const SPORT = "sport.localhost";
const AUTH = "auth.acme.localhost";
const BENCH_READER = { email: "reader@example.com", password: "reader-password-1" };
const ARTICLE_PATH = "/articles/harbour-bridge-reopens"; // lib/content/demo-articles.ts
/** The bench-only route proxy.ts's matcher leaves out (app/mss-bench-bare/route.bench.ts). */
const BARE_PATH = "/mss-bench-bare";
/** The constant route entered as the direct lane enters the hottest endpoints (app/mss-bench-direct/route.bench.ts). */
const DIRECT_PATH = "/mss-bench-direct";
/** One per signed-in handshake (bench/lib/signed-in-tokens.ts): enough for 3 rounds of 10 s at several hundred a second. */
const SIGNED_IN_TOKENS = Number(args["signed-in-tokens"] ?? 15_000);
// The bench's own build (.next-bench), with its baseline routes (`route.bench.ts`; next.config.js),
// built and served with the same setting so `npm start`'s production build never holds them.
const BENCH_BUILD_ENV = { MSS_BENCH_BUILD: "1" };

async function signedInSessionCookie(): Promise<string> {
  const browser = new TestBrowser({ ip: "10.99.0.1" });
  await browser.navigate(`http://${NEWS}:${port}/`);
  const csrf = await browser.json<{ csrfToken: string }>(`http://${NEWS}:${port}/api/auth/csrf`);
  await browser.request(`http://${NEWS}:${port}/api/auth/callback/credentials`, {
    method: "POST",
    body: new URLSearchParams({ csrfToken: csrf.json.csrfToken, email: BENCH_READER.email, password: BENCH_READER.password, json: "true" }).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
    sameOrigin: true,
  });
  const status = await browser.json<{ status: string }>(`http://${NEWS}:${port}/api/sso/status`);
  if (status.json.status !== "authenticated") throw new Error(`the bench session is ${status.json.status}, not authenticated`);
  return browser.cookieHeader(NEWS);
}

/** A reader who is not signed in, on a page: a site session whose handshake found the browser anonymous (no further handshakes). */
async function signedOutSessionCookie(): Promise<string> {
  const browser = new TestBrowser({ ip: "10.99.0.2" });
  await browser.navigate(`http://${NEWS}:${port}/`);
  const status = await browser.json<{ status: string }>(`http://${NEWS}:${port}/api/sso/status`);
  if (status.json.status !== "unknown") throw new Error(`the signed-out bench session is ${status.json.status}, not unknown`);
  return browser.cookieHeader(NEWS);
}

/** The signed-in handshake workload really signs the browser in on the new site (checked once, outside the measurement). */
async function checkSignedInHandshake(tokens: TokenPool): Promise<void> {
  const browser = new TestBrowser({ ip: "10.99.0.3" });
  browser.setCookie(AUTH, "__Host-mss_sso", tokens.take());
  const visit = await browser.navigate(`http://${SPORT}:${port}/`);
  const status = await browser.json<{ status: string }>(`http://${SPORT}:${port}/api/sso/status`);
  if (status.json.status !== "authenticated") {
    throw new Error(`a signed-in token's handshake left the browser ${status.json.status} on ${SPORT}: ${visit.hops.map((hop) => `${hop.status} ${hop.url}`).join(" → ")}`);
  }
}

/** The article page answers both readers with the page itself (a 200), not a redirect or a 404. */
async function checkArticlePages(...cookies: string[]): Promise<void> {
  for (const cookie of cookies) {
    const answer = await new TestBrowser({ ip: "10.99.0.4" }).request(`http://${NEWS}:${port}${ARTICLE_PATH}`, { navigation: true, headers: { cookie } });
    if (answer.status !== 200) throw new Error(`${ARTICLE_PATH} answered ${answer.status}, not the page`);
  }
}

const printResult = (r: LoadResult) =>
  console.log(`${r.name}: ${r.requestsPerSecond}/s p50 ${r.p50Ms} ms p99 ${r.p99Ms} ms errors ${r.errors + r.non2xx} rss ${r.maxRssMb} MB, CPU per request: app ${r.appCpuMsPerRequest} ms, Postgres ${r.databaseCpuMsPerRequest} ms`);
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

async function main(): Promise<void> {
  const serverUrl = await findLocalPostgres();
  if (!serverUrl) throw new Error("the benchmark needs a Postgres server (TEST_DATABASE_URL or 127.0.0.1:5432)");
  if (args["skip-build"] === undefined) {
    console.log("building…");
    if (spawnSync("./node_modules/.bin/next", ["build"], { stdio: "ignore", env: { ...process.env, ...BENCH_BUILD_ENV, NEXT_TELEMETRY_DISABLED: "1" } }).status !== 0) throw new Error("next build failed");
  }
  const database = await createFreshDatabase({ serverUrl, prefix: "mss_bench" });
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  const postgres = (await admin.query<{ v: string }>("SELECT split_part(version(), ' ', 1) || ' ' || current_setting('server_version') AS v")).rows[0]?.v ?? "Postgres";
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  let oidcPeer: OidcPeer | null = null;
  try {
    await applyMigrations({ connectionString: database.url });
    await seedDemoData({ connectionString: database.url, port });
    await admin.query("UPDATE organizations SET sso_mode = 'auto_login' WHERE slug = 'acme'");
    const ids = (await admin.query<{ org: string; site: string }>("SELECT o.id AS org, s.id AS site FROM sites s JOIN organizations o ON o.id = s.org_id WHERE o.slug = 'acme' AND s.slug = 'news'")).rows[0];
    if (!ids) throw new Error("seed missing");
    await growSessionsTo({ connectionString: database.url, orgId: ids.org, siteId: ids.site, target: scales[0] ?? 10_000 });

    const serverEnv = {
      DATABASE_URL: database.url,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      ...BENCH_BUILD_ENV,
      DATABASE_POOL_MAX: String(poolMax),
      // The bench plays the load balancer, as the tests do: each simulated browser's address
      // (X-Forwarded-For) is believed from loopback, so per-address limits count per browser, as
      // they would for readers (without it every flow shares 127.0.0.1's handshake budget).
      TRUSTED_PROXIES: TEST_TRUSTED_PROXIES,
      NEXT_TELEMETRY_DISABLED: "1",
    };
    server = await startServer(port, serverEnv, { nodeArgs: [...(args.profile === undefined ? [] : ["--cpu-prof", "--cpu-prof-dir=bench/profiles"]), ...extraNodeArgs] });
    const cookie = await signedInSessionCookie();
    // The OIDC peer on the same Postgres server and database, warmed up like the paths below; it
    // idles while the product's loads run, as the product's server idles while the peer's load runs.
    if (!only || only.has("oidc")) oidcPeer = await startOidcPeer({ port: port + 10, databaseUrl: database.url, poolMax });
    const peer = oidcPeer;
    const oidc = (seconds = durationSeconds) => {
      if (!peer) throw new Error("the OIDC peer was not started");
      return runOidcCodeFlowLoad({ peer, database: database.name, clients: handshakeClients, durationSeconds: seconds });
    };
    if (peer) await oidc(2);
    const load = (name: string, path: string, headers: Record<string, string> = {}) =>
      runHttpLoad({ name, port, host: NEWS, path, headers, connections, durationSeconds, serverPid: server?.pid ?? 0, database: database.name });

    /** The status path at each scale: rows bulk-inserted, then settled (vacuumed, checkpointed), then measured. */
    const runScaling = async (targets = scales): Promise<BenchReport["scaling"]> => {
      const scaling: BenchReport["scaling"] = [];
      for (const target of targets) {
        const rows = await growSessionsTo({ connectionString: database.url, orgId: ids.org, siteId: ids.site, target });
        await runHttpLoad({ name: "warm-up", port, host: NEWS, path: "/api/sso/status", headers: { cookie }, connections: 10, durationSeconds: 2, serverPid: server?.pid ?? 0, database: database.name });
        const runs: LoadResult[] = [];
        for (let round = 1; round <= roundCount; round++) runs.push(await load(`status at ${rows} rows`, "/api/sso/status", { cookie }));
        const result = medianOf(runs);
        console.log(`status with ${rows} sessions (median of ${roundCount}): ${result.requestsPerSecond}/s p50 ${result.p50Ms} ms p99 ${result.p99Ms} ms, Postgres CPU ${result.databaseCpuMsPerRequest} ms/req`);
        scaling.push({ rows, status: result });
      }
      return scaling;
    };

    /** The pooler modes side by side (bench/lib/pooler.ts), recorded in docs/performance.md and bench/results/. */
    const runPooler = async () => {
      const startedAt = new Date().toISOString();
      const report = await runPoolerComparison({
        databaseUrl: database.url, database: database.name, port, pgbouncerPort, serverEnv, nodeArgs: extraNodeArgs, cookie, host: NEWS,
        connections, durationSeconds, handshakeClients, rounds: roundCount, say: (line) => console.log(line),
      });
      const m = describeMachine(postgres);
      const settings = `Machine: ${m.cores} × ${m.cpus}, ${m.postgres}, Node ${m.node} (shared with other work); load: ${connections} connections, ${durationSeconds} s per run, ${roundCount} rounds, ${handshakeClients} handshake clients, pool ${poolMax} per server, PgBouncer default_pool_size 10`;
      const section = poolerMarkdown(report, settings, startedAt);
      mkdirSync("bench/results", { recursive: true });
      writeFileSync(`bench/results/pooler-${startedAt.replace(/[:.]/g, "-")}.json`, `${JSON.stringify({ startedAt, settings, ...report }, null, 2)}\n`);
      appendToPerformanceDoc(section);
      console.log(section);
    };

    // The smallest scale first, before the workloads below add rows (signed-in tokens, handshakes).
    const smallestScale = only ? [] : await runScaling(scales.slice(0, 1));
    // The workloads, in the order each round runs them (`--only=<key>,…` picks some).
    const signedOutCookie = await signedOutSessionCookie();
    const tokens = await makeSignedInTokens({ connectionString: database.url, orgId: ids.org, signedInSiteId: ids.site, count: SIGNED_IN_TOKENS });
    await checkSignedInHandshake(tokens);
    await checkArticlePages(cookie, signedOutCookie);
    const page = { accept: "text/html,application/xhtml+xml", "sec-fetch-dest": "document", "sec-fetch-mode": "navigate", "sec-fetch-site": "none" };
    const handshake = (tokenPool?: TokenPool) => (seconds: number) =>
      runHandshakeLoad({ port, host: tokenPool ? SPORT : NEWS, authHost: AUTH, ...(tokenPool ? { tokens: tokenPool } : {}), clients: handshakeClients, durationSeconds: seconds, serverPid: server?.pid ?? 0, database: database.name });
    const http = (name: string, path: string, headers: Record<string, string> = {}) => (seconds: number) =>
      runHttpLoad({ name, port, host: NEWS, path, headers, connections, durationSeconds: seconds, serverPid: server?.pid ?? 0, database: database.name });
    const workloads: Record<WorkloadKey, (seconds: number) => Promise<LoadResult>> = {
      bare: http("baseline: bare route handler, no proxy (bench build only)", BARE_PATH),
      direct: http("baseline: constant route, proxy() in-process (the direct lane)", DIRECT_PATH),
      constant: http("baseline: constant route, proxy.ts as Next's middleware", "/api/bench/constant"),
      status: http("GET /api/sso/status (linked, signed in)", "/api/sso/status", { cookie }),
      "next-auth": http("baseline: next-auth GET /api/auth/session", "/api/auth/session", { cookie }),
      "article-signed-in": http("article page, signed in", ARTICLE_PATH, { cookie, ...page }),
      "article-signed-out": http("article page, signed out", ARTICLE_PATH, { cookie: signedOutCookie, ...page }),
      handshake: handshake(tokens),
      "first-visit": handshake(),
      oidc: (seconds) => oidc(seconds),
    };
    const chosen = WORKLOAD_KEYS.filter((key) => !only || only.has(key));
    // Warm up every path once (JIT, caches, pool) before measuring.
    for (const key of chosen) await workloads[key](2);
    if (only) {
      // A partial run for iterating on one path: figures on the console, nothing recorded.
      for (const key of chosen) printResult(await workloads[key](durationSeconds));
      if (only.has("passwords")) console.log(`${describePasswordRate(await measurePasswordVerifications())}\n${describePasswordSettings(await measurePasswordSettings())}`);
      if (only.has("round-trip")) console.log(describeRoundTrip(await measureRoundTrip(database.url)));
      await peer?.stop(); // idle from here on: its pool's backends stay out of the runs below
      if (only.has("scaling")) await runScaling();
      if (only.has("pooler")) await runPooler();
      return;
    }
    // Interleaved rounds, each workload's figures the median over them: on a small shared machine
    // one 10-second run can be off by a third, and interleaving spreads any drift over all paths.
    const rounds = Object.fromEntries(WORKLOAD_KEYS.map((key) => [key, [] as LoadResult[]])) as Record<WorkloadKey, LoadResult[]>;
    for (let round = 1; round <= roundCount; round++) {
      console.log(`round ${round} of ${roundCount}`);
      for (const key of WORKLOAD_KEYS) {
        const result = await workloads[key](durationSeconds);
        rounds[key].push(result);
        printResult(result);
      }
    }
    await peer?.stop(); // idle from here on: its pool's backends stay out of the runs below
    const median = Object.fromEntries(WORKLOAD_KEYS.map((key) => [key, medianOf(rounds[key])])) as Record<WorkloadKey, LoadResult>;
    const results: LoadResult[] = WORKLOAD_KEYS.map((key) => median[key]);
    console.log(`medians of ${roundCount} rounds:`);
    results.forEach(printResult);
    const passwords = await measurePasswordVerifications();
    console.log(describePasswordRate(passwords));
    const roundTrip = await measureRoundTrip(database.url);
    console.log(describeRoundTrip(roundTrip));

    const scaling = [...smallestScale, ...(await runScaling(scales.slice(1)))];
    const first = scaling[0]?.status;
    const last = scaling[scaling.length - 1]?.status;
    const report: BenchReport = {
      startedAt: new Date().toISOString(),
      machine: describeMachine(postgres),
      settings: { connections, durationSeconds, rounds: roundCount, handshakeClients, poolMax, serverNodeOptions: [SERVER_NODE_OPTIONS, ...extraNodeArgs].join(" "), oidcPeer: describeOidcPeer(poolMax) },
      results,
      ratios: targetsOf(median, rounds, first && last ? { smallest: first, largest: last } : null),
      passwords,
      roundTrip,
      scaling,
      rounds,
    };
    mkdirSync("bench/results", { recursive: true });
    const file = `bench/results/${report.startedAt.replace(/[:.]/g, "-")}.json`;
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    appendToPerformanceDoc(toMarkdown(report));
    console.log(`\nresults: ${file}; table appended to docs/performance.md`);
    console.log(toMarkdown(report));
    await runPooler();
  } finally {
    await oidcPeer?.stop();
    await server?.stop();
    await admin.end();
    await database.drop();
  }
}

function appendToPerformanceDoc(section: string): void {
  const path = "docs/performance.md";
  const marker = "<!-- bench results: newest first -->";
  const current = existsSync(path) ? readFileSync(path, "utf8") : `# Performance\n\n${marker}\n`;
  writeFileSync(path, current.includes(marker) ? current.replace(marker, `${marker}\n\n${section}`) : `${current}\n${section}`);
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
