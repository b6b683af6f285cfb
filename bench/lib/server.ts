// The server under test: `next start` on its own port, as `npm start` runs it.
import { startChildServer } from "../../scripts/child-server";
import { nextStartCommand } from "../../scripts/server-command";

export type Server = { pid: number; stop: () => Promise<void> };

export async function startServer(port: number, env: Record<string, string>, options: { nodeArgs?: string[] } = {}): Promise<Server> {
  // Flags such as --cpu-prof are refused in NODE_OPTIONS, so they go on node's command line.
  return startChildServer({ name: "next start", ...nextStartCommand(port, options.nodeArgs), port, stdio: "ignore", env: { ...process.env, ...env } });
}
