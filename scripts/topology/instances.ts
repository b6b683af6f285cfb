// The app instances behind the load balancer: `npm start`'s command (server.mjs), one port each,
// each named by INSTANCE_ID (its X-Instance-Id header).
import { openSync } from "node:fs";
import { join } from "node:path";
import { startChildServer, type ChildServer } from "../child-server";
import { nextStartCommand } from "../server-command";

export type Instance = { id: string; port: number; logPath: string; server: ChildServer };

export async function startInstance(options: { id: string; port: number; dir: string; env: Record<string, string> }): Promise<Instance> {
  const logPath = join(options.dir, `${options.id}.log`);
  const log = openSync(logPath, "a");
  const command = nextStartCommand(options.port);
  const server = await startChildServer({
    name: `instance ${options.id}`,
    command: command.command,
    // Not `-H 127.0.0.1`: with a hostname set, Next 16's internal rewrites (proxy.ts → app/<part>)
    // answer 404. In a deployment the instances sit on a private network that only the balancer reaches.
    args: command.args,
    port: options.port,
    env: { ...process.env, ...options.env, INSTANCE_ID: options.id, PORT: String(options.port), NODE_ENV: "production" },
    stdio: ["ignore", log, log],
    timeoutMs: 90_000,
  });
  return { id: options.id, port: options.port, logPath, server };
}
