// The two outages of the run, each with its window (from the fault until every instance answers
// again), so 5xx inside them are expected and 5xx outside them are failures:
// - an instance killed (SIGKILL, a crash) while readers are mid-flow; haproxy's health check
//   takes it out, the flows finish on the others; then it is started again and taken back in;
// - PgBouncer stopped and started again: requests answer 503 with the product's JSON error
//   shape while it is away, and every instance recovers on its own.
import pg from "pg";
import { lineCount, waitForState } from "./haproxy-log";
import { lbUrl, NEWS, signIn, SPORT, ssoStatus } from "./http-checks";
import type { Instance } from "./instances";
import type { Topology } from "./topology";
import type { Traffic } from "./traffic";

export type Window = { what: string; from: number; to: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Readers in the background until stopped: each loop a fresh browser's handshake on news and a
 * signed-in reader's status check on sport. About one handshake a second, well inside the
 * per-address mint limit (every client of this run is 127.0.0.1 to the app).
 */
export function startBackgroundReaders(topology: Topology, traffic: Traffic): { stop: () => Promise<{ loops: number; failures: string[] }> } {
  let running = true;
  const failures: string[] = [];
  let loops = 0;
  const done = (async () => {
    const reader = traffic.browser();
    await reader.navigate(lbUrl(topology, SPORT, "/"));
    await signIn(topology, reader, SPORT);
    while (running) {
      loops += 1;
      try {
        await traffic.browser().navigate(lbUrl(topology, NEWS, "/"));
        await ssoStatus(topology, reader, SPORT);
      } catch (error) {
        // A connection cut by a killed instance surfaces here as well as in the record.
        failures.push(`${new Date().toISOString()} ${error instanceof Error ? error.message : String(error)}`);
      }
      await sleep(700);
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return { loops, failures };
    },
  };
}

/** SIGKILL one instance; the window ends when haproxy has marked it DOWN. Returns the window. */
export async function killInstance(topology: Topology, instance: Instance, say: (line: string) => void): Promise<Window> {
  const line = lineCount(topology.haproxyLogPath);
  const from = Date.now();
  await instance.server.kill();
  say(`killed ${instance.id} (pid ${instance.server.pid}, SIGKILL)`);
  const down = await waitForState(topology.haproxyLogPath, instance.id, "DOWN", line);
  say(`haproxy marked ${instance.id} DOWN after ${((down - from) / 1000).toFixed(1)} s`);
  return { what: `${instance.id} killed → marked DOWN`, from, to: down + 500 };
}

/** Starts the instance again and waits for haproxy to take it back in (UP). */
export async function reviveInstance(topology: Topology, instance: Instance, say: (line: string) => void): Promise<number> {
  const line = lineCount(topology.haproxyLogPath);
  const from = Date.now();
  await topology.restartInstance(instance);
  const up = await waitForState(topology.haproxyLogPath, instance.id, "UP", line, 120_000);
  say(`${instance.id} started again (pid ${instance.server.pid}); haproxy marked it UP after ${((up - from) / 1000).toFixed(1)} s`);
  return up;
}

export type PoolerOutage = {
  window: Window;
  /** 503 answers seen during the outage, and whether each had the JSON error shape. */
  unavailable: { count: number; jsonShaped: number; sample: string };
  /** Per instance: the time it answered 200 again after PgBouncer came back. */
  recoveredAfterMs: Record<string, number>;
};

/** Stops PgBouncer (SIGTERM: immediate shutdown), keeps asking, starts it again, waits for every instance to answer 200. */
export async function restartPgBouncer(topology: Topology, traffic: Traffic, say: (line: string) => void, downMs = 4_000): Promise<PoolerOutage> {
  const probe = traffic.browser();
  await probe.navigate(lbUrl(topology, NEWS, "/"));
  const from = Date.now();
  await topology.pgbouncer.server.stop();
  say(`pgbouncer stopped (pid ${topology.pgbouncer.server.pid}, SIGTERM)`);
  let count = 0;
  let jsonShaped = 0;
  let sample = "";
  const ask = async () => {
    const answer = await probe.json<{ error?: { code?: unknown; message?: unknown } }>(lbUrl(topology, NEWS, "/api/sso/status"));
    if (answer.status === 503) {
      count += 1;
      if (typeof answer.json?.error?.code === "string" && typeof answer.json.error.message === "string") jsonShaped += 1;
      sample ||= `503 ${answer.body.slice(0, 160)}`;
    }
    return answer;
  };
  while (Date.now() - from < downMs) {
    await ask();
    await sleep(200);
  }
  const restarted = Date.now();
  await topology.pgbouncer.start();
  say(`pgbouncer started again (pid ${topology.pgbouncer.server.pid}) after ${((restarted - from) / 1000).toFixed(1)} s down`);
  const recoveredAfterMs: Record<string, number> = {};
  const running = topology.instances.filter((i) => i.server.isRunning()).map((i) => i.id);
  const deadline = Date.now() + 30_000;
  while (running.some((id) => recoveredAfterMs[id] === undefined)) {
    if (Date.now() > deadline) throw new Error(`instances not recovered 30 s after pgbouncer came back: ${running.filter((id) => recoveredAfterMs[id] === undefined).join(", ")}`);
    const answer = await ask();
    const instance = typeof answer.headers["x-instance-id"] === "string" ? answer.headers["x-instance-id"] : null;
    if (answer.status === 200 && instance && recoveredAfterMs[instance] === undefined) recoveredAfterMs[instance] = Date.now() - restarted;
    await sleep(100);
  }
  const to = Date.now();
  say(`every instance answers 200 again (${Object.entries(recoveredAfterMs).map(([id, ms]) => `${id} after ${ms} ms`).join(", ")})`);
  return { window: { what: "pgbouncer stopped → every instance answers again", from, to: to + 500 }, unavailable: { count, jsonShaped, sample }, recoveredAfterMs };
}

/**
 * Nothing half-written: invariants that hold only if every transaction around the outage either
 * committed whole or not at all — a consumed OTT of a handshake in the window linked a session
 * (consume and link are one transaction), every signed-in session knows how and when.
 */
export async function checkNothingHalfWritten(topology: Topology, window: Window): Promise<{ ok: boolean; detail: string }> {
  const client = new pg.Client({ connectionString: topology.database.directUrl });
  await client.connect();
  try {
    const around = [new Date(window.from - 30_000), new Date(window.to + 30_000)];
    const orphanOtts = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM one_time_tokens WHERE created_at BETWEEN $1 AND $2 AND used_at IS NOT NULL AND redeemed_session_id IS NULL`,
      around,
    );
    const otts = await client.query<{ n: string; used: string }>(`SELECT count(*) AS n, count(used_at) AS used FROM one_time_tokens WHERE created_at BETWEEN $1 AND $2`, around);
    const halfSignedIn = await client.query<{ n: string }>(`SELECT count(*) AS n FROM site_sessions WHERE reader_id IS NOT NULL AND (auth_method IS NULL OR signed_in_at IS NULL)`);
    const crossOrg = await client.query<{ n: string }>(`SELECT count(*) AS n FROM site_sessions s JOIN sso_tokens t ON t.id = s.sso_token_id WHERE t.org_id <> s.org_id`);
    const bad = Number(orphanOtts.rows[0]?.n) + Number(halfSignedIn.rows[0]?.n) + Number(crossOrg.rows[0]?.n);
    return {
      ok: bad === 0,
      detail: `${otts.rows[0]?.n} OTTs minted around the outage (${otts.rows[0]?.used} redeemed): ${orphanOtts.rows[0]?.n} consumed without their session; ${halfSignedIn.rows[0]?.n} signed-in sessions without method/time; ${crossOrg.rows[0]?.n} sessions linked across organisations`,
    };
  } finally {
    await client.end();
  }
}
