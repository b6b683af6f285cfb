// The one Prisma client of the app, created once per process (on first use, so that
// `next build` can import modules without a database) and reused across hot reloads.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { env, getDatabaseUrl } from "@/lib/env";

function createPrismaClient(): PrismaClient {
  const adapter = new PrismaPg({
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
  // An interactive transaction waits for a connection as long as any query does (Prisma's own
  // default is 2 s), so a burst of requests queues the same way for both.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: env.DATABASE_CONNECT_TIMEOUT_MS, timeout: env.DATABASE_QUERY_TIMEOUT_MS } });
}

const globalForPrisma = globalThis as unknown as { __mssPrisma?: PrismaClient };

function getPrismaClient(): PrismaClient {
  globalForPrisma.__mssPrisma ??= createPrismaClient();
  return globalForPrisma.__mssPrisma;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getPrismaClient();
    const value = Reflect.get(client, property, client) as unknown;
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(client) : value;
  },
});
