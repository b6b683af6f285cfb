// An embedded Postgres for `npm run demo` (and tests) on machines without a database server:
// PGlite (Postgres compiled to WASM, running in this process) behind pglite-socket's
// wire-protocol server, so node-postgres and @prisma/adapter-pg connect to it over TCP like
// to any Postgres. Not for production: PGlite is ONE backend, so connections are multiplexed
// onto it and an open transaction makes every other connection wait until it ends.
//
// What the client connections share (read in pglite-socket 0.2's src/index.ts): every
// connection's messages go into one queue and run one message at a time on the one backend.
//   - Named prepared statements: SHARED, and they outlive the connection that prepared them
//     (nothing DEALLOCATEs on disconnect). node-postgres remembers per connection which names
//     it prepared, so a second connection (or a new one after an idle close) sends Parse for a
//     name the backend has → `prepared statement "…" already exists`. So: no named statements
//     here — `clientEnv` sets DATABASE_PREPARED_STATEMENTS=false (lib/db/prepared.ts).
//   - The unnamed statement and portal (Parse → Bind → Execute → Sync): shared too. The queue
//     interleaves connections per message, not per Sync; in practice a batch node-postgres
//     writes at once (one TCP read) runs without another connection's message in between
//     (only promise continuations separate its messages), and our statements are small. A
//     batch split across reads could interleave: acceptable for a demo, not for production.
//   - Transactions: kept apart. While the backend is inside BEGIN…COMMIT the queue serves only
//     the connection that opened it; a connection that drops mid-transaction is rolled back.
//   - Session settings (SET, search_path, temp tables): shared. The app sets none.
// And every query waits its turn on the one backend, so a burst of page loads queues there.
// With the production bounds (5 s) a queued query timed out, node-postgres closed its
// connection mid-protocol (Parse/Bind sent, Sync still queued and then dropped) and the next
// requests failed too (503s, a protocol violation): seen by npm test's demo smoke run on a busy
// machine. So the app's clients of this database keep ONE connection each (their statements
// then never interleave with each other) and wait longer.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/** `.data/pglite` under the repository root (git-ignored), whatever the current directory. */
export const DEFAULT_EMBEDDED_DATA_DIR = fileURLToPath(new URL("../../.data/pglite", import.meta.url));
export const IN_MEMORY = "memory://";

/**
 * pglite-socket accepts one client by default, which deadlocks connection pools (the app's
 * pool, the seed's and `next build` workers each hold several). Sockets are cheap here: every
 * query still runs one at a time on the single backend.
 */
const DEFAULT_MAX_CONNECTIONS = 50;

export type EmbeddedPostgresOptions = {
  /** Default `.data/pglite`; `memory://` for a throw-away database. */
  dataDir?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the database has no password, so never listen beyond this machine by accident. */
  host?: string;
  maxConnections?: number;
};

export type EmbeddedPostgres = {
  /** postgres://postgres@host:port/postgres (PGlite ignores the user, database and password it is sent). */
  url: string;
  port: number;
  /** Closes the socket server, then PGlite (which checkpoints, so the data dir is consistent). Idempotent. */
  stop: () => Promise<void>;
  /** What every client process of this database needs in its environment (lib/env.ts), besides DATABASE_URL. */
  clientEnv: Record<string, string>;
};

/** What the embedded database asks of its clients (lib/env.ts settings), and why: see the top of this file. */
export const EMBEDDED_CLIENT_ENV: Readonly<Record<string, string>> = {
  DATABASE_PREPARED_STATEMENTS: "false",
  DATABASE_POOL_MAX: "1",
  DATABASE_CONNECT_TIMEOUT_MS: "30000",
  DATABASE_QUERY_TIMEOUT_MS: "30000",
};

export class EmbeddedPortInUseError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super(`Port ${port} on ${host} is already in use, so the embedded Postgres cannot listen there`);
    this.name = "EmbeddedPortInUseError";
  }
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const host = options.host ?? "127.0.0.1";
  const requestedPort = options.port ?? 0;
  const inMemory = options.dataDir === IN_MEMORY;
  const dataDir = inMemory ? IN_MEMORY : resolve(options.dataDir ?? DEFAULT_EMBEDDED_DATA_DIR);

  // Checked before opening the data dir: a busy port usually means another demo is running
  // on the same data, and that is the clearer error to give.
  if (requestedPort !== 0) await assertPortFree(host, requestedPort);

  const releaseLock = inMemory ? async () => {} : await lockDataDir(dataDir);
  let db: PGlite | undefined;
  try {
    if (!inMemory) await mkdir(dataDir, { recursive: true });
    db = await PGlite.create(dataDir);
    const server = new PGLiteSocketServer({
      db,
      host,
      port: requestedPort,
      maxConnections: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
    });
    try {
      await server.start();
    } catch (error) {
      // Lost the race for the port between the check above and now.
      if (isAddressInUse(error)) throw new EmbeddedPortInUseError(host, requestedPort);
      throw error;
    }
    const port = portOf(server.getServerConn());
    const openDb = db;
    let stopping: Promise<void> | undefined;
    const stop = (): Promise<void> => {
      stopping ??= (async () => {
        try {
          await server.stop();
          // server.stop() starts each handler's detach without awaiting it; let those settle
          // before the database they may still ROLLBACK on goes away.
          await new Promise((done) => setImmediate(done));
          await openDb.close();
        } finally {
          await releaseLock();
        }
      })();
      return stopping;
    };
    return { url: `postgres://postgres@${urlHost(host)}:${port}/postgres`, port, stop, clientEnv: { ...EMBEDDED_CLIENT_ENV } };
  } catch (error) {
    await db?.close().catch(() => {});
    await releaseLock();
    throw error;
  }
}

async function assertPortFree(host: string, port: number): Promise<void> {
  await new Promise<void>((resolvePromise, reject) => {
    const probe = createServer();
    probe.once("error", (error) => reject(isAddressInUse(error) ? new EmbeddedPortInUseError(host, port) : error));
    probe.listen(port, host, () => probe.close(() => resolvePromise()));
  });
}

/**
 * PGlite does not guard its data dir: two processes can open it at once and the last to close
 * silently overwrites the other's writes (seen with 0.5). A pid file next to the dir prevents that;
 * one left behind by a killed process is taken over once that pid is gone.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockFile = `${dataDir}.lock`;
  await mkdir(dirname(lockFile), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lockFile, String(process.pid), { flag: "wx" });
      return async () => {
        await rm(lockFile, { force: true });
      };
    } catch (error) {
      if (!isErrno(error, "EEXIST")) throw error;
    }
    const owner = Number.parseInt(await readFile(lockFile, "utf8").catch(() => ""), 10);
    if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
      throw new Error(`The embedded Postgres data in ${dataDir} is in use by process ${owner} (another \`npm run demo\`?); stop it first. Lock file: ${lockFile}`);
    }
    await rm(lockFile, { force: true });
  }
  throw new Error(`Could not lock ${dataDir} (lock file ${lockFile} keeps reappearing)`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return isErrno(error, "EPERM");
  }
}

function portOf(serverConn: string): number {
  const port = Number(serverConn.slice(serverConn.lastIndexOf(":") + 1));
  if (!Number.isInteger(port) || port <= 0) throw new Error(`Unexpected embedded Postgres address: ${serverConn}`);
  return port;
}

/** A wildcard listen address is not something to connect to; IPv6 literals need brackets in a URL. */
function urlHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

function isAddressInUse(error: unknown): boolean {
  return isErrno(error, "EADDRINUSE");
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
