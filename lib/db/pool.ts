// The one Postgres connection pool of the process. Prisma runs on it (through @prisma/adapter-pg)
// and so do the few hot-path statements that go straight to the driver (lib/db/prepared.ts), so
// both share one set of connections, limits and timeouts.
import pg from "pg";
import { env, getDatabaseUrl } from "@/lib/env";

function createPool(): pg.Pool {
  const pool = new pg.Pool({
    connectionString: getDatabaseUrl(),
    max: env.DATABASE_POOL_MAX,
    // Fail fast when the database is unreachable or hangs, instead of queueing requests: the
    // request answers 503 (lib/errors.ts) within these bounds and the pool reconnects by itself.
    connectionTimeoutMillis: env.DATABASE_CONNECT_TIMEOUT_MS,
    query_timeout: env.DATABASE_QUERY_TIMEOUT_MS,
    // Notice a peer that vanished without closing the connection (a failover, a dropped NAT entry).
    keepAlive: true,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection that dies (a database restart) emits "error" on the pool; unhandled, it
  // would end the process. The pool drops that connection and opens a new one when needed.
  pool.on("error", (error) => console.error(`[db] idle connection lost: ${error.message}`));
  return pool;
}

const globalForPool = globalThis as unknown as { __mssPool?: pg.Pool };

/** Created on first use, so that `next build` can import modules without a database. */
export function getPool(): pg.Pool {
  globalForPool.__mssPool ??= createPool();
  return globalForPool.__mssPool;
}

export async function closePool(): Promise<void> {
  const pool = globalForPool.__mssPool;
  globalForPool.__mssPool = undefined;
  await pool?.end();
}
