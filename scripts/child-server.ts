// A server the test runner, a test, the benchmark or the e2e suite starts as a child process:
// spawned, awaited until it is ready (by default: its port accepts connections), and stopped by
// its own PID — SIGTERM, then SIGKILL if it has not exited within 5 s. One implementation, so
// every caller waits and stops the same way and never leaves a server behind.
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { connect } from "node:net";

const STOP_GRACE_MS = 5_000;

/** Whether something on 127.0.0.1 accepts connections on `port`. */
export function isPortOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export type ChildServer = {
  readonly pid: number;
  readonly child: ChildProcess;
  isRunning(): boolean;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
  /** SIGKILL at once: a crash, not a shutdown. */
  kill(): Promise<void>;
};

export async function startChildServer(options: {
  /** For error messages. */
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  stdio: StdioOptions;
  port: number;
  timeoutMs?: number;
  /** Stronger than the port being open (e.g. "it said it is ready AND answers HTTP"). */
  isReady?: () => Promise<boolean>;
  /** Called with every chunk of a piped stdout/stderr, from the first one on. */
  onOutput?: (chunk: Buffer) => void;
  /** What the server printed so far, for the error when it does not come up. */
  output?: () => string;
}): Promise<ChildServer> {
  const child = spawn(options.command, options.args, { env: options.env, stdio: options.stdio });
  if (options.onOutput) {
    child.stdout?.on("data", options.onOutput);
    child.stderr?.on("data", options.onOutput);
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${options.name}: could not be started`);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const isRunning = () => child.exitCode === null && child.signalCode === null;
  const waitForExit = () => Promise.race([exited, new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS))]);
  const server: ChildServer = {
    pid,
    child,
    isRunning,
    async stop() {
      if (!isRunning()) return;
      child.kill("SIGTERM");
      await waitForExit();
      if (isRunning()) child.kill("SIGKILL");
      await waitForExit();
    },
    async kill() {
      if (isRunning()) child.kill("SIGKILL");
      await waitForExit();
    },
  };

  const isReady = options.isReady ?? (() => isPortOpen(options.port));
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  const printed = () => (options.output ? `:\n${options.output()}` : "");
  while (!(await isReady())) {
    if (!isRunning()) throw new Error(`${options.name} exited with ${child.exitCode ?? child.signalCode} before it was ready on port ${options.port}${printed()}`);
    if (Date.now() > deadline) {
      await server.kill();
      throw new Error(`${options.name} was not ready on port ${options.port} within ${(options.timeoutMs ?? 60_000) / 1000} s${printed()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return server;
}
