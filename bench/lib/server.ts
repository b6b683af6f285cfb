// The server under test: `next start` on its own port.
import { spawn, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import { nextStartCommand } from "../../scripts/server-command";

export type Server = { pid: number; stop: () => Promise<void> };

export async function startServer(port: number, env: Record<string, string>, options: { nodeArgs?: string[] } = {}): Promise<Server> {
  // As `npm start` runs it; flags such as --cpu-prof are refused in NODE_OPTIONS, so they go on node's command line.
  const server = nextStartCommand(port, options.nodeArgs);
  const child: ChildProcess = spawn(server.command, server.args, {
    stdio: "ignore",
    env: { ...process.env, ...env },
  });
  const deadline = Date.now() + 60_000;
  while (!(await isListening(port))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`next start did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    pid: child.pid ?? 0,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 500));
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}
