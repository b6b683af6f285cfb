// PgBouncer (Debian's 1.18) in transaction pooling in front of the local Postgres: its own config
// directory, its own process (stopped by PID), run as the `postgres` user because PgBouncer
// refuses to run as root. 1.18 keeps no prepared statements across transactions, so the app
// behind it runs with DATABASE_PREPARED_STATEMENTS=false (lib/db/prepared.ts).
import { chownSync, mkdirSync, openSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { startChildServer, type ChildServer } from "../child-server";

export type PgBouncerSettings = {
  dir: string;
  port: number;
  /** The database behind it, on the local Postgres. */
  database: string;
  upstreamHost?: string;
  upstreamPort?: number;
  /** Server connections PgBouncer keeps to Postgres for this database/user pair. */
  poolSize?: number;
  maxClientConnections?: number;
};

/** The reference settings (docs/deployment.md quotes this file). */
export function pgbouncerIni(settings: PgBouncerSettings): string {
  return `[databases]
${settings.database} = host=${settings.upstreamHost ?? "127.0.0.1"} port=${settings.upstreamPort ?? 5432} dbname=${settings.database}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${settings.port}
; no unix socket: the app connects over TCP, and a shared /tmp socket could collide with another PgBouncer
unix_socket_dir =
auth_type = trust
auth_file = ${join(settings.dir, "userlist.txt")}
; one server connection serves many clients, one transaction at a time: no session state
; (named prepared statements, SET, advisory locks held across transactions) survives between them
pool_mode = transaction
default_pool_size = ${settings.poolSize ?? 10}
max_client_conn = ${settings.maxClientConnections ?? 200}
; node-postgres sends none of these today; listed so a driver upgrade cannot break the connection
ignore_startup_parameters = extra_float_digits,options
; a client waiting this long for a server connection is refused (the app answers 503 sooner)
query_wait_timeout = 10
server_connect_timeout = 3
server_login_retry = 1
logfile = ${join(settings.dir, "pgbouncer.log")}
pidfile = ${join(settings.dir, "pgbouncer.pid")}
admin_users = postgres
`;
}

export type PgBouncer = { server: ChildServer; settings: PgBouncerSettings; start: () => Promise<ChildServer> };

/** Writes the config (readable by `postgres`) and starts PgBouncer; `start()` starts it again after a stop. */
export async function startPgBouncer(settings: PgBouncerSettings): Promise<PgBouncer> {
  mkdirSync(settings.dir, { recursive: true });
  const ini = join(settings.dir, "pgbouncer.ini");
  writeFileSync(ini, pgbouncerIni(settings));
  // Trust auth at the local Postgres: the user must be listed, its password is not checked.
  writeFileSync(join(settings.dir, "userlist.txt"), `"postgres" ""\n`);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    for (const path of [settings.dir, ini, join(settings.dir, "userlist.txt")]) chownSync(path, uid, gid);
  }
  const start = async () => {
    const log = openSync(join(settings.dir, "stdout.log"), "a");
    return startChildServer({
      name: "pgbouncer",
      command: "/usr/sbin/pgbouncer",
      // -u: switch to `postgres` after start (PgBouncer will not run as root).
      args: [...(asRoot ? ["-u", "postgres"] : []), ini],
      port: settings.port,
      env: process.env,
      stdio: ["ignore", log, log],
      timeoutMs: 15_000,
    });
  };
  const bouncer: PgBouncer = { server: await start(), settings, start: async () => (bouncer.server = await start()) };
  return bouncer;
}
