// Extra `next start` instances for the reliability tests (two instances on one database, an
// instance behind a TCP proxy that can take its database away, an instance whose logs are
// read). Each runs the build in .next with the test run's environment plus overrides, on a free
// port just above the suite's own server (TEST_APP_PORT + offset, within the same hundred, so
// parallel runs of the suite on other ports never meet), is awaited until it has said it is
// ready AND answers HTTP (so a server of someone else's on that port is never mistaken for it),
// keeps its stdout/stderr (in memory and in reliability-results/<name>.log), and is stopped by its PID.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { appPort } from "../../http/browser";
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
export async function findFreePort(preferred: number): Promise<number> {
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
  const server = nextStartCommand(port);
  const child: ChildProcess = spawn(server.command, server.args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...options.env },
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString("utf8");
    logFile.write(chunk);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start next for ${options.name}`);

  const deadline = Date.now() + 60_000;
  // Ours is ready when it has said so (it bound the port) and answers: not merely when something answers.
  while (!/Ready in/.test(output) || !(await answersHttp(port))) {
    if (child.exitCode !== null) throw new Error(`${options.name}: next start exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${options.name}: next start did not answer on port ${port} within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const isRunning = () => child.exitCode === null && child.signalCode === null;
  const waitForExit = async (graceMs: number) => {
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, graceMs))]);
  };
  return {
    port,
    pid,
    output: () => output,
    isRunning,
    async stop() {
      if (isRunning()) {
        process.kill(pid, "SIGTERM");
        await waitForExit(5_000);
        if (isRunning()) process.kill(pid, "SIGKILL");
        await waitForExit(5_000);
      }
      logFile.end();
    },
    async kill() {
      if (isRunning()) process.kill(pid, "SIGKILL");
      await waitForExit(5_000);
      logFile.end();
    },
  };
}
