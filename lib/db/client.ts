// The one Prisma client of the app, created once per process (on first use, so that
// `next build` can import modules without a database) and reused across hot reloads.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { env } from "@/lib/env";
import { closePool, getPool } from "./pool";

function createPrismaClient(): PrismaClient {
  // Prisma runs on the process's one pool (lib/db/pool.ts), which holds the timeouts.
  const adapter = new PrismaPg(getPool());
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

/** For scripts that end: Prisma leaves a pool it did not create open, so end both. */
export async function disconnectDatabase(): Promise<void> {
  await globalForPrisma.__mssPrisma?.$disconnect();
  await closePool();
}
