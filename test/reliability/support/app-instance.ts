// Extra `next start` instances for the reliability tests (two instances on one database, an
// instance behind a TCP proxy that can take its database away, an instance whose logs are
// read). Each runs the build in .next with the test run's environment plus overrides, on a free
// port just above the suite's own server (TEST_APP_PORT + offset, within the same hundred, so
// parallel runs of the suite on other ports never meet), is awaited until it has said it is
// ready AND answers HTTP (so a server of someone else's on that port is never mistaken for it),
// keeps its stdout/stderr (in memory and in reliability-results/<name>.log), and is stopped by its PID.
import { createWriteStream, mkdirSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { appPort } from "../../http/browser";
import { startTcpProxy, type TcpProxy } from "./tcp-proxy";
import { env } from "@/lib/env";
import { startChildServer } from "@/scripts/child-server";
import { nextStartCommand } from "@/scripts/server-command";

export type AppInstance = {
  readonly port: number;
  readonly pid: number;
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string;
  isRunning(): boolean;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
  /** SIGKILL at once: a crash, not a shutdown. */
  kill(): Promise<void>;
};

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/** `preferred` if free, else the next free port up to the end of its hundred (3410 → 3411…3499). */
async function findFreePort(preferred: number): Promise<number> {
  const last = Math.floor(preferred / 100) * 100 + 99;
  for (let port = preferred; port <= last; port++) if (await canListen(port)) return port;
  throw new Error(`no free port in ${preferred}–${last}`);
}

/** A port for an extra instance: `offset` above the suite's own server (TEST_APP_PORT). */
export function portNearSuite(offset: number): number {
  return appPort() + offset;
}

/** Whether the server answers an HTTP request at all (any status): the port being open is not enough. */
function answersHttp(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.request({ host: "127.0.0.1", port, path: "/", method: "GET", headers: { host: "readiness.invalid" }, timeout: 2_000 }, (response) => {
      response.resume();
      response.on("end", () => resolve(true));
    });
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", () => resolve(false));
    request.end();
  });
}

export async function startAppInstance(options: { name: string; preferredPort: number; env?: Record<string, string> }): Promise<AppInstance> {
  const port = await findFreePort(options.preferredPort);
  mkdirSync("reliability-results", { recursive: true });
  const logFile = createWriteStream(`reliability-results/${options.name}.log`);
  let output = "";
  const server = await startChildServer({
    name: `${options.name}: next start`,
    ...nextStartCommand(port),
    port,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...options.env },
    onOutput: (chunk) => {
      output += chunk.toString("utf8");
      logFile.write(chunk);
    },
    output: () => output,
    // Ours is ready when it has said so (it bound the port) and answers: not merely when something answers.
    isReady: async () => /Ready in/.test(output) && (await answersHttp(port)),
  }).catch((error: unknown) => {
    logFile.end();
    throw error;
  });
  return {
    port,
    pid: server.pid,
    output: () => output,
    isRunning: () => server.isRunning(),
    async stop() {
      await server.stop();
      logFile.end();
    },
    async kill() {
      await server.kill();
      logFile.end();
    },
  };
}

/**
 * An instance whose database connections go through a TCP proxy of the test's own, which can
 * refuse or freeze them (the shared Postgres is never touched) or simply pass them through.
 */
export async function startAppBehindDatabaseProxy(options: { name: string; preferredPort: number }): Promise<{ app: AppInstance; proxy: TcpProxy }> {
  const database = new URL(env.DATABASE_URL as string);
  const proxy = await startTcpProxy({ targetHost: database.hostname, targetPort: Number(database.port || 5432) });
  const viaProxy = new URL(database);
  viaProxy.hostname = "127.0.0.1";
  viaProxy.port = String(proxy.port);
  try {
    const app = await startAppInstance({ ...options, env: { DATABASE_URL: viaProxy.toString() } });
    return { app, proxy };
  } catch (error) {
    await proxy.close();
    throw error;
  }
}
