// `npm run topology` — the production topology on this machine, proven (docs/deployment.md):
// haproxy terminating TLS (local CA) → 3 app instances (server.mjs, round robin, no stickiness)
// → PgBouncer 1.18 in transaction pooling → Postgres. Through it, over https on the demo names:
// the HTTP-level checks, the SSO flows in Chromium (the Playwright specs for the modes and the
// logout scopes, E2E_SCHEME=https) with one instance killed mid-run, then PgBouncer restarted
// under traffic. Prints a summary and removes every process and file it made, also on failure
// or Ctrl-C.
//
// Options: --instances=3 --base-port=3400 --lb-port=443 --pgbouncer-port=6432 --skip-build
//          --app-env="KEY=VALUE;…" (instances' environment overrides, to see a check fail)
//          --reduced (what `npm test` runs: no Chromium; see scripts/topology/reduced.ts)
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { ensurePackages } from "./apt";
import { cleanUp, cleanUpOnSignals } from "./cleanup";
import { readHaproxyLog } from "./haproxy-log";
import { lbUrl, NEWS, checkAutoLogin, checkClientAddresses, checkCookies, checkHandshakeHops, checkHsts, type CheckResult } from "./http-checks";
import { checkNothingHalfWritten, killInstance, restartPgBouncer, reviveInstance, startBackgroundReaders, type Window } from "./outages";
import { printSummary } from "./summary";
import { startTopology, type Topology } from "./topology";
import { Traffic } from "./traffic";

export type RunOptions = {
  instances: number;
  basePort: number;
  lbPort: number;
  pgbouncerPort: number;
  /** Chromium flows (the Playwright specs) with the instance kill in their middle. */
  browserFlows: boolean;
  /** Overrides of the instances' environment — to watch a check fail without its defence (e.g. TRUSTED_PROXIES=2). */
  appEnv?: Record<string, string>;
  say: (line: string) => void;
};

const PLAYWRIGHT_SPECS = ["e2e/sso-modes.spec.ts", "e2e/logout-scopes.spec.ts"];

/** Runs the whole topology; resolves to the process exit code. Cleans up in every case. */
export async function runTopology(options: RunOptions): Promise<number> {
  const say = options.say;
  const results: CheckResult[] = [];
  const windows: Window[] = [];
  const events: string[] = [];
  const check = (result: CheckResult) => {
    results.push(result);
    say(`${result.ok ? "PASS" : "FAIL"}  ${result.name}\n      ${result.detail}`);
  };
  const started = Date.now();
  try {
    const topology = await startTopology({ instances: options.instances, basePort: options.basePort, lbPort: options.lbPort, pgbouncerPort: options.pgbouncerPort, databasePrefix: "mss_topology", appEnv: options.appEnv ?? {}, say });
    const traffic = new Traffic(topology.certificates.caCert);
    const upFrom = Date.now() - 2_000;
    await waitUntilEveryInstanceServes(topology, traffic);
    // Until haproxy's first health checks pass it answers 503 itself (no server yet): not an outage, but not counted either.
    windows.push({ what: "start-up, until haproxy's first health checks pass", from: upFrom, to: Date.now() });

    say("\n--- HTTP-level checks through the load balancer ---");
    // Nothing else is running yet: strict round robin must show in every handshake.
    const hops = await checkHandshakeHops(topology, traffic, 2 * options.instances, { alternating: true });
    check(hops);
    check(await checkAutoLogin(topology, traffic));
    check(await checkClientAddresses(topology, traffic));

    say("\n--- an instance killed mid-run ---");
    const background = startBackgroundReaders(topology, traffic);
    const victim = topology.instances[1] ?? topology.instances[0];
    if (!victim) throw new Error("no instance");
    if (options.browserFlows) {
      let playwrightDone = false;
      const flows = runPlaywright(topology).finally(() => (playwrightDone = true));
      // Kill once Chromium is into its flows (its requests are the HTTP/2 ones), not before it starts.
      await waitForBrowserRequests(topology, 40, () => playwrightDone);
      windows.push(await killInstance(topology, victim, say));
      events.push(`killed ${victim.id} mid-flow`);
      const outcome = await flows;
      events.push(`Chromium flows: ${outcome.summary}`);
      check({ name: `SSO flows in Chromium over https (${PLAYWRIGHT_SPECS.join(", ")}), ${victim.id} killed during them`, ok: outcome.code === 0, detail: `playwright exited ${outcome.code}: ${outcome.summary}` });
    } else {
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      windows.push(await killInstance(topology, victim, say));
      events.push(`killed ${victim.id} under traffic`);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    }
    const others = topology.instances.filter((i) => i !== victim).map((i) => i.id);
    const afterKill = await checkHandshakeHops(topology, traffic, 2, { serving: others, alternating: false });
    check({ ...afterKill, name: `with ${victim.id} down, handshakes finish on ${others.join(", ")}` });
    await reviveInstance(topology, victim, say);
    events.push(`${victim.id} back in rotation`);

    say("\n--- PgBouncer restarted under traffic ---");
    const outage = await restartPgBouncer(topology, traffic, say);
    windows.push(outage.window);
    events.push(`pgbouncer restarted: ${outage.unavailable.count} answers 503 while away, recovered`);
    check({
      name: "PgBouncer away: clear 503s in the product's JSON error shape",
      ok: outage.unavailable.count > 0 && outage.unavailable.jsonShaped === outage.unavailable.count,
      detail: `${outage.unavailable.count} × 503, ${outage.unavailable.jsonShaped} with {"error":{"code","message"}}; e.g. ${outage.unavailable.sample}`,
    });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const readers = await background.stop();
    say(`background readers: ${readers.loops} loops, ${readers.failures.length} connection failures${readers.failures.length ? ` (${readers.failures.slice(0, 2).join("; ")})` : ""}`);
    const halfWritten = await checkNothingHalfWritten(topology, outage.window);
    check({ name: "nothing half-written across the outage", ...halfWritten });
    const afterRecovery = await checkHandshakeHops(topology, traffic, options.instances, { alternating: true });
    check({ ...afterRecovery, name: "after both outages, handshakes hop over every instance again" });

    check(checkCookies(traffic));
    check(checkHsts(traffic));
    const failedReaders = readers.failures.filter((failure) => !windows.some((w) => inWindow(Date.parse(failure.slice(0, 24)), w)));
    check({ name: "background readers: no connection failure outside the outage windows", ok: failedReaders.length === 0, detail: failedReaders.length ? failedReaders.join("; ") : `${readers.failures.length} inside the windows` });

    const log = readHaproxyLog(topology.haproxyLogPath);
    return printSummary({ topology, traffic, log, windows, events, results, handshakes: [hops, afterKill, afterRecovery], seconds: (Date.now() - started) / 1000, say });
  } catch (error) {
    say(`topology run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  } finally {
    say("cleaning up (processes by PID, temp dir, database)…");
    await cleanUp();
  }
}

export function inWindow(at: number, window: Window): boolean {
  return at >= window.from && at <= window.to;
}

/** Waits until haproxy has passed on `count` HTTP/2 requests (Chromium's; the run's own clients speak HTTP/1.1). */
async function waitForBrowserRequests(topology: Topology, count: number, gaveUp: () => boolean): Promise<void> {
  while (!gaveUp() && readHaproxyLog(topology.haproxyLogPath).requests.filter((r) => r.request.endsWith("HTTP/2.0")).length < count) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Polls /api/health through the balancer until every instance has answered (health checks passed). */
async function waitUntilEveryInstanceServes(topology: Topology, traffic: Traffic): Promise<void> {
  const seen = new Set<string>();
  const probe = traffic.browser();
  const deadline = Date.now() + 30_000;
  let last = "nothing yet";
  while (seen.size < topology.instances.length) {
    if (Date.now() > deadline) {
      const tail = readFileSync(topology.haproxyLogPath, "utf8").trim().split("\n").filter((line) => !line.includes("NOSRV")).slice(-8).join("\n");
      throw new Error(`only [${[...seen].join(", ")}] answered through haproxy within 30 s; last: ${last}\nhaproxy log:\n${tail}`);
    }
    const answer = await probe.request(lbUrl(topology, NEWS, "/api/health")).catch((error: unknown) => {
      last = error instanceof Error ? error.message : String(error);
      return null;
    });
    const id = answer?.headers["x-instance-id"];
    if (answer) last = `${answer.status} ${answer.body.slice(0, 100)}`;
    if (answer?.status === 200 && typeof id === "string") seen.add(id);
    else await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // Those probes are not part of what is checked.
  traffic.answers.length = 0;
}

/**
 * The Playwright specs for the modes and logout scopes, through the balancer (no server of their
 * own). One retry per test: a page whose script or data was being sent by the instance at the
 * moment it is killed is cut off (no balancer can replay half an answer) and a reader would reload
 * it; the retry is that reload, and the summary says how many needed it ("flaky").
 */
function runPlaywright(topology: Topology): Promise<{ code: number; summary: string }> {
  return new Promise((resolve) => {
    let output = "";
    const child = spawn("./node_modules/.bin/playwright", ["test", ...PLAYWRIGHT_SPECS, "--reporter=line", "--retries=1"], {
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        E2E_SCHEME: "https",
        E2E_PORT: String(topology.lbPort),
        E2E_SPKI_PINS: topology.certificates.serverSpkiSha256,
        // The specs' fixtures make their readers and organisations in the database directly.
        DATABASE_URL: topology.database.directUrl,
        AUTH_SECRET: topology.appEnv.AUTH_SECRET ?? "",
        PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1",
      },
    });
    const relay = (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    };
    child.stdout?.on("data", relay);
    child.stderr?.on("data", relay);
    const summarize = () => ["passed", "flaky", "failed"].map((word) => new RegExp(`(\\d+) ${word}`).exec(output)?.[0]).filter(Boolean).join(", ") || "no result line";
    child.on("exit", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), summary: summarize() }));
    child.on("error", () => resolve({ code: 1, summary: "playwright did not start" }));
  });
}

function parseOptions(argv: string[]): { options: Omit<RunOptions, "say">; skipBuild: boolean } {
  const args = Object.fromEntries(argv.map((arg) => {
    const [key = "", ...value] = arg.replace(/^--/, "").split("=");
    return [key, value.join("=")];
  }));
  const reduced = args.reduced !== undefined;
  return {
    options: {
      instances: Number(args.instances ?? (reduced ? 2 : 3)),
      basePort: Number(args["base-port"] ?? 3400),
      lbPort: Number(args["lb-port"] ?? 443),
      pgbouncerPort: Number(args["pgbouncer-port"] ?? 6432),
      browserFlows: !reduced,
      // --app-env="TRUSTED_PROXIES=2;HSTS_MAX_AGE_SECONDS=0": see the checks fail without their defence.
      appEnv: Object.fromEntries((args["app-env"] ?? "").split(";").filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)])),
    },
    skipBuild: args["skip-build"] !== undefined,
  };
}

async function main(): Promise<number> {
  cleanUpOnSignals();
  const { options, skipBuild } = parseOptions(process.argv.slice(2));
  const packages = ensurePackages();
  if (!packages.ok) {
    console.error(`topology: ${packages.reason}`);
    return 1;
  }
  if (!skipBuild || !existsSync(".next/BUILD_ID")) {
    console.log("building (next build)…");
    if (spawnSync("./node_modules/.bin/next", ["build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } }).status !== 0) return 1;
  }
  return runTopology({ ...options, say: (line) => console.log(line) });
}

if (process.argv[1]?.endsWith("scripts/topology/run.ts")) {
  main().then((code) => process.exit(code), (error: unknown) => {
    console.error(error);
    void cleanUp().finally(() => process.exit(1));
  });
}
